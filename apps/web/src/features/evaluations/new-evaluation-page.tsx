import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { orgPath } from '../../app/navigation';
import { ApiError, describeError } from '../../app/problem';
import { notifyFailure } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { useDataset, useDatasets } from '../datasets/datasets-api';
import { versionOptions } from '../datasets/dataset-page';
import { useCurrentOrg } from '../orgs/current-org';
import { usePrompts } from '../prompts/prompts-api';
import { useModels } from '../providers/providers-api';
import {
  draftToRequest,
  MAX_VARIANTS,
  newDraft,
  newVariant,
  plannedCalls,
  serverFieldErrors,
  type EvaluationDraft,
} from './evaluation-form';
import { evaluationPath } from './evaluations-page';
import { useCreateEvaluation } from './evaluations-api';
import { EvaluatorList } from './evaluator-editor';
import { VariantEditor } from './variant-editor';

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: React.ReactNode;
}) {
  return (
    <Card padding="lg">
      <Stack gap="sm">
        <div>
          <Title order={4}>{title}</Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {children}
      </Stack>
    </Card>
  );
}

export function NewEvaluationPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [draft, setDraft] = useState<EvaluationDraft>(() => {
    const initial = newDraft(params.get('datasetId'));
    const version = params.get('version');
    if (version !== null && /^\d+$/.test(version)) initial.datasetVersion = Number(version);
    return initial;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const datasets = useDatasets(orgId, '');
  const dataset = useDataset(orgId, draft.datasetId ?? '');
  const prompts = usePrompts(orgId, '');
  const models = useModels(orgId);
  const create = useCreateEvaluation(orgId);
  const promptList = prompts.data?.items ?? [];
  const modelList = models.data?.items ?? [];
  const selected = draft.datasetId ? dataset.data : undefined;
  const itemCount = selected && draft.datasetVersion === '' ? selected.itemCount : null;
  const planned = itemCount !== null ? plannedCalls(itemCount, draft) : null;

  const update = (patch: Partial<EvaluationDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = draftToRequest(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.request, {
      onSuccess: (evaluation) => void navigate(evaluationPath(orgId, evaluation.id)),
      onError: (error) => {
        setErrors(error instanceof ApiError ? serverFieldErrors(error.problem.errors ?? []) : {});
        notifyFailure('Could not start the evaluation', error);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New evaluation">
      <Anchor component={Link} to={orgPath(orgId, 'evaluations')} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Evaluations
        </Group>
      </Anchor>
      <PageHeader
        title="New evaluation"
        description="Every dataset item runs on every variant, is scored by each evaluator, and the variants are compared with the first."
      />
      <Stack gap="md" maw={980}>
        <Section title="Dataset" description="The items to run, as they are in the version you pick.">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Dataset"
              placeholder="Pick a dataset"
              data={(datasets.data?.items ?? []).map((d) => ({
                value: d.id,
                label: `${d.name} (${d.itemCount.toLocaleString()} items)`,
              }))}
              value={draft.datasetId}
              onChange={(datasetId) => update({ datasetId, datasetVersion: '' })}
              searchable
              error={errors.datasetId}
              data-testid="evaluation-dataset"
            />
            <Select
              label="Version"
              data={selected ? versionOptions(selected.version, draft.datasetVersion || null) : []}
              value={
                draft.datasetVersion === ''
                  ? selected
                    ? String(selected.version)
                    : null
                  : String(draft.datasetVersion)
              }
              onChange={(v) =>
                update({ datasetVersion: v === null || Number(v) === selected?.version ? '' : Number(v) })
              }
              disabled={!selected}
              allowDeselect={false}
              error={errors.datasetVersion}
              data-testid="evaluation-dataset-version"
            />
            <TextInput
              label="Name"
              placeholder="Optional, e.g. “shorter system prompt”"
              value={draft.name}
              onChange={(e) => update({ name: e.currentTarget.value })}
              error={errors.name}
              data-testid="evaluation-name"
            />
          </SimpleGrid>
          {selected && selected.itemCount === 0 && draft.datasetVersion === '' && (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
              This dataset has no items yet.
            </Alert>
          )}
        </Section>

        <Section
          title="Variants"
          description="1 to 8 prompt versions and models to compare. The first is the baseline."
        >
          {draft.variants.map((variant, index) => (
            <VariantEditor
              key={index}
              index={index}
              value={variant}
              prompts={promptList}
              models={modelList}
              errors={errors}
              onChange={(next) =>
                update({ variants: draft.variants.map((v, i) => (i === index ? next : v)) })
              }
              onRemove={
                draft.variants.length > 1
                  ? () => update({ variants: draft.variants.filter((_, i) => i !== index) })
                  : null
              }
            />
          ))}
          {draft.variants.length < MAX_VARIANTS && (
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => {
                  const last = draft.variants[draft.variants.length - 1];
                  update({ variants: [...draft.variants, newVariant(last?.prompt.name ?? '')] });
                }}
                data-testid="add-variant"
              >
                Add variant
              </Button>
            </Group>
          )}
        </Section>

        <Section title="Evaluators" description="How each output is scored. Add up to 20.">
          <EvaluatorList
            evaluators={draft.evaluators}
            prompts={promptList}
            models={modelList}
            errors={errors}
            onChange={(evaluators) => update({ evaluators })}
            addTestId="add-evaluator"
          />
        </Section>

        <Section title="Run" description="How many times, how fast, and how much it may spend.">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label="Repetitions"
              description="Runs per item and variant (1–10)"
              min={1}
              max={10}
              value={draft.repetitions}
              onChange={(v) => update({ repetitions: typeof v === 'number' ? v : 1 })}
              error={errors.repetitions}
              data-testid="evaluation-repetitions"
            />
            <NumberInput
              label="Concurrency"
              description="Calls in flight at once (1–100)"
              min={1}
              max={100}
              value={draft.concurrency}
              onChange={(v) => update({ concurrency: typeof v === 'number' ? v : 10 })}
              error={errors.concurrency}
              data-testid="evaluation-concurrency"
            />
            <TextInput
              label="Cost cap (USD)"
              description="No new call starts past it; empty for none"
              placeholder="e.g. 5.00"
              value={draft.maxCostUsd}
              onChange={(e) => update({ maxCostUsd: e.currentTarget.value })}
              error={errors.maxCostUsd}
              data-testid="evaluation-max-cost"
            />
          </SimpleGrid>
        </Section>

        {Object.keys(errors).length > 0 && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            data-testid="evaluation-form-errors"
          >
            {errors.form ?? 'Some fields need attention (marked in red above).'}
          </Alert>
        )}
        {create.isError && Object.keys(errors).length === 0 && (
          <Alert color="red" variant="light">
            {describeError(create.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="evaluation-planned">
            {planned
              ? `${planned.runs.toLocaleString()} model call${planned.runs === 1 ? '' : 's'}${planned.judgeCalls > 0 ? ` + ${planned.judgeCalls.toLocaleString()} judge calls` : ''}`
              : ''}
          </Text>
          <Group>
            <Button variant="default" component={Link} to={orgPath(orgId, 'evaluations')}>
              Cancel
            </Button>
            <Button
              type="submit"
              leftSection={<IconPlayerPlay size={16} />}
              loading={create.isPending}
              data-testid="evaluation-start"
            >
              Start evaluation
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
