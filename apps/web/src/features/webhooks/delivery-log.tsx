import { Fragment, useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconRefresh, IconSend } from '@tabler/icons-react';
import type { WebhookDelivery } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import {
  DELIVERY_STATUS_COLORS,
  eventLabel,
  formatDuration,
  prettyBody,
  type DeliveryStatus,
} from './webhook-view';
import { useRedeliver, useWebhookDeliveries } from './webhooks-api';

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <Badge
      color={DELIVERY_STATUS_COLORS[status]}
      variant={status === 'succeeded' ? 'light' : 'filled'}
      style={{ flexShrink: 0, overflow: 'visible' }}
      miw={96}
      data-testid="delivery-status"
      data-status={status}
    >
      {status}
    </Badge>
  );
}

function DeliveryDetail({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <Stack gap="xs" p="sm" data-testid={`delivery-detail-${delivery.id}`}>
      <Text size="xs" c="dimmed">
        Delivery <Code>{delivery.id}</Code>
        {delivery.eventId !== null && ` · event #${delivery.eventId}`}
        {delivery.nextAttemptAt && ` · next attempt ${formatDateTime(delivery.nextAttemptAt, true)}`}
      </Text>
      {delivery.error && (
        <Text size="sm" c="red" data-testid="delivery-error">
          {delivery.error}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap={4}>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Payload (data)
          </Text>
          <Code block mah={260} style={{ overflow: 'auto' }}>
            {JSON.stringify(delivery.payload, null, 2)}
          </Code>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Response body{delivery.responseStatus !== null && ` (HTTP ${delivery.responseStatus})`}
          </Text>
          <Code block mah={260} style={{ overflow: 'auto' }} data-testid="delivery-response-body">
            {delivery.responseStatus === null ? 'No response' : prettyBody(delivery.responseBody)}
          </Code>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

const STATUS_FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'retrying', label: 'Retrying' },
  { value: 'failed', label: 'Failed' },
];

/** A webhook's deliveries, newest first: outcome per row, payload and response on expand. */
export function DeliveryLog({
  orgId,
  webhookId,
  canWrite,
}: {
  orgId: string;
  webhookId: string;
  canWrite: boolean;
}) {
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const log = useWebhookDeliveries(orgId, webhookId, status);
  const redeliver = useRedeliver(orgId, webhookId);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  function resend(d: WebhookDelivery) {
    redeliver.mutate(d.id, {
      onSuccess: (after) =>
        after.status === 'succeeded'
          ? notifySuccess(`Redelivered: HTTP ${after.responseStatus}`)
          : notifyFailure('The redelivery failed', new Error(after.error ?? after.status)),
      onError: (error) => notifyFailure('Could not redeliver', error),
    });
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? null : (v as DeliveryStatus))}
          data={STATUS_FILTERS}
          data-testid="delivery-status-filter"
        />
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconRefresh size={14} />}
          loading={log.isRefetching}
          onClick={() => void log.refetch()}
        >
          Refresh
        </Button>
      </Group>
      {log.isPending && <TableSkeleton rows={5} />}
      {log.isError && <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && items.length === 0 && (
        <Stack align="center" gap={4} py="xl" data-testid="deliveries-empty">
          <IconSend size={28} color="var(--mantine-color-gray-5)" />
          <Text fw={500}>No deliveries {status ? `with status ${status}` : 'yet'}</Text>
          <Text size="sm" c="dimmed">
            Send a test, or wait for a subscribed event.
          </Text>
        </Stack>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="xs" highlightOnHover data-testid="deliveries-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32} aria-label="Expand" />
                <Table.Th w={120}>Status</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Response</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Created</Table.Th>
                {canWrite && <Table.Th w={48} aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Fragment key={d.id}>
                  <Table.Tr
                    data-testid={`delivery-row-${d.id}`}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setOpen(open === d.id ? null : d.id)}
                  >
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={open === d.id ? 'Hide details' : 'Show details'}
                        aria-expanded={open === d.id}
                      >
                        {open === d.id ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      </ActionIcon>
                    </Table.Td>
                    <Table.Td>
                      <DeliveryStatusBadge status={d.status} />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={d.event} withArrow>
                        <Text size="sm">{eventLabel(d.event)}</Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={d.responseStatus === null ? 'dimmed' : undefined} ff="monospace">
                        {d.responseStatus ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDuration(d.durationMs)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.attempts}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(d.createdAt, true)}</Text>
                    </Table.Td>
                    {canWrite && (
                      <Table.Td onClick={(e) => e.stopPropagation()}>
                        <Tooltip label="Redeliver now" withArrow>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Redeliver ${d.id}`}
                            loading={redeliver.isPending && redeliver.variables === d.id}
                            onClick={() => resend(d)}
                            data-testid={`delivery-redeliver-${d.id}`}
                          >
                            <IconRefresh size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {open === d.id && (
                    <Table.Tr>
                      <Table.Td colSpan={canWrite ? 8 : 7} bg="var(--mantine-color-gray-0)">
                        <DeliveryDetail delivery={d} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            size="xs"
            loading={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
            data-testid="deliveries-load-more"
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
