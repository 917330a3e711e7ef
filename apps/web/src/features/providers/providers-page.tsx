import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Provider } from '@promptops/contracts';
import { formatDate } from '../../app/format';
import { ConfirmModal } from '../../components/confirm-modal';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { AddModelModal } from './add-model-modal';
import { AddProviderModal } from './add-provider-modal';
import { PROVIDER_TYPE_LABELS } from './model-catalog';
import { ModelsTable } from './models-table';
import { useDeleteProvider, useModels, useProviders } from './providers-api';

export function ProvidersPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canWriteProviders = useCan('providers:write');
  const canWriteModels = useCan('models:write');
  const providers = useProviders(orgId);
  const models = useModels(orgId);
  const remove = useDeleteProvider(orgId);
  const [dialog, setDialog] = useState<'provider' | 'model' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);

  function confirmDelete() {
    if (!deleting) return;
    const provider = deleting;
    remove.mutate(provider.id, {
      onSuccess: () => notifySuccess(`${provider.name} removed`),
      onError: (error) => notifyFailure(`Could not remove ${provider.name}`, error),
      onSettled: () => setDeleting(null),
    });
  }

  return (
    <>
      <PageHeader
        title="Providers & models"
        description={
          canWriteProviders
            ? 'Connect LLM providers and set the prices used for cost tracking.'
            : 'The providers and models of this organization. Only admins change them.'
        }
        actions={
          canWriteProviders && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog('provider')}
              data-testid="add-provider-button"
            >
              Add provider
            </Button>
          )
        }
      />
      {providers.isPending && (
        <Card mb="lg">
          <TableSkeleton rows={2} />
        </Card>
      )}
      {providers.isError && <ErrorAlert error={providers.error} onRetry={() => void providers.refetch()} />}
      {providers.data?.items.length === 0 && (
        <Card mb="lg">
          <Center py="xl">
            <Stack align="center" gap="xs" data-testid="providers-empty">
              <IconPlugConnected size={32} color="var(--mantine-color-gray-5)" />
              <Text fw={500}>No providers yet</Text>
              <Text size="sm" c="dimmed">
                Start with the built-in mock provider to try the playground without any key.
              </Text>
            </Stack>
          </Center>
        </Card>
      )}
      {providers.data && providers.data.items.length > 0 && (
        <Card p={0} mb="lg">
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="providers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Endpoint</Table.Th>
                <Table.Th>API key</Table.Th>
                <Table.Th>Added</Table.Th>
                {canWriteProviders && <Table.Th w={60} aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {providers.data.items.map((p) => (
                <Table.Tr key={p.id} data-testid={`provider-row-${p.name}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {p.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={p.type === 'mock' ? 'grape' : 'indigo'} tt="none">
                      {PROVIDER_TYPE_LABELS[p.type]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" ff="monospace" truncate maw={260}>
                      {p.baseUrl ?? (p.type === 'mock' ? 'built in' : 'default')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text
                      size="sm"
                      ff="monospace"
                      c={p.keyHint ? undefined : 'dimmed'}
                      data-testid={`provider-key-${p.name}`}
                    >
                      {p.keyHint ?? 'none'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatDate(p.createdAt)}
                    </Text>
                  </Table.Td>
                  {canWriteProviders && (
                    <Table.Td>
                      <Tooltip label="Remove provider" withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => setDeleting(p)}
                          aria-label={`Remove ${p.name}`}
                          data-testid={`provider-delete-${p.name}`}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Group justify="space-between" mb="sm">
        <Title order={4}>Models</Title>
        {canWriteModels && (providers.data?.items.length ?? 0) > 0 && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setDialog('model')}
            data-testid="add-model-button"
          >
            Add model
          </Button>
        )}
      </Group>
      {models.isPending && <TableSkeleton rows={3} />}
      {models.isError && <ErrorAlert error={models.error} onRetry={() => void models.refetch()} />}
      {models.data && models.data.items.length > 0 && (
        <Card p={0}>
          <ModelsTable orgId={orgId} models={models.data.items} canWrite={canWriteModels} />
        </Card>
      )}
      {models.data?.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="models-empty">
          Models appear here when you add a provider.
        </Text>
      )}
      <AddProviderModal orgId={orgId} opened={dialog === 'provider'} onClose={() => setDialog(null)} />
      <AddModelModal
        orgId={orgId}
        providers={providers.data?.items ?? []}
        opened={dialog === 'model'}
        onClose={() => setDialog(null)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title="Remove provider"
        confirmLabel="Remove"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      >
        {`Remove ${deleting?.name ?? ''}? Its models disappear from the playground; past runs keep their records.`}
      </ConfirmModal>
    </>
  );
}
