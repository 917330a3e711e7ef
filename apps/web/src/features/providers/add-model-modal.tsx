import { useState, type FormEvent } from 'react';
import { Modal, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { CreateModelRequest, type Provider } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useCreateModel } from './providers-api';
import { FormActions } from '../../components/form-actions';

/** Registers a model a provider serves (e.g. a local Llama behind an OpenAI-compatible server). */
export function AddModelModal({
  orgId,
  providers,
  opened,
  onClose,
}: {
  orgId: string;
  providers: readonly Provider[];
  opened: boolean;
  onClose: () => void;
}) {
  const create = useCreateModel(orgId);
  const [providerId, setProviderId] = useState('');
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [inputPrice, setInputPrice] = useState('0');
  const [outputPrice, setOutputPrice] = useState('0');
  const [contextWindow, setContextWindow] = useState<number | ''>('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const selectedProvider = providerId || providers[0]?.id || '';

  function close() {
    setName('');
    setDisplayName('');
    setInputPrice('0');
    setOutputPrice('0');
    setContextWindow('');
    setErrors({});
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const values: Record<string, unknown> = {
      providerId: selectedProvider,
      name,
      inputPricePerMTok: inputPrice,
      outputPricePerMTok: outputPrice,
    };
    if (displayName.trim()) values.displayName = displayName;
    if (contextWindow !== '') values.contextWindow = contextWindow;
    const checked = validateWith(CreateModelRequest, values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    create.mutate(checked.data, {
      onSuccess: (model) => {
        notifySuccess(`${model.displayName} added`);
        close();
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        notifyFailure('Could not add the model', error);
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="Add model" centered>
      <form onSubmit={submit} noValidate aria-label="Add model">
        <Stack>
          <NativeSelect
            label="Provider"
            data={providers.map((p) => ({ value: p.id, label: p.name }))}
            value={selectedProvider}
            onChange={(e) => setProviderId(e.currentTarget.value)}
            error={errors.providerId}
            data-testid="model-provider"
          />
          <TextInput
            label="Model id"
            description="Exactly as the provider names it, e.g. llama3.1:8b"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-testid="model-name"
          />
          <TextInput
            label="Display name"
            placeholder="Optional"
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            data-testid="model-display-name"
          />
          <SimpleGrid cols={2}>
            <TextInput
              label="Input $ / 1M tokens"
              value={inputPrice}
              onChange={(e) => setInputPrice(e.currentTarget.value)}
              error={errors.inputPricePerMTok}
              data-testid="model-input-price"
            />
            <TextInput
              label="Output $ / 1M tokens"
              value={outputPrice}
              onChange={(e) => setOutputPrice(e.currentTarget.value)}
              error={errors.outputPricePerMTok}
              data-testid="model-output-price"
            />
          </SimpleGrid>
          <NumberInput
            label="Context window"
            placeholder="Optional, in tokens"
            min={1}
            allowDecimal={false}
            value={contextWindow}
            onChange={(v) => setContextWindow(typeof v === 'number' ? v : '')}
            error={errors.contextWindow}
            data-testid="model-context"
          />
          <FormActions
            onCancel={close}
            submitLabel="Add model"
            submitTestId="model-submit"
            loading={create.isPending}
            disabled={providers.length === 0}
          />
        </Stack>
      </form>
    </Modal>
  );
}
