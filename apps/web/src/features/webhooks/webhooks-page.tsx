import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  Drawer,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconListDetails, IconPencil, IconPlus, IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import type { Webhook } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { ConfirmModal } from '../../components/confirm-modal';
import { DangerIconButton } from '../../components/danger-icon-button';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { DeliveryLog, DeliveryStatusBadge } from './delivery-log';
import { WebhookFormModal } from './webhook-form-modal';
import { eventLabel, shortUrl } from './webhook-view';
import { useDeleteWebhook, useTestWebhook, useUpdateWebhook, useWebhooks } from './webhooks-api';

function EventBadges({ events }: { events: string[] }) {
  const shown = events.slice(0, 2);
  return (
    <Group gap={4}>
      {shown.map((e) => (
        <Badge key={e} variant="light" color="gray" tt="none">
          {eventLabel(e)}
        </Badge>
      ))}
      {events.length > shown.length && (
        <Tooltip label={events.slice(2).map(eventLabel).join(', ')} withArrow multiline maw={280}>
          <Badge variant="outline" color="gray">
            +{events.length - shown.length}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

function LastDelivery({ webhook }: { webhook: Webhook }) {
  const last = webhook.lastDelivery;
  if (!last)
    return (
      <Text size="sm" c="dimmed">
        None yet
      </Text>
    );
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <DeliveryStatusBadge status={last.status as 'pending' | 'retrying' | 'succeeded' | 'failed'} />
        {last.responseStatus !== null && (
          <Text size="xs" ff="monospace">
            {last.responseStatus}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {formatDateTime(last.at)}
      </Text>
    </Stack>
  );
}

export function WebhooksPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canWrite = useCan('webhooks:write');
  const webhooks = useWebhooks(orgId);
  const update = useUpdateWebhook(orgId);
  const remove = useDeleteWebhook(orgId);
  const test = useTestWebhook(orgId);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);

  function sendTest(w: Webhook) {
    test.mutate(w.id, {
      onSuccess: (d) =>
        d.status === 'succeeded'
          ? notifySuccess(`Test delivered: HTTP ${d.responseStatus} in ${d.durationMs} ms`)
          : notifyFailure('The test delivery failed', new Error(d.error ?? d.status)),
      onError: (error) => notifyFailure('Could not send a test', error),
    });
  }

  function setActive(w: Webhook, active: boolean) {
    update.mutate(
      { id: w.id, body: { active } },
      {
        onSuccess: () => notifySuccess(active ? 'Webhook activated' : 'Webhook deactivated'),
        onError: (error) => notifyFailure('Could not change the webhook', error),
      },
    );
  }

  function confirmDelete() {
    if (!deleting) return;
    const w = deleting;
    remove.mutate(w.id, {
      onSuccess: () => notifySuccess(`Webhook to ${shortUrl(w.url)} deleted`),
      onError: (error) => notifyFailure('Could not delete the webhook', error),
      onSettled: () => setDeleting(null),
    });
  }

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed HTTP callbacks when prompts change, reviews move, evaluations finish or regressions appear."
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="webhook-create-button"
            >
              Add webhook
            </Button>
          )
        }
      />
      {webhooks.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {webhooks.isError && <ErrorAlert error={webhooks.error} onRetry={() => void webhooks.refetch()} />}
      {webhooks.data && webhooks.data.items.length === 0 && (
        <Card>
          <Stack align="center" gap="xs" py="xl" data-testid="webhooks-empty">
            <IconWebhook size={32} color="var(--mantine-color-gray-5)" />
            <Text fw={500}>No webhooks yet</Text>
            <Text size="sm" c="dimmed" ta="center" maw={420}>
              Add one to tell your CI, chat or deployment tooling when a prompt version is created, a label
              moves or an evaluation finishes.
            </Text>
          </Stack>
        </Card>
      )}
      {webhooks.data && webhooks.data.items.length > 0 && (
        <Card p={0}>
          <Table.ScrollContainer minWidth={860} type="native">
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="webhooks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>URL</Table.Th>
                  <Table.Th>Events</Table.Th>
                  <Table.Th w={100}>Format</Table.Th>
                  <Table.Th>Active</Table.Th>
                  <Table.Th>Last delivery</Table.Th>
                  <Table.Th w={canWrite ? 170 : 60} aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {webhooks.data.items.map((w) => (
                  <Table.Tr key={w.id} data-testid={`webhook-row-${w.id}`}>
                    <Table.Td maw={320}>
                      <Tooltip label={w.url} withArrow>
                        <Text size="sm" fw={500} truncate="end">
                          {shortUrl(w.url)}
                        </Text>
                      </Tooltip>
                      <Text size="xs" c="dimmed" truncate="end">
                        {w.description ?? (
                          <>
                            secret …<Code fz="xs">{w.secretHint}</Code>
                          </>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <EventBadges events={w.events} />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={w.format === 'slack' ? 'grape' : 'indigo'} miw={64}>
                        {w.format === 'slack' ? 'Slack' : 'JSON'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={w.active}
                        disabled={!canWrite || update.isPending}
                        onChange={(e) => setActive(w, e.currentTarget.checked)}
                        aria-label={w.active ? `Deactivate webhook ${w.url}` : `Activate webhook ${w.url}`}
                        data-testid={`webhook-active-${w.id}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <LastDelivery webhook={w} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {canWrite && (
                          <Tooltip label="Send test" withArrow>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Send a test to ${w.url}`}
                              loading={test.isPending && test.variables === w.id}
                              onClick={() => sendTest(w)}
                              data-testid={`webhook-test-${w.id}`}
                            >
                              <IconSend size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                        <Tooltip label="Deliveries" withArrow>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Deliveries of ${w.url}`}
                            onClick={() => setLogOf(w)}
                            data-testid={`webhook-deliveries-${w.id}`}
                          >
                            <IconListDetails size={16} />
                          </ActionIcon>
                        </Tooltip>
                        {canWrite && (
                          <Tooltip label="Edit" withArrow>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Edit webhook ${w.url}`}
                              onClick={() => setEditing(w)}
                              data-testid={`webhook-edit-${w.id}`}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                        {canWrite && (
                          <DangerIconButton
                            label="Delete"
                            ariaLabel={`Delete webhook ${w.url}`}
                            testId={`webhook-delete-${w.id}`}
                            onClick={() => setDeleting(w)}
                          >
                            <IconTrash size={16} />
                          </DangerIconButton>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {canWrite && <WebhookFormModal orgId={orgId} opened={creating} onClose={() => setCreating(false)} />}
      {canWrite && editing && (
        <WebhookFormModal
          key={editing.id}
          orgId={orgId}
          webhook={editing}
          opened
          onClose={() => setEditing(null)}
        />
      )}
      <Drawer
        opened={logOf !== null}
        onClose={() => setLogOf(null)}
        position="right"
        size="xl"
        title={
          logOf && (
            <Stack gap={0}>
              <Text fw={600}>Deliveries</Text>
              <Text size="xs" c="dimmed">
                {logOf.url}
              </Text>
            </Stack>
          )
        }
      >
        {logOf && <DeliveryLog orgId={orgId} webhookId={logOf.id} canWrite={canWrite} />}
      </Drawer>
      <ConfirmModal
        opened={deleting !== null}
        title="Delete webhook"
        confirmLabel="Delete"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      >
        {`Delete the webhook to ${deleting?.url ?? ''}? Its delivery log goes too, and pending retries stop.`}
      </ConfirmModal>
    </>
  );
}
