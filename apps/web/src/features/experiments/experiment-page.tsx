import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconDownload, IconHourglass, IconScale, IconTrophy } from '@tabler/icons-react';
import type { Experiment, ExperimentResults } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { orgPath } from '../../app/navigation';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { promptPagePath } from '../playground/prompt-paths';
import { EvaluationLinkPanel } from './evaluation-link';
import { DecisionBadge, ExperimentStatusBadge } from './experiment-badges';
import { formatShare } from './experiment-form';
import { useDownloadExperimentResults, useExperiment, useExperimentResults } from './experiments-api';
import { DECISION_COLORS, DECISION_LABELS, formatLoss, samplesProgress } from './results-view';
import { StopActions } from './stop-experiment';
import { TrafficPanel } from './traffic-panel';
import { PosteriorChart, VariantResultsTable, variantColor } from './variant-results';

const DECISION_ICONS = { collecting: IconHourglass, undecided: IconScale, winner: IconTrophy } as const;

/** The verdict, large: who wins (or why nobody does yet), and how far collection has come. */
function DecisionPanel({ experiment, results }: { experiment: Experiment; results: ExperimentResults }) {
  const { decision } = results;
  const Icon = DECISION_ICONS[decision.state];
  const progress = samplesProgress(results.variants, experiment.minSamples);
  const title =
    decision.state === 'winner' && decision.winner
      ? `${decision.winner} wins`
      : DECISION_LABELS[decision.state];
  return (
    <Alert
      color={DECISION_COLORS[decision.state]}
      variant={decision.state === 'winner' ? 'filled' : 'light'}
      icon={<Icon size={24} />}
      title={
        <Text fw={700} size="lg" inherit data-testid="decision-title">
          {title}
        </Text>
      }
      data-testid="decision-panel"
      data-state={decision.state}
    >
      <Stack gap={6}>
        <Text size="sm" inherit data-testid="decision-reason">
          {decision.reason}
        </Text>
        {decision.state === 'collecting' && (
          <Group gap="sm" wrap="nowrap">
            <Progress value={progress.percent} size="sm" w={220} color="blue" />
            <Text size="xs" inherit style={{ whiteSpace: 'nowrap' }}>
              {progress.fewest.toLocaleString('en-US')} of {experiment.minSamples.toLocaleString('en-US')}{' '}
              outcomes in the smallest variant
            </Text>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function Facts({ orgId, experiment }: { orgId: string; experiment: Experiment }) {
  const fact = (label: string, value: ReactNode) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {value}
      </Text>
    </Stack>
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mb="md">
      {fact(
        'Prompt',
        <Anchor component={Link} to={promptPagePath(orgId, experiment.promptName)} size="sm">
          {experiment.promptName}
        </Anchor>,
      )}
      {fact(
        'Metric',
        `${experiment.metric.name} (${experiment.metric.kind === 'binary' ? 'yes/no' : 'number'}, ${experiment.metric.higherIsBetter ? 'higher' : 'lower'} is better)`,
      )}
      {fact('Minimum outcomes', experiment.minSamples.toLocaleString('en-US'))}
      {fact('Largest expected loss', formatLoss(experiment.metric.kind, experiment.maxExpectedLoss))}
      {fact('Started', formatDateTime(experiment.createdAt))}
      {fact('Stopped', experiment.stoppedAt ? formatDateTime(experiment.stoppedAt) : '—')}
    </SimpleGrid>
  );
}

function TrafficSplit({ experiment }: { experiment: Experiment }) {
  return (
    <Progress.Root size={20}>
      {experiment.variants.map((v) => (
        <Progress.Section key={v.name} value={v.share * 100} color={variantColor(experiment, v.name)}>
          <Progress.Label>
            {v.name} v{v.version} · {formatShare(Math.round(v.share * 1000) / 10)}
          </Progress.Label>
        </Progress.Section>
      ))}
    </Progress.Root>
  );
}

/** /orgs/:orgId/experiments/:id — live results while running, the verdict, and the controls. */
export function ExperimentPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const { experimentId = '' } = useParams();
  const canWrite = useCan('experiments:write');
  const experiment = useExperiment(orgId, experimentId);
  const running = experiment.data?.status === 'running';
  const results = useExperimentResults(orgId, experimentId, { live: running, enabled: experiment.isSuccess });
  const download = useDownloadExperimentResults(orgId, experimentId);

  if (experiment.isError)
    return <ErrorAlert error={experiment.error} onRetry={() => void experiment.refetch()} />;
  if (!experiment.data) return <TableSkeleton rows={6} />;
  const e = experiment.data;

  return (
    <>
      <Anchor component={Link} to={orgPath(orgId, 'experiments')} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Experiments
        </Group>
      </Anchor>
      <PageHeader
        title={e.name}
        description={
          <Group gap="xs" component="span">
            <ExperimentStatusBadge status={e.status} />
            {results.data && <DecisionBadge decision={results.data.decision} />}
            {e.winner && (
              <Badge variant="light" color="teal" tt="none" leftSection={<IconTrophy size={12} />}>
                {e.winner} promoted
              </Badge>
            )}
            {running && results.isFetching && <Loader size={12} />}
            {e.description && (
              <Text span size="sm" c="dimmed">
                {e.description}
              </Text>
            )}
          </Group>
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={download.isPending}
              onClick={() =>
                download.mutate(e.name, {
                  onSuccess: (file) => notifySuccess(`Downloaded ${file}`),
                  onError: (error) => notifyFailure('Could not download the results', error),
                })
              }
              data-testid="experiment-download"
            >
              Results CSV
            </Button>
            {canWrite && running && (
              <StopActions orgId={orgId} experiment={e} decision={results.data?.decision} />
            )}
          </>
        }
      />
      <Facts orgId={orgId} experiment={e} />
      <Stack gap="md">
        <TrafficSplit experiment={e} />
        {results.isError && <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />}
        {results.isPending && <TableSkeleton rows={4} />}
        {results.data && (
          <>
            <DecisionPanel experiment={e} results={results.data} />
            <VariantResultsTable experiment={e} results={results.data} />
            <PosteriorChart experiment={e} results={results.data} />
            <Text size="xs" c="dimmed" ta="right">
              Computed {formatDateTime(results.data.computedAt, true)}
              {running ? ' · refreshed every 5 s' : ''}
            </Text>
          </>
        )}
        {running ? (
          <Card padding="md">
            <Title order={5} mb="xs">
              How to send traffic
            </Title>
            <TrafficPanel orgId={orgId} experiment={e} />
          </Card>
        ) : (
          <Card padding="md">
            <Title order={5} mb="xs">
              Stopped
            </Title>
            <Text size="sm" c="dimmed">
              {e.winner
                ? `${e.winner} was promoted when the experiment stopped. New fetches are no longer split.`
                : 'The experiment no longer splits traffic; its results are kept.'}
            </Text>
          </Card>
        )}
        <EvaluationLinkPanel
          orgId={orgId}
          experiment={e}
          offline={results.data?.evaluation ?? null}
          canWrite={canWrite}
        />
      </Stack>
    </>
  );
}
