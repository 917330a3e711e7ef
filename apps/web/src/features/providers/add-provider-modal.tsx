import { useState, type FormEvent } from 'react';
import { Modal, NativeSelect, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { CreateProviderRequest, ProviderType, type Provider } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import {
  BASE_URL_PLACEHOLDERS,
  PROVIDER_TYPE_LABELS,
  providerFields,
  seedsDefaultModels,
} from './model-catalog';
import { useCreateProvider } from './providers-api';
import { FormActions } from '../../components/form-actions';

const TYPES = ProviderType.options.map((value) => ({ value, label: PROVIDER_TYPE_LABELS[value] }));
const DEFAULT_NAMES: Record<ProviderType, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  huggingface: 'Hugging Face',
  'openai-compatible': 'Local models',
  mock: 'Mock',
};

export function AddProviderModal({
  orgId,
  opened,
  onClose,
  onAddedWithoutModels,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
  /** A provider type without default models was added: let the admin pick from its list. */
  onAddedWithoutModels: (provider: Provider) => void;
}) {
  const create = useCreateProvider(orgId);
  const [type, setType] = useState<ProviderType>('mock');
  const [name, setName] = useState(DEFAULT_NAMES.mock);
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const fields = providerFields(type);

  function close() {
    setType('mock');
    setName(DEFAULT_NAMES.mock);
    setBaseUrl('');
    setApiKey('');
    setErrors({});
    onClose();
  }

  function changeType(next: ProviderType) {
    // Keep a name the admin typed; replace only the default of the previous type.
    if (name === DEFAULT_NAMES[type] || name === '') setName(DEFAULT_NAMES[next]);
    setType(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const values: Record<string, unknown> = { name, type, seedModels: true };
    if (fields.baseUrl !== 'none' && baseUrl.trim()) values.baseUrl = baseUrl.trim();
    if (fields.apiKey && apiKey) values.apiKey = apiKey;
    if (fields.baseUrl === 'required' && !baseUrl.trim())
      return setErrors({ baseUrl: 'Required for this type' });
    const checked = validateWith(CreateProviderRequest, values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    create.mutate(checked.data, {
      onSuccess: (provider) => {
        close();
        if (seedsDefaultModels(provider.type))
          notifySuccess(`${provider.name} added with its default models`);
        else onAddedWithoutModels(provider);
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        notifyFailure('Could not add the provider', error);
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title="Add provider" centered>
      <form onSubmit={submit} noValidate aria-label="Add provider">
        <Stack>
          <NativeSelect
            label="Type"
            data={TYPES}
            value={type}
            onChange={(e) => changeType(e.currentTarget.value as ProviderType)}
            data-testid="provider-type"
          />
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-testid="provider-name"
          />
          {type === 'mock' && (
            <Text size="sm" c="dimmed" data-testid="provider-mock-hint">
              The built-in simulator: no key, deterministic streaming, test models with tiny prices. Good for
              trying the playground and for CI.
            </Text>
          )}
          {fields.baseUrl !== 'none' && (
            <TextInput
              label="Base URL"
              placeholder={BASE_URL_PLACEHOLDERS[type]}
              description={
                fields.baseUrl === 'optional' ? "Leave empty for the provider's default endpoint" : undefined
              }
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.currentTarget.value)}
              error={errors.baseUrl}
              data-testid="provider-base-url"
            />
          )}
          {fields.apiKey && (
            <PasswordInput
              label="API key"
              description="Encrypted at rest; only its last characters are ever shown again."
              autoComplete="off"
              value={apiKey}
              onChange={(e) => setApiKey(e.currentTarget.value)}
              error={errors.apiKey}
              data-testid="provider-api-key"
            />
          )}
          <FormActions
            onCancel={close}
            submitLabel="Add provider"
            submitTestId="provider-submit"
            loading={create.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
