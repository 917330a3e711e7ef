import { describe, expect, it } from 'vitest';
import { keptRatio, tokenize, wordDiff, type DiffSegment } from './word-diff';

const side = (segments: DiffSegment[], op: 'delete' | 'insert') =>
  segments
    .filter((s) => s.op === 'equal' || s.op === op)
    .map((s) => s.text)
    .join('');

describe('word diff', () => {
  it('keeps whitespace and punctuation as tokens', () => {
    expect(tokenize(' a  b\n')).toEqual([' ', 'a', '  ', 'b', '\n']);
    expect(tokenize('Paris, café.')).toEqual(['Paris', ',', ' ', 'café', '.']);
  });

  it('finds the expected word inside a longer sentence', () => {
    expect(wordDiff('Nairobi', 'The capital is Nairobi.')).toEqual([
      { op: 'insert', text: 'The capital is ' },
      { op: 'equal', text: 'Nairobi' },
      { op: 'insert', text: '.' },
    ]);
  });

  it('marks a replaced word', () => {
    expect(wordDiff('the cat sat', 'the dog sat')).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'delete', text: 'cat' },
      { op: 'insert', text: 'dog' },
      { op: 'equal', text: ' sat' },
    ]);
  });

  it('reads neighbouring replaced words as one phrase', () => {
    expect(wordDiff('a b c d', 'a x y d')).toEqual([
      { op: 'equal', text: 'a ' },
      { op: 'delete', text: 'b c' },
      { op: 'insert', text: 'x y' },
      { op: 'equal', text: ' d' },
    ]);
  });

  it('handles empty sides and identical texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new words')).toEqual([{ op: 'insert', text: 'new words' }]);
    expect(wordDiff('old', '')).toEqual([{ op: 'delete', text: 'old' }]);
    expect(wordDiff('same text', 'same text')).toEqual([{ op: 'equal', text: 'same text' }]);
  });

  it('always gives back both texts', () => {
    const pairs: [string, string][] = [
      ['Paris is the capital of France.', 'The capital of France is Paris.'],
      ['one two three four five', 'zero one three five six'],
      ['a a a b', 'b a a a'],
      ['  leading and trailing  ', 'leading, and trailing'],
    ];
    for (const [before, after] of pairs) {
      const diff = wordDiff(before, after);
      expect(side(diff, 'delete')).toBe(before);
      expect(side(diff, 'insert')).toBe(after);
    }
  });

  it('finds a minimal script: one insertion', () => {
    const diff = wordDiff('a b c', 'a b x c');
    expect(diff.filter((s) => s.op === 'delete')).toEqual([]);
    expect(diff.filter((s) => s.op === 'insert').map((s) => s.text.trim())).toEqual(['x']);
  });

  it('falls back to delete-all/insert-all for texts with nothing in common past the edit limit', () => {
    const before = Array.from({ length: 400 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 400 }, (_, i) => `b${i}`).join(' ');
    const diff = wordDiff(before, after);
    expect(side(diff, 'delete')).toBe(before);
    expect(side(diff, 'insert')).toBe(after);
  });

  it('measures how much of the expected text was kept', () => {
    expect(keptRatio(wordDiff('a b c d', 'a b x d'))).toBe(0.75);
    expect(keptRatio(wordDiff('', 'x'))).toBe(1);
  });
});
