import { describe, expect, it } from 'vitest';
import { cellChanged, cellText, itemColumns, parseCellEdit, withCell } from './dataset-cells';

describe('dataset cells', () => {
  it('lists every variable once, alphabetically', () => {
    expect(itemColumns([{ input: { b: 1, a: 2 } }, { input: { c: null, a: 3 } }])).toEqual(['a', 'b', 'c']);
  });

  it('shows values as text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(false)).toBe('false');
    expect(cellText(1.5)).toBe('1.5');
  });

  it('keeps a cell kind when the edit fits it', () => {
    expect(parseCellEdit(3, ' 4.5 ')).toBe(4.5);
    expect(parseCellEdit(3, 'four')).toBe('four');
    expect(parseCellEdit(true, 'FALSE')).toBe(false);
    expect(parseCellEdit('007', '008')).toBe('008');
    expect(parseCellEdit(null, '')).toBeNull();
    expect(parseCellEdit(undefined, '')).toBeNull();
    expect(parseCellEdit('x', '')).toBe('');
  });

  it('changes one variable and tells unchanged edits apart', () => {
    expect(withCell({ a: 1, b: 'x' }, 'b', 'y')).toEqual({ a: 1, b: 'y' });
    expect(cellChanged('x', 'x')).toBe(false);
    expect(cellChanged(undefined, null)).toBe(false);
    expect(cellChanged(1, 2)).toBe(true);
  });
});
