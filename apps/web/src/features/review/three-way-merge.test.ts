import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  baseLines,
  conflictCount,
  hasConflictMarkers,
  mergeThreeWay,
  resolveWith,
  sideLines,
  textWithMarkers,
} from './three-way-merge';

const base = ['You are a support agent.', 'Answer in English.', 'Be brief.', 'Sign as {{agent}}.'].join('\n');

describe('mergeThreeWay', () => {
  it('applies both sides when they change different lines', () => {
    const theirs = base.replace('Answer in English.', 'Answer in the language of the question.');
    const yours = base.replace('Sign as {{agent}}.', 'Sign as {{agent}} from {{team}}.');
    const chunks = mergeThreeWay(base, theirs, yours);
    expect(conflictCount(chunks)).toBe(0);
    expect(resolveWith(chunks, 'yours')).toBe(
      [
        'You are a support agent.',
        'Answer in the language of the question.',
        'Be brief.',
        'Sign as {{agent}} from {{team}}.',
      ].join('\n'),
    );
  });

  it('marks a conflict where both sides changed the same line differently', () => {
    const theirs = base.replace('Be brief.', 'Be very brief.');
    const yours = base.replace('Be brief.', 'Be thorough.');
    const chunks = mergeThreeWay(base, theirs, yours);
    expect(conflictCount(chunks)).toBe(1);
    expect(chunks[1]).toEqual({
      kind: 'conflict',
      base: ['Be brief.'],
      theirs: ['Be very brief.'],
      yours: ['Be thorough.'],
    });
    expect(resolveWith(chunks, 'theirs')).toBe(theirs);
    expect(resolveWith(chunks, 'yours')).toBe(yours);
    const marked = textWithMarkers(chunks, { theirs: 'theirs (v5)', yours: 'yours' });
    expect(marked.split('\n')).toEqual([
      'You are a support agent.',
      'Answer in English.',
      '<<<<<<< theirs (v5)',
      'Be very brief.',
      '=======',
      'Be thorough.',
      '>>>>>>> yours',
      'Sign as {{agent}}.',
    ]);
    expect(hasConflictMarkers(marked)).toBe(true);
  });

  it('takes an identical change on both sides once', () => {
    const same = base.replace('Be brief.', 'Be concise.');
    const chunks = mergeThreeWay(base, same, same);
    expect(conflictCount(chunks)).toBe(0);
    expect(resolveWith(chunks, 'theirs')).toBe(same);
  });

  it('keeps insertions of both sides at different places, and a deletion of one', () => {
    const theirs = `Context: {{context}}\n${base}`;
    const yours = base.replace('Answer in English.\n', '');
    const chunks = mergeThreeWay(base, theirs, yours);
    expect(conflictCount(chunks)).toBe(0);
    expect(resolveWith(chunks, 'yours').split('\n')).toEqual([
      'Context: {{context}}',
      'You are a support agent.',
      'Be brief.',
      'Sign as {{agent}}.',
    ]);
  });

  it('treats two insertions at the same place as a conflict', () => {
    const chunks = mergeThreeWay('a\nb', 'a\nX\nb', 'a\nY\nb');
    expect(chunks).toEqual([
      { kind: 'stable', lines: ['a'] },
      { kind: 'conflict', base: [], theirs: ['X'], yours: ['Y'] },
      { kind: 'stable', lines: ['b'] },
    ]);
  });

  it('handles an empty base (both sides wrote from nothing)', () => {
    expect(conflictCount(mergeThreeWay('', 'theirs', 'yours'))).toBe(1);
    expect(resolveWith(mergeThreeWay('', '', 'yours'), 'yours')).toBe('yours');
  });

  it('returns the base when nobody changed anything', () => {
    expect(mergeThreeWay(base, base, base)).toEqual([{ kind: 'stable', lines: base.split('\n') }]);
  });
});

describe('hasConflictMarkers', () => {
  it('finds marker lines only at the start of a line', () => {
    expect(hasConflictMarkers('a\n=======\nb')).toBe(true);
    expect(hasConflictMarkers('>>>>>>> yours')).toBe(true);
    expect(hasConflictMarkers('a ======= b')).toBe(false);
    expect(hasConflictMarkers('======== eight')).toBe(false);
  });
});

describe('column marks', () => {
  it('marks what a side added or edited, and what the base lost', () => {
    const theirs = base.replace('Be brief.', 'Be very brief.');
    const yours = `${base}\nThanks!`;
    expect(
      sideLines(base, theirs)
        .filter((l) => l.changed)
        .map((l) => l.text),
    ).toEqual(['Be very brief.']);
    expect(
      sideLines(base, yours)
        .filter((l) => l.changed)
        .map((l) => l.text),
    ).toEqual(['Thanks!']);
    expect(
      baseLines(base, theirs, yours)
        .filter((l) => l.changed)
        .map((l) => l.text),
    ).toEqual(['Be brief.']);
  });
});

describe('mergeThreeWay properties', () => {
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 12 }).map((l) => l.join('\n'));

  it('gives back the side that changed when the other did not', () => {
    fc.assert(
      fc.property(lines, lines, (base, changed) => {
        for (const chunks of [mergeThreeWay(base, base, changed), mergeThreeWay(base, changed, base)]) {
          expect(conflictCount(chunks)).toBe(0);
          expect(resolveWith(chunks, 'yours')).toBe(changed);
          expect(resolveWith(chunks, 'theirs')).toBe(changed);
        }
      }),
    );
  });

  it('agrees with both sides when they made the same change', () => {
    fc.assert(
      fc.property(lines, lines, (base, both) => {
        const chunks = mergeThreeWay(base, both, both);
        expect(conflictCount(chunks)).toBe(0);
        expect(resolveWith(chunks, 'yours')).toBe(both);
      }),
    );
  });
});
