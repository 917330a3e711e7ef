import { describe, expect, it } from 'vitest';
import {
  headersFromRows,
  pinnedVersion,
  promptDraftOf,
  stringRecord,
  toolOfKind,
  variableNames,
  withOptional,
  withPromptDraft,
} from './node-config';

describe('prompt reference', () => {
  it('reads and writes latest, version and label pins', () => {
    expect(promptDraftOf({ prompt: { name: 'a' } })).toEqual({
      name: 'a',
      pin: 'latest',
      version: '',
      label: '',
    });
    expect(promptDraftOf({ prompt: { name: 'a', version: 3 } })).toMatchObject({
      pin: 'version',
      version: 3,
    });
    expect(promptDraftOf({ prompt: { name: 'a', label: 'prod' } })).toMatchObject({
      pin: 'label',
      label: 'prod',
    });
    expect(promptDraftOf({})).toMatchObject({ name: '', pin: 'latest' });
    const base = { prompt: { name: 'x', version: 2 }, variables: { q: '{{input.q}}' } };
    expect(withPromptDraft(base, { name: 'a', pin: 'label', version: '', label: 'prod' })).toEqual({
      prompt: { name: 'a', label: 'prod' },
      variables: { q: '{{input.q}}' },
    });
    // A version pin without a version yet stores no version (never both, never an empty one).
    expect(withPromptDraft(base, { name: 'a', pin: 'version', version: '', label: 'prod' }).prompt).toEqual({
      name: 'a',
    });
  });

  it('finds the version whose variables to list', () => {
    expect(pinnedVersion({ name: 'a', pin: 'version', version: 4, label: '' }, {})).toBe(4);
    expect(pinnedVersion({ name: 'a', pin: 'label', version: '', label: 'prod' }, { prod: 2 })).toBe(2);
    expect(pinnedVersion({ name: 'a', pin: 'label', version: '', label: 'gone' }, {})).toBeNull();
    expect(pinnedVersion({ name: 'a', pin: 'latest', version: '', label: '' }, {})).toBeNull();
  });
});

describe('node data edits', () => {
  it('lists prompt variables first, then stale mappings', () => {
    expect(variableNames(['q', 'tone'], { old: 'x', q: 'y' })).toEqual(['q', 'tone', 'old']);
  });

  it('keeps only string values of a record', () => {
    expect(stringRecord({ a: 'x', b: 2 })).toEqual({ a: 'x' });
    expect(stringRecord(null)).toEqual({});
  });

  it('removes empty optional keys', () => {
    expect(withOptional({ a: 1, b: 2 }, 'b', '')).toEqual({ a: 1 });
    expect(withOptional({ a: 1 }, 'b', 5)).toEqual({ a: 1, b: 5 });
  });

  it('stores named headers only', () => {
    expect(
      headersFromRows([
        { name: ' X-Id ', value: '{{input.id}}' },
        { name: '', value: 'lost' },
      ]),
    ).toEqual({ 'X-Id': '{{input.id}}' });
    expect(headersFromRows([{ name: '', value: '' }])).toBeUndefined();
  });

  it('starts each tool kind from valid data', () => {
    expect(toolOfKind('http')).toEqual({ kind: 'http', method: 'GET', url: 'https://example.com' });
    expect(toolOfKind('code').code).toContain('function run(state)');
  });
});
