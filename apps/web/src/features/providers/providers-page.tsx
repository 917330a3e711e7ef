import { useState } from 'react';
import type { Provider } from '@promptops/contracts';
import { Button, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { ConfirmModal } from '../../components/confirm-modal';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useNow } from '../../components/use-now';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { AddModelModal } from './add-model-modal';
import { AddProviderModal } from './add-provider-modal';
import { PickModelsModal } from './pick-models-modal';
import { ModelLimitsModal } from './model-limits-modal';
import { ModelsTable } from './models-table';
import { ProviderCard } from './provider-card';
import { ProviderSettingsDrawer } from './provider-settings-drawer';
import { useDeleteProvider, useModels, useProviders, type ProviderView } from './providers-api';

export function ProvidersPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canWriteProviders = useCan('providers:write');
  const canWriteModels = useCan('models:write');
  // Health, breaker state and this minute's usage change by themselves: refresh while the page is open.
  const providers = useProviders(orgId, { live: true });
  const models = useModels(orgId, { live: true });
  const now = useNow(5_000);
  const remove = useDeleteProvider(orgId);
  const [dialog, setDialog] = useState<'provider' | 'model' | null>(null);
  const [picking, setPicking] = useState<Provider | null>(null);
  const [deleting, setDeleting] = useState<ProviderView | null>(null);
  // Ids, not objects: the lists refresh every few seconds and the editors should see the latest.
  const [settingsId, setSettingsId] = useState<string | null>(null);
  const [limitsId, setLimitsId] = useState<string | null>(null);
  const settingsFor = providers.data?.items.find((p) => p.id === settingsId) ?? null;
  const limitsFor = models.data?.items.find((m) => m.id === limitsId) ?? null;

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
            ? 'Connect LLM providers, watch their health and limits, and set the prices used for cost tracking.'
            : 'The providers and models of this organization, with their health and limits. Only admins change them.'
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
        <Stack gap="md" mb="lg" data-testid="providers-list">
          {providers.data.items.map((p) => (
            <ProviderCard
              key={p.id}
              orgId={orgId}
              provider={p}
              canWrite={canWriteProviders}
              now={now}
              onSettings={() => setSettingsId(p.id)}
              onDelete={() => setDeleting(p)}
            />
          ))}
        </Stack>
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
          <ModelsTable
            orgId={orgId}
            models={models.data.items}
            canWrite={canWriteModels}
            now={now}
            onEditLimits={(m) => setLimitsId(m.id)}
          />
        </Card>
      )}
      {models.data?.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="models-empty">
          Models appear here when you add a provider.
        </Text>
      )}
      <AddProviderModal
        orgId={orgId}
        opened={dialog === 'provider'}
        onClose={() => setDialog(null)}
        onAddedWithoutModels={setPicking}
      />
      <PickModelsModal orgId={orgId} provider={picking} onClose={() => setPicking(null)} />
      <AddModelModal
        orgId={orgId}
        providers={providers.data?.items ?? []}
        opened={dialog === 'model'}
        onClose={() => setDialog(null)}
      />
      {canWriteProviders && (
        <ProviderSettingsDrawer orgId={orgId} provider={settingsFor} onClose={() => setSettingsId(null)} />
      )}
      {canWriteModels && (
        <ModelLimitsModal orgId={orgId} model={limitsFor} onClose={() => setLimitsId(null)} />
      )}
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
