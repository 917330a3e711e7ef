import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Progress,
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
import { LINE_COLORS } from '../analytics/chart-data';
import { useCurrentOrg } from '../orgs/current-org';
import { usePrompts } from '../prompts/prompts-api';
import {
  clearEditedErrors,
  draftForPrompt,
  draftToRequest,
  experimentFieldErrors,
  MAX_VARIANTS,
  MIN_VARIANTS,
  newVariantDraft,
  trafficSplit,
  variantErrors,
  type ExperimentDraft,
} from './experiment-form';
import { ExperimentMetricFields } from './experiment-metric-fields';
import { ExperimentVariantEditor } from './experiment-variant-editor';
import { useCreateExperiment } from './experiments-api';
import { experimentPath } from './experiment-paths';

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
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

export function NewExperimentPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const prompts = usePrompts(orgId, '');
  const promptList = prompts.data?.items ?? [];
  const [draft, setDraft] = useState<ExperimentDraft>(() => ({
    ...draftForPrompt(null),
    promptName: params.get('prompt') ?? '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateExperiment(orgId);
  const prefilled = useRef(false);
  const prompt = promptList.find((p) => p.name === draft.promptName);

  // A prompt named in the URL (the prompt page's "Start experiment") gets its versions once they load.
  useEffect(() => {
    if (prefilled.current || !prompt) return;
    prefilled.current = true;
    setDraft((d) =>
      d.variants.every((v) => v.version === '' && v.label === '') ? draftForPrompt(prompt) : d,
    );
  }, [prompt]);

  const update = (patch: Partial<ExperimentDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => clearEditedErrors(e, patch));
  };
  const shares = trafficSplit(draft.variants.map((v) => v.weight));
  const colors = draft.variants.map((_, i) => LINE_COLORS[i % LINE_COLORS.length]!);

  function pickPrompt(name: string | null) {
    prefilled.current = true;
    setErrors((e) => clearEditedErrors(e, { promptName: name ?? '', variants: [] }));
    const next = promptList.find((p) => p.name === name) ?? null;
    setDraft((d) => {
      const fresh = draftForPrompt(next);
      // Keep what the user wrote about the metric; the name follows the prompt unless typed.
      const autoName = d.name === '' || d.name === draftForPrompt(prompt ?? null).name;
      return {
        ...d,
        promptName: name ?? '',
        variants: fresh.variants,
        name: autoName ? fresh.name : d.name,
      };
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = draftToRequest(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    create.mutate(result.request, {
      onSuccess: (experiment) => void navigate(experimentPath(orgId, experiment.id)),
      onError: (error) => {
        setErrors(error instanceof ApiError ? experimentFieldErrors(error.problem.errors ?? []) : {});
        notifyFailure('Could not start the experiment', error);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New experiment">
      <Anchor component={Link} to={orgPath(orgId, 'experiments')} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Experiments
        </Group>
      </Anchor>
      <PageHeader
        title="New experiment"
        description="Split a prompt's traffic between versions; each subject (a user or session id) always sees the same one."
      />
      <Stack gap="md" maw={980}>
        <Section title="Prompt" description="At most one experiment runs per prompt at a time.">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Prompt"
              placeholder="Pick a prompt"
              data={promptList.map((p) => p.name)}
              value={draft.promptName || null}
              onChange={pickPrompt}
              searchable
              nothingFoundMessage="No prompt matches"
              error={errors.promptName}
              data-testid="experiment-prompt"
            />
            <TextInput
              label="Name"
              placeholder="e.g. “shorter greeting”"
              value={draft.name}
              onChange={(e) => update({ name: e.currentTarget.value })}
              error={errors.name}
              data-testid="experiment-name"
            />
          </SimpleGrid>
          <TextInput
            label="Hypothesis"
            placeholder="Optional: what you expect and why"
            value={draft.description}
            onChange={(e) => update({ description: e.currentTarget.value })}
            error={errors.description}
            data-testid="experiment-description"
          />
        </Section>

        <Section
          title="Variants"
          description="2 to 8 versions of the prompt. Subjects are split in proportion to the weights."
        >
          {draft.variants.map((variant, index) => (
            <ExperimentVariantEditor
              key={index}
              index={index}
              value={variant}
              prompt={prompt}
              share={shares[index] ?? null}
              color={colors[index]!}
              errors={variantErrors(errors, index)}
              onChange={(next) =>
                update({ variants: draft.variants.map((v, i) => (i === index ? next : v)) })
              }
              onRemove={
                draft.variants.length > MIN_VARIANTS
                  ? () => update({ variants: draft.variants.filter((_, i) => i !== index) })
                  : null
              }
            />
          ))}
          <Progress.Root size={22} data-testid="experiment-split">
            {draft.variants.map((v, i) =>
              shares[i] ? (
                <Progress.Section key={i} value={shares[i]} color={colors[i]!}>
                  <Progress.Label>{v.name || `#${i + 1}`}</Progress.Label>
                </Progress.Section>
              ) : null,
            )}
          </Progress.Root>
          {errors.variants && (
            <Text size="sm" c="red">
              {errors.variants}
            </Text>
          )}
          {draft.variants.length < MAX_VARIANTS && (
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  update({
                    variants: [
                      ...draft.variants,
                      newVariantDraft(draft.variants.length, prompt?.latestVersion ?? ''),
                    ],
                  })
                }
                data-testid="experiment-add-variant"
              >
                Add variant
              </Button>
            </Group>
          )}
        </Section>

        <Section
          title="Metric"
          description="What your application reports for each subject; the experiment compares its mean per variant."
        >
          <ExperimentMetricFields draft={draft} errors={errors} update={update} />
        </Section>

        {Object.keys(errors).length > 0 && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            data-testid="experiment-form-errors"
          >
            {errors.form ?? 'Some fields need attention (marked in red above).'}
          </Alert>
        )}
        {create.isError && Object.keys(errors).length === 0 && (
          <Alert color="red" variant="light">
            {describeError(create.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={orgPath(orgId, 'experiments')}>
            Cancel
          </Button>
          <Button
            type="submit"
            leftSection={<IconPlayerPlay size={16} />}
            loading={create.isPending}
            data-testid="experiment-start"
          >
            Start experiment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
