import { describe, expect, it } from 'vitest';
import type { DiffHunk } from '@promptops/contracts';
import { diffStats, formatValue, hunkHeader, summarizeChanges, unifiedRows } from './diff-rows';

const hunk: DiffHunk = {
  oldStart: 1,
  oldLines: 2,
  newStart: 1,
  newLines: 2,
  lines: [
    { op: 'equal', text: 'You are a support agent.', oldLine: 1, newLine: 1 },
    {
      op: 'remove',
      text: 'Be brief.',
      oldLine: 2,
      newLine: null,
      words: [
        { op: 'equal', text: 'Be ' },
        { op: 'remove', text: 'brief' },
        { op: 'equal', text: '.' },
      ],
    },
    {
      op: 'add',
      text: 'Be very brief.',
      oldLine: null,
      newLine: 2,
      words: [
        { op: 'equal', text: 'Be ' },
        { op: 'add', text: 'very brief' },
        { op: 'equal', text: '.' },
      ],
    },
  ],
};

describe('unifiedRows', () => {
  it('puts a header before each hunk and keeps both line numbers', () => {
    const rows = unifiedRows([hunk]);
    expect(rows[0]).toEqual({ kind: 'hunk', key: 'h0', header: '@@ -1,2 +1,2 @@' });
    expect(rows.slice(1).map((r) => (r.kind === 'line' ? [r.op, r.oldLine, r.newLine] : null))).toEqual([
      ['equal', 1, 1],
      ['remove', 2, null],
      ['add', null, 2],
    ]);
  });

  it('highlights changed words, and a line without word detail as one segment', () => {
    const rows = unifiedRows([hunk]);
    const added = rows[3];
    expect(added?.kind === 'line' && added.segments.filter((s) => s.op === 'add').map((s) => s.text)).toEqual(
      ['very brief'],
    );
    const kept = rows[1];
    expect(kept?.kind === 'line' && kept.segments).toEqual([
      { op: 'equal', text: 'You are a support agent.' },
    ]);
  });

  it('is empty for no hunks', () => {
    expect(unifiedRows([])).toEqual([]);
  });
});

describe('diff helpers', () => {
  it('counts added and removed lines', () => {
    expect(diffStats([hunk])).toEqual({ added: 1, removed: 1 });
    expect(hunkHeader({ ...hunk, oldStart: 0, oldLines: 0 })).toBe('@@ -0,0 +1,2 @@');
  });
});

describe('summarizeChanges', () => {
  it('lists model, params, variables and description, not the body', () => {
    const rows = summarizeChanges([
      { field: 'template', before: 'a', after: 'b' },
      { field: 'messages[0]', before: 'a', after: 'b' },
      { field: 'model', before: 'gpt-4o-mini', after: 'gpt-4o' },
      { field: 'params', before: { temperature: 0.2 }, after: { temperature: 0.7, maxTokens: 300 } },
      { field: 'variables', before: [{ name: 'text' }], after: [{ name: 'text' }, { name: 'tone' }] },
      { field: 'description', before: null, after: 'Replies to tickets' },
    ]);
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['Model', 'gpt-4o-mini', 'gpt-4o'],
      ['Parameters', 'temperature 0.2', 'temperature 0.7 · max tokens 300'],
      ['Variables', '{{text}}', '{{text}}, {{tone}}'],
      ['Description', '—', 'Replies to tickets'],
    ]);
  });

  it('names a single parameter when the diff is per key', () => {
    const [row] = summarizeChanges([{ field: 'params.temperature', before: 0.2, after: null }]);
    expect(row).toMatchObject({ label: 'Parameters: temperature', before: '0.2', after: '—' });
  });

  it('formats empty params and variables in words', () => {
    expect(formatValue('params', {})).toBe('provider defaults');
    expect(formatValue('variables', [])).toBe('none');
    expect(formatValue('params', { stop: ['END'] })).toBe('stop "END"');
  });
});
