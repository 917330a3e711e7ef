import { describe, expect, it } from 'vitest';
import { formatDuration, formatTokens, previewText } from './run-format';

describe('run formatting', () => {
  it('formats durations', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(null)).toBe('—');
  });

  it('formats token counts, marking estimates', () => {
    expect(formatTokens(1)).toBe('1 token');
    expect(formatTokens(12345)).toBe('12,345 tokens');
    expect(formatTokens(40, false)).toBe('≈40 tokens');
  });

  it('previews output on one line', () => {
    expect(previewText('a\n\n b  c')).toBe('a b c');
    expect(previewText('abcdef', 4)).toBe('abc…');
  });
});
