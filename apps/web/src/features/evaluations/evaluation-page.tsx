import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconDownload, IconPlayerStop } from '@tabler/icons-react';
import type { Evaluation } from '@promptops/contracts';
import { formatDateTime } from '../../app/format';
import { orgPath } from '../../app/navigation';
import { ConfirmModal } from '../../components/confirm-modal';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { Usd } from '../../components/usd';
import { formatDuration } from '../playground/run-format';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { ComparisonView } from './comparison-view';
import { EvaluationStatusBadge, ProgressBar, ProgressText } from './evaluation-status';
import { isTerminal, type LiveState } from './evaluation-stream';
import {
  useCancelEvaluation,
  useDownloadResults,
  useEvaluation,
  useEvaluationLive,
  useEvaluationResults,
} from './evaluations-api';
import { formatScore, metricInfos, type MetricInfo } from './metrics-view';
import { ScoreHistograms } from './score-histograms';
import { SummaryTable, variantLabel } from './summary-table';

function LiveProgress({ evaluation, live }: { evaluation: Evaluation; live: LiveState }) {
  const progress = live.progress ?? { ...evaluation.progress, costUsd: evaluation.costUsd };
  const metrics = metricInfos(evaluation.evaluators);
  return (
    <Card padding="lg" data-testid="live-progress">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{evaluation.status === 'queued' ? 'Waiting for a worker…' : 'Running'}</Text>
          <Group gap="lg">
            <ProgressText progress={progress} />
            <Text size="sm">
              <Usd value={progress.costUsd} data-testid="live-cost" /> spent
              {evaluation.maxCostUsd ? (
                <Text span size="xs" c="dimmed">
                  {' '}
                  of <Usd value={evaluation.maxCostUsd} /> cap
                </Text>
              ) : null}
            </Text>
          </Group>
        </Group>
        <ProgressBar progress={progress} status={evaluation.status} size="xl" />
        {live.recent.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Latest results
            </Text>
            {live.recent.slice(0, 6).map((r, i) => (
              <Group key={`${r.itemId}-${r.variant}-${r.repetition}-${i}`} gap="xs" wrap="nowrap">
                <Badge size="xs" variant="light" color={r.error ? 'red' : 'gray'} style={{ flexShrink: 0 }}>
                  {variantLabel(evaluation, r.variant)}
                </Badge>
                <Text size="xs" truncate style={{ flex: 1 }}>
                  {r.error ?? r.output ?? ''}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" style={{ flexShrink: 0 }}>
                  {metrics
                    .filter((m) => r.scores[m.key] !== undefined)
                    .slice(0, 3)
                    .map((m) => `${m.key} ${formatScore(m, r.scores[m.key])}`)
                    .join(' · ')}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function Facts({ orgId, evaluation, costUsd }: { orgId: string; evaluation: Evaluation; costUsd: string }) {
  const duration =
    evaluation.startedAt && evaluation.finishedAt
      ? Date.parse(evaluation.finishedAt) - Date.parse(evaluation.startedAt)
      : null;
  const fact = (label: string, value: React.ReactNode) => (
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
        'Dataset',
        evaluation.datasetName ? (
          <Anchor
            component={Link}
            to={`${orgPath(orgId, `datasets/${evaluation.datasetId}`)}?version=${evaluation.datasetVersion}`}
            size="sm"
          >
            {evaluation.datasetName} v{evaluation.datasetVersion}
          </Anchor>
        ) : (
          `deleted (v${evaluation.datasetVersion})`
        ),
      )}
      {fact('Variants', evaluation.variants.length)}
      {fact('Repetitions', evaluation.repetitions)}
      {fact('Cost', <Usd value={costUsd} data-testid="evaluation-cost" />)}
      {fact('Created', formatDateTime(evaluation.createdAt))}
      {fact(
        'Duration',
        duration !== null ? formatDuration(duration) : isTerminal(evaluation.status) ? '—' : 'running',
      )}
    </SimpleGrid>
  );
}

export function EvaluationPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const { evaluationId = '' } = useParams();
  const canRun = useCan('evaluations:run');
  const evaluation = useEvaluation(orgId, evaluationId);
  const live = useEvaluationLive(orgId, evaluation.data);
  const finished = evaluation.data !== undefined && isTerminal(evaluation.data.status);
  const results = useEvaluationResults(orgId, evaluationId, finished);
  const cancel = useCancelEvaluation(orgId, evaluationId);
  const download = useDownloadResults(orgId, evaluationId);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [view, setView] = useState<'summary' | 'compare'>('summary');
  const metrics = useMemo<MetricInfo[]>(
    () => (evaluation.data ? metricInfos(evaluation.data.evaluators, evaluation.data.summary) : []),
    [evaluation.data],
  );
  const [histogramKey, setHistogramKey] = useState<string | null>(null);

  if (evaluation.isError)
    return <ErrorAlert error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  if (!evaluation.data) return <TableSkeleton rows={6} />;
  const e = evaluation.data;
  const histogramMetric = metrics.find((m) => m.key === histogramKey) ?? metrics[0] ?? null;

  return (
    <>
      <Anchor component={Link} to={orgPath(orgId, 'evaluations')} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Evaluations
        </Group>
      </Anchor>
      <PageHeader
        title={e.name}
        description={
          <Group gap="xs" component="span">
            <EvaluationStatusBadge status={e.status} />
            <Text span size="sm" c="dimmed">
              {e.progress.total.toLocaleString()} calls · {e.evaluators.length} evaluator
              {e.evaluators.length === 1 ? '' : 's'}
            </Text>
          </Group>
        }
        actions={
          <>
            {canRun && !finished && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconPlayerStop size={16} />}
                onClick={() => setConfirmCancel(true)}
                data-testid="evaluation-cancel"
              >
                Cancel
              </Button>
            )}
            {finished && (
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
                data-testid="evaluation-download"
              >
                Results CSV
              </Button>
            )}
          </>
        }
      />
      <Facts
        orgId={orgId}
        evaluation={e}
        costUsd={finished ? e.costUsd : (live.progress?.costUsd ?? e.costUsd)}
      />
      {e.error && (
        <Alert
          color="red"
          variant="light"
          mb="md"
          icon={<IconAlertTriangle size={18} />}
          data-testid="evaluation-error"
        >
          {e.error}
        </Alert>
      )}
      {!finished && <LiveProgress evaluation={e} live={live} />}
      {finished && (
        <Stack gap="md">
          {e.status !== 'succeeded' && e.progress.done < e.progress.total && (
            <Text size="sm" c="dimmed">
              {e.progress.done.toLocaleString()} of {e.progress.total.toLocaleString()} calls finished before
              the evaluation {e.status === 'cancelled' ? 'was cancelled' : 'stopped'}; the summary covers
              those.
            </Text>
          )}
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as 'summary' | 'compare')}
            data={[
              { value: 'summary', label: 'Summary' },
              { value: 'compare', label: 'Compare items' },
            ]}
            w={280}
            data-testid="evaluation-view"
          />
          {view === 'summary' && (
            <>
              <SummaryTable evaluation={e} metrics={metrics} />
              {histogramMetric && results.results.length > 0 && (
                <Card padding="md">
                  <Group justify="space-between" mb="sm">
                    <Title order={5}>Score distribution</Title>
                    <Select
                      size="xs"
                      data={metrics.map((m) => m.key)}
                      value={histogramMetric.key}
                      onChange={setHistogramKey}
                      allowDeselect={false}
                      w={180}
                      aria-label="Metric"
                    />
                  </Group>
                  <ScoreHistograms evaluation={e} results={results.results} metric={histogramMetric} />
                </Card>
              )}
            </>
          )}
          {view === 'compare' &&
            (results.isError ? (
              <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
            ) : !results.complete ? (
              <Card>
                <Text size="sm" c="dimmed" mb="xs">
                  Loading results… {results.results.length.toLocaleString()} so far
                </Text>
                <TableSkeleton />
              </Card>
            ) : (
              <ComparisonView orgId={orgId} evaluation={e} results={results.results} metrics={metrics} />
            ))}
        </Stack>
      )}
      <ConfirmModal
        opened={confirmCancel}
        title="Cancel evaluation"
        confirmLabel="Cancel evaluation"
        loading={cancel.isPending}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => notifySuccess('Evaluation cancelled; finished results are kept'),
            onError: (error) => notifyFailure('Could not cancel the evaluation', error),
            onSettled: () => setConfirmCancel(false),
          })
        }
        onClose={() => setConfirmCancel(false)}
      >
        Stop this evaluation? Calls in flight are aborted; results already finished are kept.
      </ConfirmModal>
    </>
  );
}
