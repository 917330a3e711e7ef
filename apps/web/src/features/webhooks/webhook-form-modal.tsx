import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { CreateWebhookRequest, type Webhook } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { SecretReveal } from '../../components/secret-reveal';
import {
  EMPTY_WEBHOOK_FORM,
  EVENT_OPTIONS,
  createRequest,
  formFromWebhook,
  shortUrl,
  updateRequest,
  type WebhookEvent,
  type WebhookFormValues,
} from './webhook-view';
import { useCreateWebhook, useUpdateWebhook } from './webhooks-api';

/** The signing secret, shown once right after it was generated or rotated. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <Stack>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Shown only once">
        Store this signing secret with your receiver now. PromptOps keeps it encrypted and cannot show it
        again; rotate it to get a new one.
      </Alert>
      <Text size="sm">
        Check each request with it: <code>X-PromptOps-Signature: t=…,v1=…</code> is the HMAC-SHA256 of{' '}
        <code>&lt;t&gt;.&lt;raw body&gt;</code>.
      </Text>
      <SecretReveal value={secret} testId="webhook-secret" label="signing secret" />
      <Group justify="flex-end">
        <Button onClick={onDone} data-testid="webhook-secret-done">
          I have copied it
        </Button>
      </Group>
    </Stack>
  );
}

/** Adds a webhook (`webhook` absent) or edits one; after a create the new secret is shown once. */
export function WebhookFormModal({
  orgId,
  webhook,
  opened,
  onClose,
}: {
  orgId: string;
  webhook?: Webhook;
  opened: boolean;
  onClose: () => void;
}) {
  const create = useCreateWebhook(orgId);
  const update = useUpdateWebhook(orgId);
  const [form, setForm] = useState<WebhookFormValues>(() =>
    webhook ? formFromWebhook(webhook) : EMPTY_WEBHOOK_FORM,
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [secret, setSecret] = useState<string | null>(null);

  function close() {
    setForm(webhook ? formFromWebhook(webhook) : EMPTY_WEBHOOK_FORM);
    setErrors({});
    // Forget the secret as soon as the dialog closes: it is shown exactly once.
    setSecret(null);
    create.reset();
    update.reset();
    onClose();
  }

  const failed = (title: string) => (error: unknown) => {
    setErrors(problemFieldErrors(error));
    notifyFailure(title, error);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateWith(CreateWebhookRequest, { ...createRequest(form) });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    if (!webhook) {
      create.mutate(createRequest(form), {
        onSuccess: (created) => {
          notifySuccess(`Webhook to ${shortUrl(created.url)} added`);
          setSecret(created.secret ?? null);
        },
        onError: failed('Could not add the webhook'),
      });
      return;
    }
    const body = updateRequest(webhook, form);
    if (Object.keys(body).length === 0) return close();
    update.mutate(
      { id: webhook.id, body },
      {
        onSuccess: () => {
          notifySuccess('Webhook saved');
          close();
        },
        onError: failed('Could not save the webhook'),
      },
    );
  }

  function rotate() {
    if (!webhook) return;
    update.mutate(
      { id: webhook.id, body: { rotateSecret: true } },
      {
        onSuccess: (after) => {
          notifySuccess('Signing secret rotated');
          setSecret(after.secret ?? null);
        },
        onError: (error) => notifyFailure('Could not rotate the secret', error),
      },
    );
  }

  const toggleEvent = (event: WebhookEvent, on: boolean) =>
    setForm({ ...form, events: on ? [...form.events, event] : form.events.filter((e) => e !== event) });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={secret ? 'Copy the signing secret' : webhook ? 'Edit webhook' : 'Add webhook'}
      centered
      size="lg"
      // Clicking outside must not throw away a secret the user has not copied yet.
      closeOnClickOutside={secret === null}
    >
      {secret ? (
        <SecretOnce secret={secret} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate aria-label={webhook ? 'Edit webhook' : 'Add webhook'}>
          <Stack>
            <TextInput
              label="Payload URL"
              placeholder="https://example.com/hooks/promptops"
              description="PromptOps POSTs each event here. Internal and cloud metadata addresses are refused."
              value={form.url}
              onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
              error={errors.url}
              data-autofocus
              data-testid="webhook-url"
            />
            <TextInput
              label="Description"
              placeholder="Release notifications for #prompt-changes"
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
              error={errors.description}
              data-testid="webhook-description"
            />
            <Checkbox.Group
              label="Events"
              description="Deliveries are sent for these events of this organization."
              value={form.events}
              error={errors.events}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {EVENT_OPTIONS.map((o) => (
                  <Checkbox
                    key={o.value}
                    value={o.value}
                    label={o.label}
                    description={o.description}
                    checked={form.events.includes(o.value)}
                    onChange={(e) => toggleEvent(o.value, e.currentTarget.checked)}
                    data-testid={`webhook-event-${o.value}`}
                  />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Format
              </Text>
              <SegmentedControl
                value={form.format}
                onChange={(v) => setForm({ ...form, format: v as WebhookFormValues['format'] })}
                data={[
                  { value: 'json', label: 'JSON' },
                  { value: 'slack', label: 'Slack message' },
                ]}
                data-testid="webhook-format"
              />
              <Text size="xs" c="dimmed">
                {form.format === 'json'
                  ? 'The event as JSON: id, event, createdAt, orgId and data.'
                  : 'A readable summary for a Slack incoming-webhook URL.'}
              </Text>
            </Stack>
            <Switch
              label="Active"
              description="An inactive webhook gets no deliveries (a test can still be sent)."
              checked={form.active}
              onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })}
              data-testid="webhook-active"
            />
            {webhook && (
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  Signing secret ends in <code>{webhook.secretHint}</code>. A new one replaces it at once.
                </Text>
                <Button
                  variant="light"
                  color="orange"
                  size="xs"
                  leftSection={<IconKey size={14} />}
                  onClick={rotate}
                  loading={update.isPending && update.variables?.body.rotateSecret === true}
                  data-testid="webhook-rotate-secret"
                >
                  Rotate secret
                </Button>
              </Group>
            )}
            <FormActions
              onCancel={close}
              submitLabel={webhook ? 'Save' : 'Add webhook'}
              submitTestId="webhook-submit"
              loading={create.isPending || update.isPending}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
