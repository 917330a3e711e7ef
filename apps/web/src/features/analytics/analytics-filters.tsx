import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import type { Model, PromptSummary } from '@promptops/contracts';
import { PERIOD_LABELS, PERIOD_PRESETS, type AnalyticsView, type Period } from './analytics-view';

export const SOURCE_LABELS: Record<Exclude<AnalyticsView['source'], ''>, string> = {
  playground: 'Playground',
  api: 'API',
  evaluation: 'Evaluations',
  workflow: 'Workflows',
  openai: 'OpenAI-compatible',
};

const PERIODS: Period[] = [...PERIOD_PRESETS, 'custom'];

/** The period: presets, or whole UTC days picked by hand. */
export function PeriodPicker({
  view,
  error,
  onChange,
}: {
  view: AnalyticsView;
  error: string | null;
  onChange: (patch: Partial<AnalyticsView>) => void;
}) {
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <SegmentedControl
        value={view.period}
        onChange={(period) => onChange({ period: period as Period })}
        data={PERIODS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
        data-testid="analytics-period"
      />
      {view.period === 'custom' && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            type="date"
            aria-label="First day (UTC)"
            value={view.from}
            onChange={(e) => onChange({ from: e.currentTarget.value })}
            error={error && !view.from ? error : null}
            w={160}
            data-testid="analytics-from"
          />
          <TextInput
            type="date"
            aria-label="Last day (UTC)"
            value={view.to}
            onChange={(e) => onChange({ to: e.currentTarget.value })}
            error={error && view.from ? error : null}
            w={160}
            data-testid="analytics-to"
          />
        </Group>
      )}
    </Group>
  );
}

/** Which runs count: one prompt (and version), one model, one source. */
export function AnalyticsFilters({
  view,
  prompts,
  models,
  onChange,
}: {
  view: AnalyticsView;
  prompts: readonly PromptSummary[];
  models: readonly Model[];
  onChange: (patch: Partial<AnalyticsView>) => void;
}) {
  const prompt = prompts.find((p) => p.name === view.promptName);
  const versions = prompt
    ? Array.from({ length: prompt.latestVersion }, (_, i) => String(prompt.latestVersion - i)).map((v) => ({
        value: v,
        label: `v${v}`,
      }))
    : [];
  return (
    <Group gap="xs" wrap="wrap" data-testid="analytics-filters">
      <Select
        placeholder="All prompts"
        aria-label="Prompt"
        data={prompts.map((p) => p.name)}
        value={view.promptName || null}
        onChange={(name) => onChange({ promptName: name ?? '', promptVersion: null })}
        searchable
        clearable
        nothingFoundMessage="No prompt matches"
        w={220}
        data-testid="analytics-prompt"
      />
      <Select
        placeholder="All versions"
        aria-label="Version"
        data={versions}
        value={view.promptVersion === null ? null : String(view.promptVersion)}
        onChange={(v) => onChange({ promptVersion: v === null ? null : Number(v) })}
        disabled={!view.promptName}
        clearable
        w={130}
        data-testid="analytics-version"
      />
      <Select
        placeholder="All models"
        aria-label="Model"
        data={models.map((m) => ({ value: m.id, label: m.displayName }))}
        value={view.modelId || null}
        onChange={(id) => onChange({ modelId: id ?? '' })}
        searchable
        clearable
        w={200}
        data-testid="analytics-model"
      />
      <Select
        placeholder="All sources"
        aria-label="Source"
        data={Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))}
        value={view.source || null}
        onChange={(source) => onChange({ source: (source ?? '') as AnalyticsView['source'] })}
        clearable
        w={170}
        data-testid="analytics-source"
      />
    </Group>
  );
}
