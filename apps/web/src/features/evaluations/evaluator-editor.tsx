import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  JsonInput,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  scoreKeys,
  type EvaluatorType,
  type Model,
  type PromptSummary,
  type Evaluator,
} from '@promptops/contracts';
import {
  EVALUATOR_LABELS,
  EVALUATOR_OPTIONS,
  errorsUnder,
  MAX_EVALUATORS,
  newEvaluator,
  ROUGE_TYPES,
  type EvaluatorDraft,
} from './evaluation-form';
import { PromptRefPicker } from './prompt-ref-picker';
import { modelOptions } from './variant-editor';

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } };

/** The score keys this evaluator will write, as the results will name them. */
function keysOf(draft: EvaluatorDraft): string[] {
  return scoreKeys({
    type: draft.type,
    name: draft.name.trim() || undefined,
    config: draft.type === 'rouge' ? { types: draft.rougeTypes } : undefined,
  } as Evaluator);
}

/** One evaluator: its type, an optional score name and the settings its type takes. */
export function EvaluatorEditor({
  index,
  value,
  prompts,
  models,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  value: EvaluatorDraft;
  prompts: readonly PromptSummary[];
  models: readonly Model[];
  errors: Record<string, string>;
  onChange: (next: EvaluatorDraft) => void;
  onRemove: (() => void) | null;
}) {
  const own = errorsUnder(errors, `evaluators.${index}.`);
  const set = (patch: Partial<EvaluatorDraft>) => onChange({ ...value, ...patch });
  const t = value.type;
  const caseOption = t === 'exact-match' || t === 'levenshtein' || t === 'contains' || t === 'regex';

  return (
    <Card withBorder padding="sm" data-testid={`evaluator-${index}`}>
      <Stack gap="xs">
        <Group align="flex-start" wrap="nowrap" gap="xs">
          <Select
            label="Evaluator"
            data={EVALUATOR_OPTIONS}
            value={t}
            onChange={(type) =>
              type && onChange({ ...newEvaluator(type as EvaluatorType), name: value.name })
            }
            allowDeselect={false}
            w={200}
            error={own['type']}
            data-testid={`evaluator-${index}-type`}
          />
          <TextInput
            label="Score name"
            placeholder={t === 'custom' ? 'required' : 'default'}
            value={value.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={own['name']}
            styles={MONO}
            style={{ flex: 1 }}
            data-testid={`evaluator-${index}-name`}
          />
          {onRemove && (
            <Tooltip label="Remove evaluator" withArrow>
              <ActionIcon
                mt={25}
                variant="subtle"
                color="red"
                onClick={onRemove}
                aria-label={`Remove evaluator ${index + 1}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {EVALUATOR_LABELS[t].description} · writes{' '}
          {keysOf(value)
            .map((k) => `“${k}”`)
            .join(', ')}
        </Text>
        {t === 'rouge' && (
          <Group align="flex-end">
            <MultiSelect
              label="ROUGE types"
              data={[...ROUGE_TYPES]}
              value={value.rougeTypes}
              onChange={(rougeTypes) => set({ rougeTypes })}
              error={own['config.types']}
              style={{ flex: 1 }}
            />
            <Switch
              label="Porter stemmer"
              checked={value.stemmer}
              onChange={(e) => set({ stemmer: e.currentTarget.checked })}
              mb={8}
            />
          </Group>
        )}
        {(t === 'regex' || t === 'contains') && (
          <TextInput
            label={t === 'regex' ? 'Pattern' : 'Text to look for'}
            description={t === 'contains' ? 'Empty: the expected output' : 'A JavaScript regular expression'}
            value={value.pattern}
            onChange={(e) => set({ pattern: e.currentTarget.value })}
            error={own['config.pattern'] ?? own['config']}
            styles={MONO}
            data-testid={`evaluator-${index}-pattern`}
          />
        )}
        {caseOption && (
          <Checkbox
            label="Ignore case"
            checked={value.ignoreCase}
            onChange={(e) => set({ ignoreCase: e.currentTarget.checked })}
          />
        )}
        {t === 'json-schema' && (
          <JsonInput
            label="JSON schema"
            description="The output must parse as JSON and validate against this schema"
            value={value.schemaText}
            onChange={(schemaText) => set({ schemaText })}
            validationError="Not valid JSON"
            formatOnBlur
            autosize
            minRows={4}
            maxRows={16}
            error={own['config.schema']}
            styles={MONO}
          />
        )}
        {t === 'llm-judge' && (
          <Stack gap="xs">
            <PromptRefPicker
              label="Judge prompt"
              prompts={prompts}
              value={value.judgePrompt}
              onChange={(judgePrompt) => set({ judgePrompt })}
              errors={errorsUnder(own, 'config.prompt.')}
              testId={`evaluator-${index}-judge`}
            />
            <Select
              label="Judge model"
              data={modelOptions(models)}
              value={value.judgeModelId}
              onChange={(judgeModelId) => set({ judgeModelId })}
              searchable
              error={own['config.modelId']}
              maw={360}
            />
            <Text size="xs" c="dimmed">
              The judge prompt gets the variables input (JSON), output and expected, and replies with JSON{' '}
              {'{"score": 0..1, "reason": "…"}'} or a number between 0 and 1.
            </Text>
          </Stack>
        )}
        {t === 'custom' && (
          <Textarea
            label="Function"
            description="(output, expected, input) => number | boolean, run in a sandbox with time and memory limits"
            value={value.code}
            onChange={(e) => set({ code: e.currentTarget.value })}
            autosize
            minRows={4}
            maxRows={20}
            error={own['config.code']}
            styles={MONO}
            data-testid={`evaluator-${index}-code`}
          />
        )}
        {t === 'semantic-similarity' && (
          <TextInput
            label="Embedder"
            description="A local sentence-transformers model directory on the server, or an embeddings model id"
            placeholder="e.g. /models/all-MiniLM-L6-v2"
            value={value.embedder}
            onChange={(e) => set({ embedder: e.currentTarget.value })}
            error={own['config.embedder']}
            styles={MONO}
          />
        )}
      </Stack>
    </Card>
  );
}

/** A list of evaluator editors with remove (while more than one) and "Add evaluator" (up to the maximum). */
export function EvaluatorList({
  evaluators,
  prompts,
  models,
  errors,
  onChange,
  addTestId,
}: {
  evaluators: readonly EvaluatorDraft[];
  prompts: readonly PromptSummary[];
  models: readonly Model[];
  errors: Record<string, string>;
  onChange: (next: EvaluatorDraft[]) => void;
  addTestId: string;
}) {
  return (
    <>
      {evaluators.map((evaluator, index) => (
        <EvaluatorEditor
          key={index}
          index={index}
          value={evaluator}
          prompts={prompts}
          models={models}
          errors={errors}
          onChange={(next) => onChange(evaluators.map((e, i) => (i === index ? next : e)))}
          onRemove={evaluators.length > 1 ? () => onChange(evaluators.filter((_, i) => i !== index)) : null}
        />
      ))}
      {evaluators.length < MAX_EVALUATORS && (
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...evaluators, newEvaluator('levenshtein')])}
            data-testid={addTestId}
          >
            Add evaluator
          </Button>
        </Group>
      )}
    </>
  );
}
