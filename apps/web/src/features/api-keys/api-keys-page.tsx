import { useState } from 'react';
import { Button, Card, Code, Stack, Table, Text } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ApiKey } from '@promptops/contracts';
import { formatDate, formatDateTime } from '../../app/format';
import { ConfirmModal } from '../../components/confirm-modal';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { RoleBadge } from '../../components/role-badge';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { useApiKeys, useRevokeApiKey } from './api-keys-api';
import { CreateApiKeyModal } from './create-api-key-modal';
import { DangerIconButton } from '../../components/danger-icon-button';

export function ApiKeysPage() {
  const { organization } = useCurrentOrg();
  const canWrite = useCan('api-keys:write');
  const keys = useApiKeys(organization.id);
  const revokeKey = useRevokeApiKey(organization.id);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  function confirmRevoke() {
    if (!revoking) return;
    const key = revoking;
    revokeKey.mutate(key.id, {
      onSuccess: () => notifySuccess(`API key “${key.name}” revoked`),
      onError: (error) => notifyFailure('Could not revoke the API key', error),
      onSettled: () => setRevoking(null),
    });
  }

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys authenticate CI pipelines and the SDK against this organization."
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="api-key-create-button"
            >
              Create API key
            </Button>
          )
        }
      />
      {keys.isPending && (
        <Card>
          <TableSkeleton />
        </Card>
      )}
      {keys.isError && <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />}
      {keys.data && keys.data.items.length === 0 && (
        <Card>
          <Stack align="center" gap="xs" py="xl" data-testid="api-keys-empty">
            <IconKey size={32} color="var(--mantine-color-gray-5)" />
            <Text fw={500}>No API keys yet</Text>
            <Text size="sm" c="dimmed">
              Create one for your CI pipeline or SDK.
            </Text>
          </Stack>
        </Card>
      )}
      {keys.data && keys.data.items.length > 0 && (
        <Card p={0}>
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="api-keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  {canWrite && <Table.Th w={60} aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((key) => (
                  <Table.Tr key={key.id} data-testid={`api-key-row-${key.name}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {key.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{key.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadge role={key.role} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(key.createdAt)}</Text>
                      {key.createdBy && (
                        <Text size="xs" c="dimmed">
                          by {key.createdBy.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={key.lastUsedAt ? undefined : 'dimmed'}>
                        {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}
                      </Text>
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <DangerIconButton
                          label="Revoke key"
                          ariaLabel={`Revoke API key ${key.name}`}
                          testId={`api-key-revoke-${key.name}`}
                          onClick={() => setRevoking(key)}
                        >
                          <IconTrash size={16} />
                        </DangerIconButton>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {canWrite && (
        <CreateApiKeyModal orgId={organization.id} opened={creating} onClose={() => setCreating(false)} />
      )}
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke API key"
        confirmLabel="Revoke"
        loading={revokeKey.isPending}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      >
        {`Revoke “${revoking?.name ?? ''}”? Anything still using it gets 401 from now on.`}
      </ConfirmModal>
    </>
  );
}
