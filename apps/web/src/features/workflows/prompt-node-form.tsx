import { Anchor, Group, Stack, Text, Textarea } from '@mantine/core';
import { PromptRefPicker } from '../evaluations/prompt-ref-picker';
import { useCurrentOrg } from '../orgs/current-org';
import { ModelSelect } from '../playground/model-select';
import { usePrompts, usePromptVersion } from '../prompts/prompts-api';
import { useModels } from '../providers/providers-api';
import {
  pinnedVersion,
  promptDraftOf,
  stringRecord,
  variableNames,
  withOptional,
  withPromptDraft,
} from './node-config';
import { TEMPLATE_HINT, type NodeFormProps } from './simple-node-forms';
import { MONO } from './mono';

/** A stored prompt (latest, a version or a label), an optional model, and a template per variable. */
export function PromptNodeForm({ nodeId, config, onChange, errors, readOnly }: NodeFormProps) {
  const orgId = useCurrentOrg().organization.id;
  const prompts = usePrompts(orgId, '');
  const models = useModels(orgId);
  const draft = promptDraftOf(config);
  const summary = prompts.data?.items.find((p) => p.name === draft.name);
  const version = usePromptVersion(orgId, summary ? draft.name : null, pinnedVersion(draft, summary?.labels));
  const mapped = stringRecord(config.variables);
  const names = variableNames(version.data?.variables.map((v) => v.name) ?? [], mapped);
  const modelId = typeof config.modelId === 'string' ? config.modelId : null;
  const promptErrors = {
    name: errors['prompt.name'] ?? errors['prompt'] ?? '',
    version: errors['prompt.version'] ?? '',
    label: errors['prompt.label'] ?? '',
  };

  return (
    <Stack gap="sm">
      <PromptRefPicker
        prompts={prompts.data?.items ?? []}
        value={draft}
        onChange={(next) => !readOnly && onChange(withPromptDraft(config, next), 'prompt')}
        errors={Object.fromEntries(Object.entries(promptErrors).filter(([, v]) => v !== ''))}
        testId="wf-prompt"
      />
      <Stack gap={2}>
        <ModelSelect
          models={(models.data?.items ?? []).filter((m) => m.active)}
          value={modelId}
          onChange={(id) => !readOnly && onChange(withOptional(config, 'modelId', id), 'modelId')}
        />
        <Group gap={4}>
          <Text size="xs" c={errors['modelId'] ? 'red' : 'dimmed'}>
            {errors['modelId'] ??
              (modelId ? 'Overrides the model saved with the prompt.' : "The prompt version's own model.")}
          </Text>
          {modelId && !readOnly && (
            <Anchor
              component="button"
              size="xs"
              onClick={() => onChange(withOptional(config, 'modelId', undefined), 'modelId')}
            >
              Use the prompt's model
            </Anchor>
          )}
        </Group>
      </Stack>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          Variables
        </Text>
        <Text size="xs" c="dimmed">
          {TEMPLATE_HINT}
        </Text>
        {names.length === 0 && (
          <Text size="xs" c="dimmed" fs="italic">
            {draft.name ? 'This prompt has no variables.' : 'Pick a prompt to fill its variables.'}
          </Text>
        )}
        {names.map((name) => (
          <Textarea
            key={name}
            size="xs"
            label={name}
            autosize
            minRows={1}
            value={mapped[name] ?? ''}
            placeholder={`{{input.${name}}}`}
            onChange={(e) =>
              onChange(
                { ...config, variables: { ...mapped, [name]: e.currentTarget.value } },
                `variables.${name}`,
              )
            }
            error={errors[`variables.${name}`]}
            readOnly={readOnly}
            classNames={MONO}
            data-testid={`wf-prompt-var-${nodeId}-${name}`}
          />
        ))}
      </Stack>
    </Stack>
  );
}
