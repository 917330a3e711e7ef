import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconChartLine,
  IconDownload,
  IconFilterOff,
  IconRefresh,
} from '@tabler/icons-react';
import { orgPath } from '../../app/navigation';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { saveBlob } from '../../components/save-blob';
import { useNow } from '../../components/use-now';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { usePrompts } from '../prompts/prompts-api';
import { useModels } from '../providers/providers-api';
import { useAnalytics, useDownloadAnalyticsCsv } from './analytics-api';
import { AnalyticsCharts } from './analytics-charts';
import { AnalyticsFilters, PeriodPicker } from './analytics-filters';
import {
  analyticsFileName,
  analyticsQuery,
  DEFAULT_VIEW,
  hasFilters,
  parseView,
  resolvePeriod,
  viewToSearch,
  type AnalyticsView,
  type GroupBy,
} from './analytics-view';
import { KpiCards } from './kpi-cards';
import { buildKpis } from './kpi';
import { RegressionsPanel } from './regressions-panel';
import { seriesTotalsCsv } from './series-csv';
import { SeriesTable } from './series-table';

function NoRunsYet({ orgId }: { orgId: string }) {
  const canRun = useCan('executions:run');
  return (
    <Card padding="xl" data-testid="analytics-empty">
      <Center>
        <Stack align="center" gap="xs" maw={520}>
          <IconChartLine size={36} color="var(--mantine-color-gray-5)" />
          <Text fw={600}>No runs yet</Text>
          <Text size="sm" c="dimmed" ta="center">
            Every prompt run is counted here: runs from the playground, from your application through the API
            or the SDK, and from evaluations. Run a prompt in the playground to see the first figures; the
            built-in mock models cost nothing.
          </Text>
          {canRun && (
            <Button component={Link} to={orgPath(orgId, 'playground')} variant="light" size="sm" mt="xs">
              Open the playground
            </Button>
          )}
        </Stack>
      </Center>
    </Card>
  );
}

function NothingMatches({ onClear }: { onClear: () => void }) {
  return (
    <Card padding="xl" data-testid="analytics-no-match">
      <Center>
        <Stack align="center" gap="xs">
          <Text fw={600}>No runs match these filters in this period</Text>
          <Button variant="light" size="xs" leftSection={<IconFilterOff size={14} />} onClick={onClear}>
            Clear the filters
          </Button>
        </Stack>
      </Center>
    </Card>
  );
}

/**
 * /orgs/:orgId/analytics: runs, cost, latency, errors and quality over a period, filtered and
 * grouped, with regressions flagged. The view lives in the URL.
 */
export function AnalyticsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  // A minute is fine enough: presets move on with the hour or the day.
  const now = useNow(60_000);
  const resolved = resolvePeriod(view, now);
  const query = resolved.ok ? analyticsQuery(view, resolved.period) : null;
  const analytics = useAnalytics(orgId, query);
  const download = useDownloadAnalyticsCsv(orgId);
  const prompts = usePrompts(orgId, '');
  const models = useModels(orgId);

  const update = (patch: Partial<AnalyticsView>) => {
    const next = { ...view, ...patch };
    // Custom starts from the range on screen, so the user adjusts rather than starts over.
    if (patch.period === 'custom' && !next.from && !next.to && resolved.ok) {
      next.from = resolved.period.from.slice(0, 10);
      next.to = new Date(Date.parse(resolved.period.to) - 1).toISOString().slice(0, 10);
    }
    setParams(viewToSearch(next), { replace: true });
  };

  const data = analytics.data;
  const kpis = data ? buildKpis(data.totals, data.previousTotals, data.scoreKey) : [];
  const noRunsAtAll =
    data !== undefined &&
    data.totals.executions === 0 &&
    data.previousTotals.executions === 0 &&
    !hasFilters(view);
  const noMatch = data !== undefined && data.totals.executions === 0 && hasFilters(view);

  const exportServerCsv = () => {
    if (!query || !resolved.ok) return;
    download.mutate(
      { query, fileName: analyticsFileName(resolved.period) },
      {
        onSuccess: (file) => notifySuccess(`Downloaded ${file}`),
        onError: (error) => notifyFailure('Could not download the analytics', error),
      },
    );
  };
  const exportTable = () => {
    if (!data || !resolved.ok) return;
    const fileName = analyticsFileName(resolved.period, '-totals');
    saveBlob(new Blob([seriesTotalsCsv(data)], { type: 'text/csv;charset=utf-8' }), fileName);
    notifySuccess(`Downloaded ${fileName}`);
  };

  const scoreKeyControl =
    data && data.scoreKeys.length > 0 ? (
      <Select
        size="xs"
        aria-label="Evaluation score"
        data={data.scoreKeys}
        value={data.scoreKey}
        onChange={(key) => update({ scoreKey: key ?? '' })}
        allowDeselect={false}
        w={170}
        data-testid="analytics-score-key"
      />
    ) : null;

  return (
    <>
      <PageHeader
        title="Analytics"
        description="Runs, cost, latency, errors and quality of this organization's prompts (UTC hours and days)."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => void analytics.refetch()}
              loading={analytics.isFetching && !analytics.isPending}
              disabled={!query}
              data-testid="analytics-refresh"
            >
              Refresh
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={exportServerCsv}
              loading={download.isPending}
              disabled={!query}
              data-testid="analytics-export"
            >
              Export CSV
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <Card padding="sm">
          <Group justify="space-between" gap="sm" wrap="wrap" align="flex-start">
            <PeriodPicker view={view} error={resolved.ok ? null : resolved.error} onChange={update} />
            <AnalyticsFilters
              view={view}
              prompts={prompts.data?.items ?? []}
              models={models.data?.items ?? []}
              onChange={update}
            />
          </Group>
        </Card>

        {!resolved.ok && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            data-testid="analytics-period-error"
          >
            {resolved.error}
          </Alert>
        )}
        {analytics.isError && <ErrorAlert error={analytics.error} onRetry={() => void analytics.refetch()} />}
        {query && analytics.isPending && <TableSkeleton rows={6} />}

        {data && <RegressionsPanel orgId={orgId} regressions={data.regressions} />}
        {noRunsAtAll && <NoRunsYet orgId={orgId} />}
        {noMatch && (
          <NothingMatches
            onClear={() => update({ ...DEFAULT_VIEW, period: view.period, from: view.from, to: view.to })}
          />
        )}

        {data && !noRunsAtAll && !noMatch && (
          <Stack
            gap="md"
            style={{ opacity: analytics.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
          >
            <KpiCards kpis={kpis} />
            <Group justify="space-between" align="center">
              <Group gap="xs">
                <Title order={4}>Over time</Title>
                {analytics.isPlaceholderData && <Loader size="xs" />}
              </Group>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  One line per
                </Text>
                <SegmentedControl
                  size="xs"
                  value={view.groupBy || 'none'}
                  onChange={(g) => update({ groupBy: g === 'none' ? '' : (g as GroupBy) })}
                  data={[
                    { value: 'none', label: 'None' },
                    { value: 'prompt', label: 'Prompt' },
                    { value: 'model', label: 'Model' },
                    { value: 'version', label: 'Version' },
                  ]}
                  data-testid="analytics-group-by"
                />
              </Group>
            </Group>
            <AnalyticsCharts analytics={data} scoreKeyControl={scoreKeyControl} />
            <SeriesTable
              analytics={data}
              onExport={exportTable}
              onPickPrompt={(name) => update({ promptName: name, promptVersion: null, groupBy: 'version' })}
            />
          </Stack>
        )}
      </Stack>
    </>
  );
}
