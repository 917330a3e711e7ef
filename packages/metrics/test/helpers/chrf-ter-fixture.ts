import { readFileSync } from 'node:fs';
import type { ChrfOptions, TerOptions } from '../../src/index.js';

/** [score, numEdits, refLength] as sacrebleu's TERScore reports them. */
export type TerExpected = [number, number, number];

export interface ChrfTerFixture {
  source: string;
  sacrebleu: string;
  seed: number;
  chrfConfigs: Record<string, ChrfOptions>;
  terConfigs: Record<string, TerOptions>;
  edgeCases: Array<{
    name: string;
    hyp: string;
    refs: string[];
    expected: Record<string, number | TerExpected>;
  }>;
  edgeCorpus: Record<string, number | TerExpected>;
  random: {
    pairs: Array<{ hyp: string; refs: string[] }>;
    referenceStreams: number;
    sentence: Record<string, number[] | { score: number[]; numEdits: number[]; refLength: number[] }>;
    corpus: Record<string, number | TerExpected>;
  };
  generator: string;
}

/**
 * Reference values computed by sacrebleu (the `generator` field holds the Python script and
 * `source` says how to rerun it). Tests only read them: CI has no Python.
 */
export const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/chrf-ter-cases.json', import.meta.url), 'utf8'),
) as ChrfTerFixture;

/**
 * sacrebleu's layout for a corpus whose segments have different numbers of references:
 * stream k holds each segment's k-th reference, or null where it has none.
 */
export function referenceStreams(refLists: string[][]): string[][] {
  const count = Math.max(...refLists.map((refs) => refs.length));
  return Array.from({ length: count }, (_, k) =>
    refLists.map((refs) => refs[k] ?? (null as unknown as string)),
  );
}
