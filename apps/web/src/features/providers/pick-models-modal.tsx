import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { Provider } from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';
import { describeError } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useCreateModel } from './providers-api';

/**
 * After adding a provider that has no default models (Hugging Face, OpenAI-compatible servers):
 * offer what its /models endpoint lists, or say plainly that no model was added.
 */
export function PickModelsModal({
  orgId,
  provider,
  onClose,
}: {
  orgId: string;
  provider: Provider | null;
  onClose: () => void;
}) {
  const listed = useQuery({
    queryKey: ['orgs', orgId, 'providers', provider?.id, 'available-models'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/providers/{id}/available-models', {
          params: { path: { orgId, id: provider?.id ?? '' } },
          signal,
        }),
      ),
    enabled: provider !== null,
    retry: false,
  });
  const createModel = useCreateModel(orgId);
  const [picked, setPicked] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);

  function close() {
    setPicked([]);
    setFilter('');
    onClose();
  }

  async function add() {
    if (!provider) return;
    setAdding(true);
    let added = 0;
    for (const name of picked) {
      try {
        await createModel.mutateAsync({
          providerId: provider.id,
          name,
          inputPricePerMTok: '0',
          outputPricePerMTok: '0',
        });
        added += 1;
      } catch (error) {
        notifyFailure(`Could not add ${name}`, error);
      }
    }
    setAdding(false);
    if (added > 0) notifySuccess(`${added} model${added === 1 ? '' : 's'} added to ${provider.name}`);
    close();
  }

  const models = (listed.data?.models ?? []).filter((m) =>
    m.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <Modal
      opened={provider !== null}
      onClose={close}
      title={<Text fw={600}>Pick models for {provider?.name}</Text>}
      centered
      size="lg"
    >
      <Stack data-testid="pick-models">
        <Text size="sm">
          {provider?.name} was added without models: this type has no default list. Pick the ones you want to
          run; their prices start at 0, edit them in the models table.
        </Text>
        {listed.isPending && <Loader size="sm" />}
        {listed.isError && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconInfoCircle size={18} />}
            data-testid="pick-models-error"
          >
            No models were added: {describeError(listed.error)} Add the models you serve with “Add model”.
          </Alert>
        )}
        {listed.data && listed.data.models.length === 0 && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconInfoCircle size={18} />}
            data-testid="pick-models-empty"
          >
            No models were added: the provider lists none. Add the models you serve with “Add model”.
          </Alert>
        )}
        {listed.data && listed.data.models.length > 0 && (
          <>
            <TextInput
              placeholder="Filter models"
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              data-testid="pick-models-filter"
            />
            <ScrollArea.Autosize mah={320}>
              <Checkbox.Group value={picked} onChange={setPicked}>
                <Stack gap={6}>
                  {models.map((m) => (
                    <Checkbox key={m} value={m} label={m} data-testid={`pick-model-${m}`} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </ScrollArea.Autosize>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-testid="pick-models-skip">
            {picked.length > 0 ? 'Cancel' : 'Skip'}
          </Button>
          <Button
            onClick={() => void add()}
            disabled={picked.length === 0}
            loading={adding}
            data-testid="pick-models-add"
          >
            Add {picked.length || ''} model{picked.length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
