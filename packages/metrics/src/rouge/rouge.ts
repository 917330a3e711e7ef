import { lcsIndices, lcsLength } from './lcs.js';
import { tokenizeForRouge } from './tokenize.js';

type Digit = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** The score types of Google's rouge-score. */
export type RougeType = `rouge${Digit}` | 'rougeL' | 'rougeLsum';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeOptions<T extends RougeType = RougeType> {
  /** Which scores to compute; default rouge1, rouge2, rougeL, rougeLsum. */
  types?: readonly T[];
  /** Porter-stem tokens longer than 3 characters (rouge-score's `use_stemmer`); default false. */
  useStemmer?: boolean;
}

export const DEFAULT_ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;

const ROUGE_N_RE = /^rouge([1-9])$/;

// Stems repeat a lot within a batch; a bounded module-level cache keeps stemming cheap.
const STEM_CACHE_LIMIT = 100_000;
const stemCache = new Map<string, string>();

function tokenize(text: string, useStemmer: boolean): string[] {
  if (useStemmer && stemCache.size > STEM_CACHE_LIMIT) stemCache.clear();
  return tokenizeForRouge(text, useStemmer, stemCache);
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function score(matches: number, targetCount: number, predictionCount: number): RougeScore {
  const precision = matches / Math.max(predictionCount, 1);
  const recall = matches / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/** Maps tokens to small integers so LCS compares numbers, not strings. */
class Vocabulary {
  private readonly ids = new Map<string, number>();

  encode(tokens: string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      let id = this.ids.get(token);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(token, id);
      }
      out[i] = id;
    }
    return out;
  }
}

function countNgrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // Tokens are [a-z0-9]+, so a space-joined key is unambiguous.
    const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function rougeN(target: string[], prediction: string[], n: number): RougeScore {
  const targetNgrams = countNgrams(target, n);
  const predictionNgrams = countNgrams(prediction, n);
  let matches = 0;
  for (const [ngram, count] of targetNgrams) {
    const other = predictionNgrams.get(ngram);
    if (other !== undefined) matches += Math.min(count, other);
  }
  const targetCount = Math.max(0, target.length - n + 1);
  const predictionCount = Math.max(0, prediction.length - n + 1);
  return score(matches, targetCount, predictionCount);
}

function rougeL(target: string[], prediction: string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0) return ZERO;
  const vocab = new Vocabulary();
  const lcs = lcsLength(vocab.encode(target), vocab.encode(prediction));
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function splitSentences(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

function countTokens(sentences: Int32Array[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const sentence of sentences) for (const id of sentence) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Summary-level LCS (ROUGE-Lsum): union LCS per target sentence, each token counted at most as often as it occurs. */
function rougeLsum(target: string, prediction: string, useStemmer: boolean): RougeScore {
  const vocab = new Vocabulary();
  const targetSents = splitSentences(target).map((s) => vocab.encode(tokenize(s, useStemmer)));
  const predictionSents = splitSentences(prediction).map((s) => vocab.encode(tokenize(s, useStemmer)));
  if (targetSents.length === 0 || predictionSents.length === 0) return ZERO;
  const m = targetSents.reduce((sum, s) => sum + s.length, 0);
  const n = predictionSents.reduce((sum, s) => sum + s.length, 0);
  if (m === 0 || n === 0) return ZERO;

  const targetCounts = countTokens(targetSents);
  const predictionCounts = countTokens(predictionSents);
  let hits = 0;
  for (const ref of targetSents) {
    const union = new Set<number>();
    for (const can of predictionSents) for (const index of lcsIndices(ref, can)) union.add(index);
    const ordered = [...union].sort((x, y) => x - y);
    for (const index of ordered) {
      const token = ref[index]!;
      const c = predictionCounts.get(token) ?? 0;
      const r = targetCounts.get(token) ?? 0;
      if (c > 0 && r > 0) {
        hits++;
        predictionCounts.set(token, c - 1);
        targetCounts.set(token, r - 1);
      }
    }
  }
  const precision = hits / n;
  const recall = hits / m;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/**
 * ROUGE scores identical to Google's rouge-score `RougeScorer(types, use_stemmer).score(target, prediction)`.
 * ROUGE-Lsum treats newlines as sentence boundaries.
 */
export function rouge<T extends RougeType = (typeof DEFAULT_ROUGE_TYPES)[number]>(
  target: string,
  prediction: string,
  opts: RougeOptions<T> = {},
): Record<T, RougeScore> {
  const types = (opts.types ?? DEFAULT_ROUGE_TYPES) as readonly T[];
  const useStemmer = opts.useStemmer ?? false;
  const needsTokens = types.some((type) => type !== 'rougeLsum');
  const targetTokens = needsTokens ? tokenize(target, useStemmer) : [];
  const predictionTokens = needsTokens ? tokenize(prediction, useStemmer) : [];
  const result = {} as Record<T, RougeScore>;
  for (const type of types) {
    if (type === 'rougeL') {
      result[type] = rougeL(targetTokens, predictionTokens);
    } else if (type === 'rougeLsum') {
      result[type] = rougeLsum(target, prediction, useStemmer);
    } else {
      const match = ROUGE_N_RE.exec(type);
      if (match === null) throw new RangeError(`Invalid rouge type: ${String(type)}`);
      result[type] = rougeN(targetTokens, predictionTokens, Number(match[1]));
    }
  }
  return result;
}
