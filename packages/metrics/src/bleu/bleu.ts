import { checkReferenceStreams, segmentReferences } from '../reference-streams.js';
import { pyRstrip } from '../text/python-whitespace.js';
import { tokenizeForBleu, type BleuTokenizer } from './tokenizers.js';

export type BleuSmoothing = 'exp' | 'floor' | 'add-k' | 'none';

export interface BleuOptions {
  /** sacrebleu tokenizer; default '13a'. */
  tokenize?: BleuTokenizer;
  /** Lowercase hypotheses and references first; default false. */
  lowercase?: boolean;
  /** Smoothing method; default 'exp'. */
  smooth?: BleuSmoothing;
  /** Value for 'floor' (default 0.1) and 'add-k' (default 1); ignored otherwise. */
  smoothValue?: number;
  /** Highest n-gram order; default 4. */
  maxNgramOrder?: number;
  /** Average only over the orders that have hypothesis n-grams. Default: false for corpus, true for sentence. */
  effectiveOrder?: boolean;
}

export interface BleuResult {
  /** BLEU on a 0-100 scale. */
  score: number;
  /** Matched n-grams per order (for 'add-k', orders >= 2 include the added k, as in sacrebleu). */
  counts: number[];
  /** Hypothesis n-grams per order (same 'add-k' note). */
  totals: number[];
  /** Per-order precisions on a 0-100 scale. */
  precisions: number[];
  /** Brevity penalty. */
  bp: number;
  /** Total hypothesis length in tokens. */
  sysLen: number;
  /** Total closest-reference length in tokens. */
  refLen: number;
}

const SMOOTH_DEFAULTS: Record<BleuSmoothing, number> = { exp: 0, none: 0, floor: 0.1, 'add-k': 1 };

interface ResolvedOptions {
  tokenize: BleuTokenizer;
  lowercase: boolean;
  smooth: BleuSmoothing;
  smoothValue: number;
  maxNgramOrder: number;
  effectiveOrder: boolean;
}

function resolveOptions(opts: BleuOptions, defaultEffectiveOrder: boolean): ResolvedOptions {
  const smooth = opts.smooth ?? 'exp';
  if (!(smooth in SMOOTH_DEFAULTS)) throw new RangeError(`Unknown BLEU smoothing method: ${String(smooth)}`);
  const tokenize = opts.tokenize ?? '13a';
  if (!['13a', 'intl', 'char', 'none'].includes(tokenize)) {
    throw new RangeError(`Unknown BLEU tokenizer: ${String(tokenize)}`);
  }
  const maxNgramOrder = opts.maxNgramOrder ?? 4;
  if (!Number.isInteger(maxNgramOrder) || maxNgramOrder < 1) {
    throw new RangeError(`maxNgramOrder must be a positive integer, got ${maxNgramOrder}`);
  }
  return {
    tokenize,
    lowercase: opts.lowercase ?? false,
    smooth,
    smoothValue: opts.smoothValue ?? SMOOTH_DEFAULTS[smooth],
    maxNgramOrder,
    effectiveOrder: opts.effectiveOrder ?? defaultEffectiveOrder,
  };
}

function preprocess(segment: string, opts: ResolvedOptions): string[] {
  const text = opts.lowercase ? segment.toLowerCase() : segment;
  return tokenizeForBleu(pyRstrip(text), opts.tokenize);
}

// Tokens never contain whitespace, so joining with a space is an injective n-gram key.
function countStringNgrams(tokens: string[], maxOrder: number): Map<string, number> {
  const counts = new Map<string, number>();
  const len = tokens.length;
  for (let i = 0; i < len; i++) {
    let key = tokens[i] as string;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const last = Math.min(len, i + maxOrder);
    for (let j = i + 1; j < last; j++) {
      key += ' ' + (tokens[j] as string);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

// sacrebleu's rule: the reference length closest to the hypothesis length, the shorter on a tie.
function closestRefLength(hypLen: number, refLens: number[]): number {
  let bestDiff = -1;
  let bestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      bestLen = refLen;
    } else if (diff === bestDiff && refLen < bestLen) {
      bestLen = refLen;
    }
  }
  return bestLen;
}

/** Sufficient statistics of one or more segments, summed. */
interface BleuStats {
  sysLen: number;
  refLen: number;
  correct: number[];
  total: number[];
}

/**
 * Matched n-grams per order, clipped by the most generous reference (sacrebleu's
 * min(hyp count, max over refs of ref count), summed per order).
 *
 * Fast path: tokens become ids 1..V of the segment's reference vocabulary and an n-gram is the
 * number id₁·Bⁿ⁻¹ + … + idₙ in base B = V + 1, unique across orders and exact while Bᵐᵃˣ < 2⁵³.
 * A hypothesis token outside the vocabulary ends every n-gram through it. Counting the k-th
 * occurrence of an n-gram as a match while k ≤ its reference count sums min(hyp, ref) in one pass.
 */
export function countMatches(
  hypTokens: string[],
  refTokenLists: string[][],
  maxOrder: number,
  correct: number[],
): void {
  const vocab = new Map<string, number>();
  for (const tokens of refTokenLists)
    for (const token of tokens) if (!vocab.has(token)) vocab.set(token, vocab.size + 1);
  const base = vocab.size + 1;
  if (base ** maxOrder >= Number.MAX_SAFE_INTEGER) {
    countMatchesByString(hypTokens, refTokenLists, maxOrder, correct);
    return;
  }
  const refCounts = new Map<number, number>();
  for (const tokens of refTokenLists) {
    const counts = refTokenLists.length === 1 ? refCounts : new Map<number, number>();
    for (let i = 0; i < tokens.length; i++) {
      let key = 0;
      const last = Math.min(tokens.length, i + maxOrder);
      for (let j = i; j < last; j++) {
        key = key * base + vocab.get(tokens[j]!)!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    if (counts !== refCounts) {
      for (const [key, count] of counts) if (count > (refCounts.get(key) ?? 0)) refCounts.set(key, count);
    }
  }
  const ids = new Array<number>(hypTokens.length);
  for (let i = 0; i < hypTokens.length; i++) ids[i] = vocab.get(hypTokens[i]!) ?? 0;
  const hypCounts = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    let key = 0;
    const last = Math.min(ids.length, i + maxOrder);
    for (let j = i; j < last; j++) {
      const id = ids[j]!;
      if (id === 0) break;
      key = key * base + id;
      const seen = (hypCounts.get(key) ?? 0) + 1;
      hypCounts.set(key, seen);
      if (seen <= (refCounts.get(key) ?? 0)) correct[j - i]!++;
    }
  }
}

// Same result with string keys, for segments whose vocabulary is too large for numeric keys.
export function countMatchesByString(
  hypTokens: string[],
  refTokenLists: string[][],
  maxOrder: number,
  correct: number[],
): void {
  let refCounts: Map<string, number> | undefined;
  for (const tokens of refTokenLists) {
    const these = countStringNgrams(tokens, maxOrder);
    if (refCounts === undefined) {
      refCounts = these;
      continue;
    }
    for (const [ngram, count] of these) if (count > (refCounts.get(ngram) ?? 0)) refCounts.set(ngram, count);
  }
  for (const [ngram, count] of countStringNgrams(hypTokens, maxOrder)) {
    const refCount = refCounts?.get(ngram);
    if (refCount === undefined) continue;
    let order = 1;
    for (let k = ngram.indexOf(' '); k !== -1; k = ngram.indexOf(' ', k + 1)) order++;
    correct[order - 1]! += Math.min(count, refCount);
  }
}

function addSegmentStats(
  stats: BleuStats,
  hypTokens: string[],
  refTokenLists: string[][],
  maxOrder: number,
): void {
  const hypLen = hypTokens.length;
  stats.sysLen += hypLen;
  stats.refLen += closestRefLength(
    hypLen,
    refTokenLists.map((tokens) => tokens.length),
  );
  for (let n = 1; n <= maxOrder; n++) stats.total[n - 1]! += Math.max(0, hypLen - n + 1);
  countMatches(hypTokens, refTokenLists, maxOrder, stats.correct);
}

function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

/** sacrebleu's `BLEU.compute_bleu`: the score from summed statistics, with smoothing. */
function computeBleu(stats: BleuStats, opts: ResolvedOptions): BleuResult {
  const { sysLen, refLen } = stats;
  const maxOrder = opts.maxNgramOrder;
  const correct = [...stats.correct];
  const total = [...stats.total];
  let bp = 1;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
  const precisions = new Array<number>(maxOrder).fill(0);
  const result = (score: number): BleuResult => ({
    score,
    counts: correct,
    totals: total,
    precisions,
    bp,
    sysLen,
    refLen,
  });
  if (!correct.some((c) => c !== 0)) return result(0);

  let smoothMteval = 1;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (opts.smooth === 'add-k' && n > 1) {
      correct[n - 1]! += opts.smoothValue;
      total[n - 1]! += opts.smoothValue;
    }
    const tot = total[n - 1]!;
    if (tot === 0) break;
    if (opts.effectiveOrder) effOrder = n;
    const cor = correct[n - 1]!;
    if (cor === 0) {
      if (opts.smooth === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * tot);
      } else if (opts.smooth === 'floor') {
        precisions[n - 1] = (100 * opts.smoothValue) / tot;
      }
    } else {
      precisions[n - 1] = (100 * cor) / tot;
    }
  }
  let logSum = 0;
  for (let i = 0; i < effOrder; i++) logSum += myLog(precisions[i]!);
  return result(bp * Math.exp(logSum / effOrder));
}

function emptyStats(maxOrder: number): BleuStats {
  return {
    sysLen: 0,
    refLen: 0,
    correct: new Array<number>(maxOrder).fill(0),
    total: new Array<number>(maxOrder).fill(0),
  };
}

/**
 * Corpus-level BLEU, identical to sacrebleu 2.x `corpus_bleu`.
 *
 * `references[k]` is the k-th reference stream, parallel to `hypotheses` (sacrebleu's layout).
 * Empty reference strings are skipped; a segment with no reference at all is an error.
 */
export function corpusBleu(hypotheses: string[], references: string[][], opts: BleuOptions = {}): BleuResult {
  const resolved = resolveOptions(opts, false);
  checkReferenceStreams('corpusBleu', hypotheses, references);
  const stats = emptyStats(resolved.maxNgramOrder);
  for (let i = 0; i < hypotheses.length; i++) {
    const refTokens = segmentReferences(references, i, true).map((ref) => preprocess(ref, resolved));
    addSegmentStats(stats, preprocess(hypotheses[i]!, resolved), refTokens, resolved.maxNgramOrder);
  }
  return computeBleu(stats, resolved);
}

/**
 * Sentence-level BLEU, identical to sacrebleu 2.x `sentence_bleu` (effective order on by default).
 */
export function sentenceBleu(hypothesis: string, references: string[], opts: BleuOptions = {}): BleuResult {
  const resolved = resolveOptions(opts, true);
  const refs = references.filter((ref) => ref !== '');
  if (refs.length === 0) throw new RangeError('sentenceBleu needs at least one non-empty reference');
  const stats = emptyStats(resolved.maxNgramOrder);
  const refTokens = refs.map((ref) => preprocess(ref, resolved));
  addSegmentStats(stats, preprocess(hypothesis, resolved), refTokens, resolved.maxNgramOrder);
  return computeBleu(stats, resolved);
}
