import { Fragment, useState } from 'react';
import { ActionIcon, Badge, Code, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { AuditEvent } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { actionColor, formatActor, shortId, summarizeDetails } from './audit-query';

const COLUMNS = 7;

export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing="xs" horizontalSpacing="md" highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36} aria-label="Expand" />
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Resource</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const open = expanded.has(event.id);
            const actor = formatActor(event.actor);
            return (
              <Fragment key={event.id}>
                <Table.Tr data-testid="audit-row" data-action={event.action} data-event-id={event.id}>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      onClick={() => toggle(event.id)}
                      aria-expanded={open}
                      aria-label={open ? 'Hide details' : 'Show details'}
                      data-testid="audit-row-toggle"
                    >
                      {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip
                      label={`${formatDateTime(event.at, true)} · ${event.at}`}
                      withArrow
                      openDelay={400}
                    >
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(event.at)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={190}>
                      {actor.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {actor.kind}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={actionColor(event.action)}
                      tt="none"
                      // A badge truncates by default; an action name cut to "ap…" says nothing.
                      style={{ minWidth: 'max-content' }}
                      data-testid="audit-action"
                    >
                      {event.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{event.resourceType}</Text>
                    {event.resourceId && (
                      <Text size="xs" c="dimmed" ff="monospace">
                        {shortId(event.resourceId)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" ff="monospace">
                      {event.ip ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" truncate maw={180}>
                      {summarizeDetails(event.details) || '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr data-testid="audit-row-details">
                    <Table.Td colSpan={COLUMNS} bg="gray.0">
                      <Stack gap={6} py={4}>
                        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          Event {event.id} · {event.at}
                          {event.resourceId ? ` · ${event.resourceType} ${event.resourceId}` : ''}
                          {event.actor.id ? ` · actor id ${event.actor.id}` : ''}
                        </Text>
                        {event.userAgent && (
                          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                            User agent: {event.userAgent}
                          </Text>
                        )}
                        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                          {JSON.stringify(event.details, null, 2)}
                        </Code>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
