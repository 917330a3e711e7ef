import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { Evaluation, EvaluationResult } from '@promptops/contracts';
import { formatDuration } from '../playground/run-format';
import { promptPagePath } from '../playground/prompt-paths';
import { DiffText } from './diff-text';
import { formatDelta, formatScore, improvement, type MetricInfo } from './metrics-view';
import { alignResults, filterRows, scoreDelta, sortByRegression, type AlignedRow } from './result-alignment';
import { variantLabel } from './summary-table';

const PAGE = 50;

/** The playground with the prompt version and this run opened. */
function runPath(orgId: string, promptName: string, version: number, executionId: string): string {
  const path = promptPagePath(orgId, promptName, version);
  return `${path}${path.includes('?') ? '&' : '?'}run=${executionId}`;
}

function InputCell({ input }: { input: AlignedRow['input'] }) {
  return (
    <Stack gap={2}>
      {Object.entries(input).map(([k, v]) => (
        <Text key={k} size="xs" lineClamp={4} style={{ wordBreak: 'break-word' }}>
          <Code>{k}</Code> {v === null ? <i>null</i> : String(v)}
        </Text>
      ))}
    </Stack>
  );
}

function ResultCell({
  orgId,
  evaluation,
  row,
  variant,
  metrics,
  showDiff,
}: {
  orgId: string;
  evaluation: Evaluation;
  row: AlignedRow;
  variant: number;
  metrics: readonly MetricInfo[];
  showDiff: boolean;
}) {
  const result: EvaluationResult | undefined = row.results[variant];
  if (!result)
    return (
      <Text size="xs" c="dimmed">
        no result
      </Text>
    );
  const v = evaluation.variants[variant];
  return (
    <Stack gap={6}>
      {result.error ? (
        <Text size="sm" c="red" data-testid="result-error">
          {result.error}
        </Text>
      ) : showDiff && row.expected !== null && result.output !== null ? (
        <DiffText expected={row.expected} output={result.output} />
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {result.output ?? '—'}
        </Text>
      )}
      <Group gap={4}>
        {metrics.map((info) => {
          const score = result.scores[info.key];
          const scoreError = result.scoreErrors[info.key];
          if (scoreError)
            return (
              <Tooltip key={info.key} label={scoreError} withArrow multiline w={260}>
                <Badge size="xs" color="orange" variant="light" tt="none">
                  {info.key}: error
                </Badge>
              </Tooltip>
            );
          if (score === undefined) return null;
          const delta = variant === 0 ? null : scoreDelta(row, variant, info.key);
          const change = delta === null ? 0 : improvement(info, delta);
          return (
            <Badge
              key={info.key}
              size="xs"
              variant="light"
              tt="none"
              color={change > 0 ? 'teal' : change < 0 ? 'red' : 'gray'}
              data-testid={`score-${info.key}`}
            >
              {info.key} {formatScore(info, score)}
              {delta !== null && delta !== 0 ? ` (${formatDelta(info, delta)})` : ''}
            </Badge>
          );
        })}
      </Group>
      <Group gap={8}>
        <Text size="xs" c="dimmed">
          {formatDuration(result.latencyMs)}
          {row.repetition > 0 ? ` · repetition ${row.repetition + 1}` : ''}
        </Text>
        {result.executionId && v && (
          <Anchor
            component={Link}
            to={runPath(orgId, v.prompt.name, v.prompt.version, result.executionId)}
            size="xs"
            data-testid="result-execution-link"
          >
            <Group gap={2}>
              run <IconExternalLink size={12} />
            </Group>
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

/**
 * Items aligned across variants: input, expected, and each variant's output side by side with
 * its scores and their change from the baseline. Sorting and filters find regressions fast.
 */
export function ComparisonView({
  orgId,
  evaluation,
  results,
  metrics,
}: {
  orgId: string;
  evaluation: Evaluation;
  results: readonly EvaluationResult[];
  metrics: readonly MetricInfo[];
}) {
  const scored = metrics.filter((m) => m.type !== 'latency' && m.type !== 'cost');
  const [metricKey, setMetricKey] = useState<string | null>(scored[0]?.key ?? metrics[0]?.key ?? null);
  const [sortRegression, setSortRegression] = useState(false);
  const [failedOnly, setFailedOnly] = useState(false);
  const [threshold, setThreshold] = useState<number | ''>('');
  const [showDiff, setShowDiff] = useState(true);
  const [shown, setShown] = useState(PAGE);
  const metric = metrics.find((m) => m.key === metricKey) ?? null;

  const rows = useMemo(() => {
    const aligned = alignResults(results, evaluation.variants.length);
    const filtered = filterRows(aligned, {
      failedOnly,
      below: metric && threshold !== '' ? { metric, threshold } : null,
    });
    return sortRegression && metric ? sortByRegression(filtered, metric) : filtered;
  }, [results, evaluation.variants.length, failedOnly, metric, threshold, sortRegression]);

  return (
    <Stack gap="sm" data-testid="comparison-view">
      <Card padding="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label="Metric"
            data={metrics.map((m) => m.key)}
            value={metricKey}
            onChange={setMetricKey}
            allowDeselect={false}
            w={180}
            size="xs"
            data-testid="comparison-metric"
          />
          <Switch
            label="Largest regression first"
            checked={sortRegression}
            onChange={(e) => setSortRegression(e.currentTarget.checked)}
            disabled={evaluation.variants.length < 2}
            data-testid="comparison-sort-regression"
          />
          <Checkbox
            label="Failed only"
            checked={failedOnly}
            onChange={(e) => setFailedOnly(e.currentTarget.checked)}
            data-testid="comparison-failed-only"
          />
          <NumberInput
            label={metric?.lowerIsBetter ? 'Above threshold' : 'Below threshold'}
            placeholder="off"
            value={threshold}
            onChange={(v) => setThreshold(typeof v === 'number' ? v : '')}
            w={140}
            size="xs"
            decimalScale={4}
            data-testid="comparison-threshold"
          />
          <Switch
            label="Word diff against expected"
            checked={showDiff}
            onChange={(e) => setShowDiff(e.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed" ml="auto" data-testid="comparison-count">
            {rows.length.toLocaleString()} item{rows.length === 1 ? '' : 's'}
          </Text>
        </Group>
      </Card>
      <Card p={0}>
        <Table.ScrollContainer minWidth={420 + 320 * evaluation.variants.length} type="native">
          <Table
            verticalSpacing="sm"
            horizontalSpacing="sm"
            withColumnBorders
            style={{ tableLayout: 'fixed' }}
            data-testid="comparison-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={220}>Input</Table.Th>
                <Table.Th w={200}>Expected</Table.Th>
                {evaluation.variants.map((_, v) => (
                  <Table.Th key={v}>{variantLabel(evaluation, v)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.slice(0, shown).map((row) => (
                <Table.Tr key={row.key} data-testid="comparison-row" style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <InputCell input={row.input} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {row.expected ?? <i>none</i>}
                    </Text>
                  </Table.Td>
                  {evaluation.variants.map((_, v) => (
                    <Table.Td key={v}>
                      <ResultCell
                        orgId={orgId}
                        evaluation={evaluation}
                        row={row}
                        variant={v}
                        metrics={metrics}
                        showDiff={showDiff}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {rows.length > shown && (
        <Group justify="center">
          <Button variant="default" size="xs" onClick={() => setShown((n) => n + PAGE)}>
            Show more ({shown} of {rows.length.toLocaleString()})
          </Button>
        </Group>
      )}
    </Stack>
  );
}
