import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import type { FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import {
  formToModelSettings,
  MODEL_PARAMS,
  modelSettingsToForm,
  type ModelParamName,
} from './provider-settings-form';
import { useUpdateModel, type ModelView } from './providers-api';

const toValue = (v: string | number): number | '' => (typeof v === 'number' ? v : v === '' ? '' : Number(v));

function LimitsForm({ orgId, model, onClose }: { orgId: string; model: ModelView; onClose: () => void }) {
  const update = useUpdateModel(orgId);
  const [form, setForm] = useState(() => modelSettingsToForm(model.settings));
  const [errors, setErrors] = useState<FieldErrors>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = formToModelSettings(form);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    update.mutate(
      { id: model.id, changes: { settings: checked.settings } },
      {
        onSuccess: () => {
          notifySuccess(`${model.displayName}: limits saved`);
          onClose();
        },
        onError: (error) => notifyFailure(`Could not update ${model.displayName}`, error),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Model limits">
      <Stack>
        <Text size="sm" c="dimmed">
          Per-minute limits for this organization, enforced before the provider is called: a run over the
          limit fails at once with a 429 that says when to retry.
        </Text>
        <SimpleGrid cols={2}>
          <NumberInput
            label="Requests per minute"
            placeholder="No limit"
            min={1}
            allowDecimal={false}
            value={form.requestsPerMinute}
            onChange={(v) => setForm({ ...form, requestsPerMinute: toValue(v) })}
            error={errors.requestsPerMinute}
            data-testid="model-limit-rpm"
          />
          <NumberInput
            label="Tokens per minute"
            placeholder="No limit"
            min={1}
            allowDecimal={false}
            thousandSeparator=","
            value={form.tokensPerMinute}
            onChange={(v) => setForm({ ...form, tokensPerMinute: toValue(v) })}
            error={errors.tokensPerMinute}
            data-testid="model-limit-tpm"
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Unsupported parameters"
          description="Left out of calls to this model (e.g. temperature on reasoning models)."
          value={form.unsupportedParams}
          onChange={(values) => setForm({ ...form, unsupportedParams: values as ModelParamName[] })}
          data-testid="model-unsupported-params"
        >
          <Group mt="xs">
            {MODEL_PARAMS.map((p) => (
              <Checkbox
                key={p.value}
                value={p.value}
                label={p.label}
                data-testid={`model-unsupported-${p.value}`}
              />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="model-limits-submit">
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Per-model limits and unsupported parameters (admins). */
export function ModelLimitsModal({
  orgId,
  model,
  onClose,
}: {
  orgId: string;
  model: ModelView | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={model !== null}
      onClose={onClose}
      title={model ? `${model.displayName} · limits and parameters` : 'Limits'}
      centered
      data-testid="model-limits-modal"
    >
      {model && <LimitsForm key={model.id} orgId={orgId} model={model} onClose={onClose} />}
    </Modal>
  );
}
