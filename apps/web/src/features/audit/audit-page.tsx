import { useState } from 'react';
import { Button, Card, Center, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconListSearch, IconShieldCheck } from '@tabler/icons-react';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCurrentOrg } from '../orgs/current-org';
import { useAuditLog, useExportAuditLog, useVerifyAuditLog } from './audit-api';
import { AuditFiltersForm } from './audit-filters';
import { auditExportFileName, EMPTY_AUDIT_FILTERS, hasActiveFilters, type AuditFilters } from './audit-query';
import { AuditTable } from './audit-table';
import { VerifyResult } from './verify-result';

export function AuditPage() {
  const { organization } = useCurrentOrg();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const log = useAuditLog(organization.id, filters);
  const verify = useVerifyAuditLog(organization.id);
  const exportCsv = useExportAuditLog(organization.id);
  const events = log.data?.pages.flatMap((page) => page.items) ?? [];

  function download() {
    exportCsv.mutate(
      { filters, fallbackName: auditExportFileName(organization.slug, new Date()) },
      {
        onSuccess: (name) => notifySuccess(`Downloaded ${name}`),
        onError: (error) => notifyFailure('Could not export the audit log', error),
      },
    );
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this organization, append-only and hash-chained."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconShieldCheck size={16} />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify-button"
            >
              Verify integrity
            </Button>
            <Button
              leftSection={<IconDownload size={16} />}
              loading={exportCsv.isPending}
              onClick={download}
              data-testid="audit-export-button"
            >
              Export CSV
            </Button>
          </>
        }
      />
      <Stack gap={0}>
        {(verify.data !== undefined || verify.isError) && (
          <VerifyResult result={verify.data} error={verify.error} onDismiss={() => verify.reset()} />
        )}
        <AuditFiltersForm orgId={organization.id} value={filters} onApply={setFilters} />
        {log.isPending && (
          <Card>
            <TableSkeleton rows={6} />
          </Card>
        )}
        {log.isError && !log.isFetchNextPageError && (
          <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
        )}
        {log.data && events.length === 0 && (
          <Card>
            <Center py="xl">
              <Stack align="center" gap="xs" data-testid="audit-empty">
                <IconListSearch size={32} color="var(--mantine-color-gray-5)" />
                <Text fw={500}>No events</Text>
                <Text size="sm" c="dimmed">
                  {hasActiveFilters(filters)
                    ? 'Nothing matches these filters.'
                    : 'Nothing has happened here yet.'}
                </Text>
              </Stack>
            </Center>
          </Card>
        )}
        {events.length > 0 && (
          <Card p={0}>
            <AuditTable events={events} />
            <Group
              justify="space-between"
              px="md"
              py="sm"
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
            >
              <Text size="sm" c="dimmed" data-testid="audit-count">
                {events.length} event{events.length === 1 ? '' : 's'} shown
              </Text>
              {log.hasNextPage ? (
                <Button
                  variant="light"
                  size="xs"
                  loading={log.isFetchingNextPage}
                  onClick={() => void log.fetchNextPage()}
                  data-testid="audit-load-more"
                >
                  Load more
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  End of log
                </Text>
              )}
            </Group>
          </Card>
        )}
        {log.isFetchNextPageError && (
          <ErrorAlert
            title="Could not load more events"
            error={log.error}
            onRetry={() => void log.fetchNextPage()}
          />
        )}
      </Stack>
    </>
  );
}
