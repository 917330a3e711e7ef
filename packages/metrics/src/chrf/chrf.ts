import { checkReferenceStreams, segmentReferences } from '../reference-streams.js';
import { pySplit } from '../text/python-whitespace.js';
import { countMatches, numberNgrams, Vocabulary } from './ngram-keys.js';

export interface ChrfOptions {
  /** Highest character n-gram order; default 6. */
  charOrder?: number;
  /** Highest word n-gram order; default 0 (chrF). 2 gives chrF++. */
  wordOrder?: number;
  /** Weight of recall relative to precision; default 2. */
  beta?: number;
  /** Lowercase hypotheses and references first; default false. */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams; default false (whitespace is removed). */
  whitespace?: boolean;
  /**
   * Average the per-order F-scores with a 1e-16 floor (chrF++.py, Moses, NLTK); default false,
   * which averages precision and recall over the orders that have n-grams on both sides.
   */
  epsSmoothing?: boolean;
}

/** Summed n-gram statistics of one order. */
export interface ChrfNgramStats {
  /** Hypothesis n-grams; 0 when the reference has no n-gram of this order (as sacrebleu counts). */
  hyp: number;
  /** Reference n-grams. */
  ref: number;
  /** Matched n-grams: min(hypothesis count, reference count) summed over n-grams. */
  match: number;
}

export interface ChrfResult {
  /** chrF (chrF++ when wordOrder is 2) on a 0-100 scale. */
  score: number;
  charOrder: number;
  wordOrder: number;
  beta: number;
  /** Statistics per character n-gram order 1..charOrder. */
  charNgrams: ChrfNgramStats[];
  /** Statistics per word n-gram order 1..wordOrder. */
  wordNgrams: ChrfNgramStats[];
}

interface ResolvedOptions {
  charOrder: number;
  wordOrder: number;
  beta: number;
  lowercase: boolean;
  whitespace: boolean;
  epsSmoothing: boolean;
}

function resolveOptions(opts: ChrfOptions): ResolvedOptions {
  const charOrder = opts.charOrder ?? 6;
  const wordOrder = opts.wordOrder ?? 0;
  const beta = opts.beta ?? 2;
  for (const [name, value] of [
    ['charOrder', charOrder],
    ['wordOrder', wordOrder],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
    }
  }
  if (charOrder + wordOrder === 0) throw new RangeError('charOrder and wordOrder cannot both be 0');
  if (!Number.isFinite(beta) || beta <= 0)
    throw new RangeError(`beta must be a positive number, got ${beta}`);
  return {
    charOrder,
    wordOrder,
    beta,
    lowercase: opts.lowercase ?? false,
    whitespace: opts.whitespace ?? false,
    epsSmoothing: opts.epsSmoothing ?? false,
  };
}

// string.punctuation, used by chrF++'s word splitter.
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/**
 * sacrebleu's CHRF._remove_punctuation: splits one ASCII punctuation mark off the end of a word,
 * or else off its start ('(hi)' gives '(hi' and ')'). The marks are ASCII, so UTF-16 indexing
 * finds them exactly where Python's code-point indexing does; a lone astral character (one
 * Python character, two UTF-16 units) matches neither end and is kept whole either way.
 */
export function splitChrfWords(text: string): string[] {
  const words: string[] = [];
  for (const word of pySplit(text)) {
    if (word.length === 1) {
      words.push(word);
    } else if (PUNCTUATION.has(word[word.length - 1]!)) {
      words.push(word.slice(0, -1), word[word.length - 1]!);
    } else if (PUNCTUATION.has(word[0]!)) {
      words.push(word[0]!, word.slice(1));
    } else {
      words.push(word);
    }
  }
  return words;
}

/** N-gram ids per order, character orders first, then word orders. */
type SegmentNgrams = Int32Array[];

/**
 * N-grams of a hypothesis and its references, numbered together, and an
 * all-zero counting array that covers their ids. Characters are code points, as Python indexes
 * strings (for...of splits astral characters correctly), and whitespace is removed first unless
 * kept (sacrebleu's extract_all_char_ngrams).
 */
function extractNgrams(
  segments: string[],
  opts: ResolvedOptions,
): { texts: SegmentNgrams[]; counts: Int32Array } {
  const texts = opts.lowercase ? segments.map((segment) => segment.toLowerCase()) : segments;
  const chars = new Vocabulary();
  const charUnits = texts.map((text) => chars.encode(opts.whitespace ? text : pySplit(text).join('')));
  const charNgrams = numberNgrams(charUnits, chars.size, opts.charOrder);
  const ngrams = charNgrams.ids;
  let size = charNgrams.bound;
  if (opts.wordOrder > 0) {
    const words = new Vocabulary();
    const wordUnits = texts.map((text) => words.encode(splitChrfWords(text)));
    // Word n-grams are numbered apart: ids are only ever compared within one order.
    const wordNgrams = numberNgrams(wordUnits, words.size, opts.wordOrder);
    wordNgrams.ids.forEach((orders, k) => ngrams[k]!.push(...orders));
    size = Math.max(size, wordNgrams.bound);
  }
  return { texts: ngrams, counts: new Int32Array(size) };
}

/** sacrebleu's _get_match_statistics for every order: flat [hyp, ref, match] triples. */
function matchStatistics(hyp: SegmentNgrams, ref: SegmentNgrams, counts: Int32Array): number[] {
  const stats: number[] = [];
  for (let k = 0; k < hyp.length; k++) {
    const refTotal = ref[k]!.length;
    // A hypothesis n-gram counts only when the reference has n-grams of that order.
    stats.push(refTotal > 0 ? hyp[k]!.length : 0, refTotal, countMatches(hyp[k]!, ref[k]!, counts));
  }
  return stats;
}

/** sacrebleu's CHRF._compute_f_score, operation for operation (the same floating-point result). */
function computeFScore(stats: number[], opts: ResolvedOptions): number {
  const eps = 1e-16;
  const order = opts.charOrder + opts.wordOrder;
  const factor = opts.beta ** 2;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i]!;
    const nRef = stats[3 * i + 1]!;
    const nMatch = stats[3 * i + 2]!;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (opts.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = 0;
    avgRec = 0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec === 0) return 0;
  return 100 * (((1 + factor) * avgPrec * avgRec) / (factor * avgPrec + avgRec));
}

// The reference with the best F-score wins; the first one on ties.
function segmentStatistics(hypothesis: string, references: string[], opts: ResolvedOptions): number[] {
  const {
    texts: [hyp, ...refs],
    counts,
  } = extractNgrams([hypothesis, ...references], opts);
  let best: number[] = [];
  let bestF = -1;
  for (const ref of refs) {
    const stats = matchStatistics(hyp!, ref, counts);
    const f = computeFScore(stats, opts);
    if (f > bestF) {
      bestF = f;
      best = stats;
    }
  }
  return best;
}

function toResult(stats: number[], opts: ResolvedOptions): ChrfResult {
  const triple = (k: number): ChrfNgramStats => ({
    hyp: stats[3 * k]!,
    ref: stats[3 * k + 1]!,
    match: stats[3 * k + 2]!,
  });
  return {
    score: computeFScore(stats, opts),
    charOrder: opts.charOrder,
    wordOrder: opts.wordOrder,
    beta: opts.beta,
    charNgrams: Array.from({ length: opts.charOrder }, (_, k) => triple(k)),
    wordNgrams: Array.from({ length: opts.wordOrder }, (_, k) => triple(opts.charOrder + k)),
  };
}

/**
 * Corpus-level chrF / chrF++, identical to sacrebleu 2.x `CHRF(...).corpus_score`: statistics
 * of each segment's best reference are summed over the corpus, then turned into one F-score.
 *
 * `references[k]` is the k-th reference stream, parallel to `hypotheses` (sacrebleu's layout).
 * Missing references (undefined/null) are skipped; empty strings are real, empty references.
 */
export function corpusChrf(hypotheses: string[], references: string[][], opts: ChrfOptions = {}): ChrfResult {
  const resolved = resolveOptions(opts);
  checkReferenceStreams('corpusChrf', hypotheses, references);
  const totals = new Array<number>(3 * (resolved.charOrder + resolved.wordOrder)).fill(0);
  for (let i = 0; i < hypotheses.length; i++) {
    const stats = segmentStatistics(hypotheses[i]!, segmentReferences(references, i, false), resolved);
    for (let k = 0; k < totals.length; k++) totals[k]! += stats[k]!;
  }
  return toResult(totals, resolved);
}

/** Sentence-level chrF / chrF++, identical to sacrebleu 2.x `CHRF(...).sentence_score`. */
export function sentenceChrf(hypothesis: string, references: string[], opts: ChrfOptions = {}): ChrfResult {
  const resolved = resolveOptions(opts);
  const refs = references.filter((ref) => ref !== undefined && ref !== null);
  if (refs.length === 0) throw new RangeError('sentenceChrf needs at least one reference');
  return toResult(segmentStatistics(hypothesis, refs, resolved), resolved);
}
