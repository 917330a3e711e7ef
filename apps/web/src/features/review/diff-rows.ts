import type { DiffChange, DiffHunk, DiffLine, DiffSegment } from '@promptops/contracts';

/**
 * The unified view of a diff, prepared for rendering: a header row per hunk, then its lines with
 * their numbers on both sides and, for a changed line, the words that changed.
 */

export type UnifiedRow =
  | { kind: 'hunk'; key: string; header: string }
  | {
      kind: 'line';
      key: string;
      op: DiffLine['op'];
      oldLine: number | null;
      newLine: number | null;
      segments: DiffSegment[];
    };

export function hunkHeader(hunk: DiffHunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}

export function unifiedRows(hunks: readonly DiffHunk[]): UnifiedRow[] {
  const rows: UnifiedRow[] = [];
  hunks.forEach((hunk, h) => {
    rows.push({ kind: 'hunk', key: `h${h}`, header: hunkHeader(hunk) });
    hunk.lines.forEach((line, i) => {
      // Without word detail the whole line carries the line's colour; with it only the changed words do.
      const segments =
        line.words && line.words.length > 0 ? line.words : [{ op: 'equal' as const, text: line.text }];
      rows.push({
        kind: 'line',
        key: `h${h}l${i}`,
        op: line.op,
        oldLine: line.oldLine,
        newLine: line.newLine,
        segments,
      });
    });
  });
  return rows;
}

export function diffStats(hunks: readonly DiffHunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of hunks)
    for (const line of hunk.lines) {
      if (line.op === 'add') added++;
      else if (line.op === 'remove') removed++;
    }
  return { added, removed };
}

/** Fields the changes summary lists; the body (template, messages) is what the line diff shows. */
const SUMMARY_FIELDS: Record<string, string> = {
  type: 'Type',
  model: 'Model',
  params: 'Parameters',
  variables: 'Variables',
  description: 'Description',
};

const PARAM_LABELS: Record<string, string> = {
  temperature: 'temperature',
  maxTokens: 'max tokens',
  topP: 'top p',
  stop: 'stop',
};

export interface ChangeSummary {
  field: string;
  label: string;
  before: string;
  after: string;
}

function formatParams(value: Record<string, unknown>): string {
  const parts = Object.entries(value)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(
      ([k, v]) =>
        `${PARAM_LABELS[k] ?? k} ${Array.isArray(v) ? v.map((s) => JSON.stringify(s)).join(', ') : String(v)}`,
    );
  return parts.length > 0 ? parts.join(' · ') : 'provider defaults';
}

function formatVariables(value: unknown[]): string {
  const names = value.map((v) =>
    typeof v === 'object' && v !== null && 'name' in v ? String((v as { name: unknown }).name) : String(v),
  );
  return names.length > 0 ? names.map((n) => `{{${n}}}`).join(', ') : 'none';
}

/** A field's value as one line: params and variables spelled out, nothing as "—". */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field.startsWith('params') && typeof value === 'object' && !Array.isArray(value))
    return formatParams(value as Record<string, unknown>);
  if (field.startsWith('variables') && Array.isArray(value)) return formatVariables(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The summary rows: model, params, variables, type and description, before → after. */
export function summarizeChanges(changes: readonly DiffChange[]): ChangeSummary[] {
  return changes.flatMap((change) => {
    const root = /^[a-zA-Z]+/.exec(change.field)?.[0] ?? change.field;
    const label = SUMMARY_FIELDS[root];
    if (label === undefined) return [];
    const detail = change.field.slice(root.length).replace(/^\./, '');
    return [
      {
        field: change.field,
        label: detail ? `${label}: ${PARAM_LABELS[detail] ?? detail}` : label,
        before: formatValue(root, change.before),
        after: formatValue(root, change.after),
      },
    ];
  });
}
