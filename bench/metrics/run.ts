// Benchmark for @promptops/metrics. Run: node --import tsx bench/metrics/run.ts
// Baseline: straightforward implementations (bench/metrics/baseline.ts) measured in the same run.
import { corpusBleu, rouge, sentenceBleu } from '../../packages/metrics/src/index.js';
import { naiveCorpusBleu, naiveRouge } from './baseline.js';
import { makeCorpus } from './corpus.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Median wall time of `RUNS` runs after one warm-up, in milliseconds. */
function measure(fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const { hypotheses, references } = makeCorpus(3000);
const words = hypotheses.reduce((s, h) => s + h.split(' ').length, 0) / hypotheses.length;

// Sanity: the baselines compute the same numbers, so the comparison is like for like.
const ours = corpusBleu(hypotheses, [references]).score;
const theirs = naiveCorpusBleu(hypotheses, references);
if (Math.abs(ours - theirs) > 1e-9) throw new Error(`BLEU mismatch: ${ours} vs ${theirs}`);
for (let i = 0; i < 50; i++) {
  const a = rouge(references[i]!, hypotheses[i]!, { types: ['rouge1', 'rouge2', 'rougeL'] });
  const b = naiveRouge(references[i]!, hypotheses[i]!);
  for (const type of ['rouge1', 'rouge2', 'rougeL'] as const) {
    if (Math.abs(a[type].fmeasure - b[type]) > 1e-12) throw new Error(`ROUGE mismatch on ${type}`);
  }
}

const n = hypotheses.length;
const bleuMs = measure(() => corpusBleu(hypotheses, [references]));
const bleuBaselineMs = measure(() => naiveCorpusBleu(hypotheses, references));
const rougeMs = measure(() => {
  for (let i = 0; i < n; i++)
    rouge(references[i]!, hypotheses[i]!, { types: ['rouge1', 'rouge2', 'rougeL'] });
});
const rougeBaselineMs = measure(() => {
  for (let i = 0; i < n; i++) naiveRouge(references[i]!, hypotheses[i]!);
});
const rougeStemMs = measure(() => {
  for (let i = 0; i < n; i++)
    rouge(references[i]!, hypotheses[i]!, { types: ['rouge1', 'rouge2', 'rougeL'], useStemmer: true });
});
const batchMs = measure(() => {
  for (let i = 0; i < 1000; i++) {
    sentenceBleu(hypotheses[i]!, [references[i]!]);
    rouge(references[i]!, hypotheses[i]!, { types: ['rouge1', 'rouge2', 'rougeL'] });
  }
});

const rows = [
  [
    'corpus BLEU 13a',
    `${fmt((n / bleuMs) * 1000)} seg/s`,
    '>= 15,000 seg/s',
    `${fmt((n / bleuBaselineMs) * 1000)} seg/s`,
    bleuBaselineMs / bleuMs,
  ],
  [
    'ROUGE-1/2/L, no stemming',
    `${fmt((n / rougeMs) * 1000)} pairs/s`,
    '>= 12,000 pairs/s',
    `${fmt((n / rougeBaselineMs) * 1000)} pairs/s`,
    rougeBaselineMs / rougeMs,
  ],
  ['ROUGE-1/2/L, Porter stemming', `${fmt((n / rougeStemMs) * 1000)} pairs/s`, '(no target)', '', NaN],
  ['1,000 sentence-BLEU + ROUGE', `${batchMs.toFixed(1)} ms`, 'well under 5,000 ms', '', NaN],
] as const;

console.log(
  `@promptops/metrics benchmark — ${n} segments, ${words.toFixed(1)} words/segment, median of ${RUNS} runs, Node ${process.version}`,
);
console.log(
  'Baseline: straightforward same-run implementations (bench/metrics/baseline.ts), identical scores.\n',
);
console.log(
  ['metric', 'ours', 'target', 'baseline', 'speed-up'].map((h, i) => h.padEnd(i === 0 ? 30 : 20)).join(''),
);
for (const [name, value, target, baseline, ratio] of rows) {
  console.log(
    [name, value, target, baseline, Number.isNaN(ratio) ? '' : `${ratio.toFixed(2)}x`]
      .map((c, i) => String(c).padEnd(i === 0 ? 30 : 20))
      .join(''),
  );
}
console.log(
  '\n' +
    JSON.stringify({
      bleuSegmentsPerSecond: Math.round((n / bleuMs) * 1000),
      bleuBaselineSegmentsPerSecond: Math.round((n / bleuBaselineMs) * 1000),
      rougePairsPerSecond: Math.round((n / rougeMs) * 1000),
      rougeBaselinePairsPerSecond: Math.round((n / rougeBaselineMs) * 1000),
      rougeStemmedPairsPerSecond: Math.round((n / rougeStemMs) * 1000),
      sentenceBatch1000Ms: Number(batchMs.toFixed(1)),
    }),
);
