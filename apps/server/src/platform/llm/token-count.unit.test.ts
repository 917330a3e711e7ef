import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTextBounded, countTextSync, MAX_EXACT_WORD_CHARS, type Encoding } from './token-count.js';

const reference: Record<Encoding, (t: string) => number> = {
  o200k_base: (t) => encodeO200k(t, { disallowedSpecial: new Set() }).length,
  cl100k_base: (t) => encodeCl100k(t, { disallowedSpecial: new Set() }).length,
};
const encodings: Encoding[] = ['o200k_base', 'cl100k_base'];

// Words, numbers, punctuation and every kind of whitespace, so that chunk cuts land next to each.
const fragment = fc.oneof(
  fc.constantFrom('hello', 'World', "don't", 'naïve', '日本語', '12345', '3.14', 'ÜBER', 'x'),
  fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', ' \n ', '\u00a0', '\u3000'),
  fc.constantFrom(',', '.', '!?', '{"a":', '}', '//', '<|endoftext|>', '...', "'s", '—'),
  fc.string({ maxLength: 6 }),
);

describe('countTextBounded', () => {
  it.each(encodings)('gives the exact count of long ordinary text in chunks (%s)', async (encoding) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { minLength: 1, maxLength: 6_000 }), async (parts) => {
        const text = parts.join('');
        const counted = await countTextBounded(text, encoding);
        expect(counted).toEqual({ tokens: reference[encoding](text), exact: true });
        expect(countTextSync(text, encoding)).toEqual(counted);
      }),
      { numRuns: 25 },
    );
  });

  it('counts special-token text as ordinary text instead of throwing', async () => {
    const text = 'a <|endoftext|> b <|fim_prefix|>';
    expect(await countTextBounded(text, 'o200k_base')).toEqual({
      tokens: reference.o200k_base(text),
      exact: true,
    });
  });

  it('labels a pathological word as an estimate, close to the real count', async () => {
    const word = 'ab'.repeat(2_000);
    const counted = await countTextBounded(`before ${word} after`, 'o200k_base');
    expect(counted.exact).toBe(false);
    const real = reference.o200k_base(`before ${word} after`);
    expect(Math.abs(counted.tokens - real) / real).toBeLessThan(0.05);
    expect(MAX_EXACT_WORD_CHARS).toBeLessThan(word.length);
  });

  it('counts a 400k-character word in linear time without holding the event loop', async () => {
    const word = 'a'.repeat(400_000);
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 1);
    const started = performance.now();
    const counted = await countTextBounded(word, 'o200k_base');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(counted.exact).toBe(false);
    expect(counted.tokens).toBeGreaterThan(40_000);
    expect(elapsed).toBeLessThan(5_000);
    // A count that takes a while must let timers run in between (a very fast one may end first).
    if (elapsed > 50) expect(ticks).toBeGreaterThan(0);
    expect(longestGap).toBeLessThan(100);
    console.log(
      `400k-char word: ${elapsed.toFixed(0)} ms, longest event-loop gap ${longestGap.toFixed(1)} ms`,
    );
  });
});
