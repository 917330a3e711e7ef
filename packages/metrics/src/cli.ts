#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { corpusBleu, sentenceBleu, type BleuOptions, type BleuSmoothing } from './bleu/bleu.js';
import type { BleuTokenizer } from './bleu/tokenizers.js';
import { corpusChrf, sentenceChrf, type ChrfOptions } from './chrf/chrf.js';
import { DEFAULT_ROUGE_TYPES, rouge, type RougeScore, type RougeType } from './rouge/rouge.js';
import { corpusTer, sentenceTer, type TerOptions } from './ter/ter.js';

const USAGE = `Usage:
  promptops-metrics bleu  --hyp FILE --ref FILE [--ref FILE ...] [--tokenize 13a|intl|char|none]
                          [--lowercase] [--smooth exp|floor|add-k|none] [--smooth-value N]
                          [--max-order N] [--sentences]
  promptops-metrics chrf  --hyp FILE --ref FILE [--ref FILE ...] [--char-order N] [--word-order N]
                          [--beta N] [--lowercase] [--whitespace] [--eps-smoothing] [--sentences]
  promptops-metrics ter   --hyp FILE --ref FILE [--ref FILE ...] [--normalized] [--no-punct]
                          [--asian-support] [--case-sensitive] [--sentences]
  promptops-metrics rouge --hyp FILE --ref FILE [--ref FILE ...] [--types rouge1,rouge2,rougeL]
                          [--stemmer] [--sentences]

One segment per line; every --ref file is parallel to --hyp. Prints JSON on stdout.
BLEU, chrF (--word-order 2 for chrF++) and TER are corpus-level (sacrebleu). ROUGE is averaged
over lines; with several references each line takes the reference with the best F-measure per
type (rouge-score's score_multi).
--sentences adds per-line scores.`;

class UsageError extends Error {}

function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function readParallel(hypFile: string, refFiles: string[]): { hyps: string[]; refs: string[][] } {
  const hyps = readLines(hypFile);
  const refs = refFiles.map((file) => {
    const lines = readLines(file);
    if (lines.length !== hyps.length) {
      throw new UsageError(`${file} has ${lines.length} lines but ${hypFile} has ${hyps.length}`);
    }
    return lines;
  });
  return { hyps, refs };
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
  return n;
}

function nonNegativeInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer`);
  return n;
}

function bleuOptions(values: Record<string, unknown>): BleuOptions {
  return {
    tokenize: oneOf<BleuTokenizer>('tokenize', values.tokenize as string | undefined, [
      '13a',
      'intl',
      'char',
      'none',
    ]),
    lowercase: values.lowercase === true,
    smooth: oneOf<BleuSmoothing>('smooth', values.smooth as string | undefined, [
      'exp',
      'floor',
      'add-k',
      'none',
    ]),
    smoothValue: positiveNumber('smooth-value', values['smooth-value'] as string | undefined),
    maxNgramOrder: positiveNumber('max-order', values['max-order'] as string | undefined),
  };
}

function runBleu(opts: BleuOptions, sentences: boolean, hyps: string[], refs: string[][]): unknown {
  const corpus = corpusBleu(hyps, refs, opts);
  const output: Record<string, unknown> = { metric: 'bleu', segments: hyps.length, ...corpus };
  if (sentences) {
    output.sentences = hyps.map(
      (hyp, i) =>
        sentenceBleu(
          hyp,
          refs.map((stream) => stream[i]!),
          opts,
        ).score,
    );
  }
  return output;
}

function chrfOptions(values: Record<string, unknown>): ChrfOptions {
  const opts: ChrfOptions = {
    charOrder: nonNegativeInteger('char-order', values['char-order'] as string | undefined),
    wordOrder: nonNegativeInteger('word-order', values['word-order'] as string | undefined),
    beta: positiveNumber('beta', values.beta as string | undefined),
    lowercase: values.lowercase === true,
    whitespace: values.whitespace === true,
    epsSmoothing: values['eps-smoothing'] === true,
  };
  if ((opts.charOrder ?? 6) + (opts.wordOrder ?? 0) === 0) {
    throw new UsageError('--char-order and --word-order cannot both be 0');
  }
  return opts;
}

function terOptions(values: Record<string, unknown>): TerOptions {
  return {
    normalized: values.normalized === true,
    noPunct: values['no-punct'] === true,
    asianSupport: values['asian-support'] === true,
    caseSensitive: values['case-sensitive'] === true,
  };
}

/** Corpus score plus, with --sentences, each line's sentence-level score. */
function runSacrebleuMetric<R extends { score: number }>(
  metric: 'chrf' | 'ter',
  corpus: (hyps: string[], refs: string[][]) => R,
  sentence: (hyp: string, refs: string[]) => R,
  sentences: boolean,
  hyps: string[],
  refs: string[][],
): unknown {
  const output: Record<string, unknown> = { metric, segments: hyps.length, ...corpus(hyps, refs) };
  if (sentences)
    output.sentences = hyps.map(
      (hyp, i) =>
        sentence(
          hyp,
          refs.map((stream) => stream[i]!),
        ).score,
    );
  return output;
}

function parseRougeTypes(value: string | undefined): RougeType[] {
  if (value === undefined) return DEFAULT_ROUGE_TYPES.filter((t) => t !== 'rougeLsum');
  const types = value.split(',').map((t) => t.trim());
  for (const type of types) {
    if (!/^rouge([1-9]|L|Lsum)$/.test(type)) throw new UsageError(`Invalid ROUGE type: ${type}`);
  }
  return types as RougeType[];
}

function runRouge(
  types: RougeType[],
  useStemmer: boolean,
  sentences: boolean,
  hyps: string[],
  refs: string[][],
): unknown {
  const perLine = hyps.map((hyp, i) => {
    const best = {} as Record<RougeType, RougeScore>;
    for (const stream of refs) {
      const scores = rouge(stream[i]!, hyp, { types, useStemmer });
      for (const type of types) {
        if (best[type] === undefined || scores[type].fmeasure > best[type].fmeasure)
          best[type] = scores[type];
      }
    }
    return best;
  });
  const mean = {} as Record<RougeType, RougeScore>;
  for (const type of types) {
    const sum = { precision: 0, recall: 0, fmeasure: 0 };
    for (const line of perLine) {
      sum.precision += line[type].precision;
      sum.recall += line[type].recall;
      sum.fmeasure += line[type].fmeasure;
    }
    const n = Math.max(perLine.length, 1);
    mean[type] = { precision: sum.precision / n, recall: sum.recall / n, fmeasure: sum.fmeasure / n };
  }
  const output: Record<string, unknown> = {
    metric: 'rouge',
    segments: hyps.length,
    useStemmer,
    scores: mean,
  };
  if (sentences) output.sentences = perLine;
  return output;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        hyp: { type: 'string' },
        ref: { type: 'string', multiple: true },
        tokenize: { type: 'string' },
        lowercase: { type: 'boolean' },
        smooth: { type: 'string' },
        'smooth-value': { type: 'string' },
        'max-order': { type: 'string' },
        'char-order': { type: 'string' },
        'word-order': { type: 'string' },
        beta: { type: 'string' },
        whitespace: { type: 'boolean' },
        'eps-smoothing': { type: 'boolean' },
        normalized: { type: 'boolean' },
        'no-punct': { type: 'boolean' },
        'asian-support': { type: 'boolean' },
        'case-sensitive': { type: 'boolean' },
        types: { type: 'string' },
        stemmer: { type: 'boolean' },
        sentences: { type: 'boolean' },
      },
      strict: true,
    });
    if (!['bleu', 'chrf', 'ter', 'rouge'].includes(command))
      throw new UsageError(`Unknown command: ${command}`);
    if (values.hyp === undefined || values.ref === undefined || values.ref.length === 0) {
      throw new UsageError('--hyp FILE and at least one --ref FILE are required');
    }
    // Validate every option before touching the files.
    const sentences = values.sentences === true;
    let run: (hyps: string[], refs: string[][]) => unknown;
    if (command === 'bleu') {
      const opts = bleuOptions(values);
      run = (hyps, refs) => runBleu(opts, sentences, hyps, refs);
    } else if (command === 'chrf') {
      const opts = chrfOptions(values);
      run = (hyps, refs) =>
        runSacrebleuMetric(
          'chrf',
          (h, r) => corpusChrf(h, r, opts),
          (h, r) => sentenceChrf(h, r, opts),
          sentences,
          hyps,
          refs,
        );
    } else if (command === 'ter') {
      const opts = terOptions(values);
      run = (hyps, refs) =>
        runSacrebleuMetric(
          'ter',
          (h, r) => corpusTer(h, r, opts),
          (h, r) => sentenceTer(h, r, opts),
          sentences,
          hyps,
          refs,
        );
    } else {
      const types = parseRougeTypes(values.types);
      run = (hyps, refs) => runRouge(types, values.stemmer === true, sentences, hyps, refs);
    }
    const { hyps, refs } = readParallel(values.hyp, values.ref);
    const output = run(hyps, refs);
    console.log(JSON.stringify(output, null, 2));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`promptops-metrics: ${message}`);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(USAGE);
      return 2;
    }
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
