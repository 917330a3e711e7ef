import { useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Button,
  Divider,
  Drawer,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import {
  formToSettings,
  PROVIDER_SETTINGS_PLACEHOLDERS as PLACEHOLDERS,
  settingsToForm,
  type ProviderSettingsForm,
} from './provider-settings-form';
import { useUpdateProvider, type ProviderView } from './providers-api';

type NumberField = Exclude<keyof ProviderSettingsForm, 'headers'>;

const toValue = (v: string | number): number | '' => (typeof v === 'number' ? v : v === '' ? '' : Number(v));

function SettingsForm({
  orgId,
  provider,
  onClose,
}: {
  orgId: string;
  provider: ProviderView;
  onClose: () => void;
}) {
  const update = useUpdateProvider(orgId);
  const [form, setForm] = useState(() => settingsToForm(provider.settings, provider.headers));
  const [errors, setErrors] = useState<FieldErrors>({});

  const numberField = (field: NumberField, label: string, description: string, integer = false) => (
    <NumberInput
      label={label}
      description={description}
      placeholder={PLACEHOLDERS[field]}
      min={0}
      allowDecimal={!integer}
      decimalScale={integer ? 0 : 1}
      value={form[field]}
      onChange={(v) => setForm({ ...form, [field]: toValue(v) })}
      error={errors[field]}
      data-testid={`settings-${field}`}
    />
  );

  const setHeader = (index: number, key: 'key' | 'value', value: string) =>
    setForm({ ...form, headers: form.headers.map((h, i) => (i === index ? { ...h, [key]: value } : h)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = formToSettings(
      form,
      provider.headers.map((h) => h.name),
    );
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    update.mutate(
      { id: provider.id, changes: { settings: checked.settings } },
      {
        onSuccess: () => {
          notifySuccess(`${provider.name}: settings saved`);
          onClose();
        },
        onError: (error) => notifyFailure(`Could not save the settings of ${provider.name}`, error),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Provider settings">
      <Stack>
        <Text size="sm" c="dimmed">
          Empty fields use the defaults shown. Changes apply to the next call.
        </Text>
        <Title order={6}>Timeouts (seconds)</Title>
        <SimpleGrid cols={3} spacing="sm">
          {numberField('connectSeconds', 'Connect', 'Until headers')}
          {numberField('ttftSeconds', 'First token', 'Until the first token')}
          {numberField('totalSeconds', 'Total', 'Whole call, retries too')}
        </SimpleGrid>
        <Title order={6}>Retries</Title>
        <SimpleGrid cols={3} spacing="sm">
          {numberField('maxRetries', 'Max retries', 'On 429, 5xx, network errors', true)}
        </SimpleGrid>
        <Title order={6}>Circuit breaker</Title>
        <SimpleGrid cols={2} spacing="sm">
          {numberField('consecutiveFailures', 'Opens after', 'Consecutive failed calls', true)}
          {numberField('halfOpenAfterSeconds', 'Probe after (s)', 'Wait before a trial call')}
        </SimpleGrid>
        <Divider />
        <Group justify="space-between">
          <Title order={6}>Custom headers</Title>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setForm({ ...form, headers: [...form.headers, { key: '', value: '' }] })}
            data-testid="settings-add-header"
          >
            Add header
          </Button>
        </Group>
        {form.headers.length === 0 && (
          <Text size="xs" c="dimmed">
            Sent with every request to this provider, e.g. for a self-hosted gateway.
          </Text>
        )}
        {form.headers.some((h) => h.stored) && (
          <Text size="xs" c="dimmed">
            Values are stored encrypted and never shown again; leave a value empty to keep it.
          </Text>
        )}
        {form.headers.map((header, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`settings-header-${i}`}>
            <TextInput
              flex={1}
              placeholder="X-Header-Name"
              aria-label={`Header ${i + 1} name`}
              value={header.key}
              // A stored header keeps its name; remove it and add another to rename.
              readOnly={Boolean(header.stored)}
              variant={header.stored ? 'filled' : 'default'}
              onChange={(e) => setHeader(i, 'key', e.currentTarget.value)}
              error={errors[`headers.${i}.key`]}
              data-testid={`settings-header-key-${i}`}
            />
            <TextInput
              flex={1}
              placeholder={header.stored ? `unchanged (${header.stored.hint ?? 'value hidden'})` : 'value'}
              type="password"
              autoComplete="off"
              aria-label={`Header ${i + 1} value`}
              value={header.value}
              onChange={(e) => setHeader(i, 'value', e.currentTarget.value)}
              error={errors[`headers.${i}.value`]}
              data-testid={`settings-header-value-${i}`}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={6}
              onClick={() => setForm({ ...form, headers: form.headers.filter((_, j) => j !== i) })}
              aria-label={`Remove header ${i + 1}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between" mt="sm">
          <Button
            variant="subtle"
            color="gray"
            onClick={() => setForm(settingsToForm({}, provider.headers))}
            data-testid="settings-reset"
          >
            Reset to defaults
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="settings-submit">
              Save settings
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** Timeouts, retries, circuit breaker and custom headers of one provider (admins). */
export function ProviderSettingsDrawer({
  orgId,
  provider,
  onClose,
}: {
  orgId: string;
  provider: ProviderView | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={provider !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{provider ? `${provider.name} settings` : 'Settings'}</Text>}
      data-testid="provider-settings-drawer"
    >
      {/* Keyed so the form starts from the stored settings every time it opens. */}
      {provider && <SettingsForm key={provider.id} orgId={orgId} provider={provider} onClose={onClose} />}
    </Drawer>
  );
}
