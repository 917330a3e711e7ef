import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffHunks, diffLines, diffWords, splitLines } from '../src/index.js';

/** Length of a longest common subsequence, by dynamic programming: the reference for minimality. */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = up;
    }
  }
  return row[b.length]!;
}

const lineText = fc
  .array(fc.constantFrom('a', 'b', 'c', 'you are helpful', ''), { maxLength: 25 })
  .map((lines) => lines.join('\n'));

describe('diffLines', () => {
  it('rebuilds both texts and keeps a longest common subsequence (property)', () => {
    fc.assert(
      fc.property(lineText, lineText, (before, after) => {
        const lines = diffLines(before, after);
        const oldSide = lines.filter((l) => l.op !== 'add').map((l) => l.text);
        const newSide = lines.filter((l) => l.op !== 'remove').map((l) => l.text);
        expect(oldSide).toEqual(splitLines(before));
        expect(newSide).toEqual(splitLines(after));
        const kept = lines.filter((l) => l.op === 'equal').length;
        expect(kept).toBe(lcsLength(splitLines(before), splitLines(after)));
        // Line numbers count each side's lines in order.
        expect(lines.filter((l) => l.oldLine !== null).map((l) => l.oldLine)).toEqual(
          oldSide.map((_, i) => i + 1),
        );
        expect(lines.filter((l) => l.newLine !== null).map((l) => l.newLine)).toEqual(
          newSide.map((_, i) => i + 1),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('pairs a changed line with its replacement and marks the words that changed', () => {
    const lines = diffLines(
      'Hello\nYou are a helpful assistant.\nBye',
      'Hello\nYou are a terse assistant.\nBye',
    );
    expect(lines.map((l) => l.op)).toEqual(['equal', 'remove', 'add', 'equal']);
    expect(lines[1]!.words).toEqual([
      { op: 'equal', text: 'You are a ' },
      { op: 'remove', text: 'helpful' },
      { op: 'equal', text: ' assistant.' },
    ]);
    expect(lines[2]!.words).toEqual([
      { op: 'equal', text: 'You are a ' },
      { op: 'add', text: 'terse' },
      { op: 'equal', text: ' assistant.' },
    ]);
  });

  it('treats CRLF and LF alike and an empty text as no lines', () => {
    expect(diffLines('a\r\nb', 'a\nb').every((l) => l.op === 'equal')).toBe(true);
    expect(diffLines('', 'x')).toEqual([{ op: 'add', text: 'x', oldLine: null, newLine: 1 }]);
  });

  it('stays fast and correct for large, wholly different texts', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old line ${i}`).join('\n');
    const after = Array.from({ length: 5000 }, (_, i) => `new line ${i}`).join('\n');
    const started = performance.now();
    const lines = diffLines(before, after);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lines.filter((l) => l.op === 'remove')).toHaveLength(5000);
    expect(lines.filter((l) => l.op === 'add')).toHaveLength(5000);
  });
});

describe('diffWords', () => {
  it('joins segments back into both texts (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (before, after) => {
        const words = diffWords(before, after);
        const tokens = (s: string) => s.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu)?.join('') ?? '';
        expect(
          words
            .filter((w) => w.op !== 'add')
            .map((w) => w.text)
            .join(''),
        ).toBe(tokens(before));
        expect(
          words
            .filter((w) => w.op !== 'remove')
            .map((w) => w.text)
            .join(''),
        ).toBe(tokens(after));
      }),
      { numRuns: 300 },
    );
  });
});

describe('diffHunks', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');

  it('groups changes with three lines of context, like a unified diff', () => {
    const after = before.replace('line 2\n', 'line two\n').replace('line 18', 'line eighteen');
    const hunks = diffHunks(before, after);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]).toMatchObject({ oldStart: 1, oldLines: 5, newStart: 1, newLines: 5 });
    expect(hunks[1]).toMatchObject({ oldStart: 15, oldLines: 6, newStart: 15, newLines: 6 });
  });

  it('merges changes whose context overlaps into one hunk', () => {
    const after = before.replace('line 5\n', 'line five\n').replace('line 10\n', 'line ten\n');
    expect(diffHunks(before, after)).toHaveLength(1);
  });

  it('is empty for equal texts and starts an empty side at 0', () => {
    expect(diffHunks(before, before)).toEqual([]);
    expect(diffHunks('', 'a\nb')[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 });
  });
});
