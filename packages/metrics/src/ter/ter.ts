import { checkReferenceStreams, segmentReferences } from '../reference-streams.js';
import { tokenizeForTer, type TercomTokenizerOptions } from './tercom-tokenizer.js';
import { TerWorkspace, translationEditRate } from './translation-edit-rate.js';

export interface TerOptions {
  /** Tokenize punctuation (Tercom's normalization); default false. */
  normalized?: boolean;
  /** Remove punctuation; default false. */
  noPunct?: boolean;
  /** With `normalized`, split CJK characters; with `noPunct`, remove CJK and full-width punctuation. */
  asianSupport?: boolean;
  /** Keep case; default false (everything is lowercased). */
  caseSensitive?: boolean;
}

export interface TerResult {
  /** TER on a 0-100+ scale: edits per reference word (can exceed 100). */
  score: number;
  /** Edits summed over segments, each against its closest reference. */
  numEdits: number;
  /** Reference length summed over segments, each the mean over its references. */
  refLength: number;
}

function resolveOptions(opts: TerOptions): TercomTokenizerOptions {
  return {
    normalized: opts.normalized ?? false,
    noPunct: opts.noPunct ?? false,
    asianSupport: opts.asianSupport ?? false,
    caseSensitive: opts.caseSensitive ?? false,
  };
}

/**
 * Word ids for one segment: reference words get ids from 0, hypothesis words absent from every
 * reference get -1 (they can only ever be edits).
 */
function toIds(hypWords: string[], refWordLists: string[][]): { hyp: Int32Array; refs: Int32Array[] } {
  const vocab = new Map<string, number>();
  const refs = refWordLists.map((words) => {
    const ids = new Int32Array(words.length);
    words.forEach((word, k) => {
      let id = vocab.get(word);
      if (id === undefined) {
        id = vocab.size;
        vocab.set(word, id);
      }
      ids[k] = id;
    });
    return ids;
  });
  const hyp = new Int32Array(hypWords.length);
  hypWords.forEach((word, k) => (hyp[k] = vocab.get(word) ?? -1));
  return { hyp, refs };
}

/** sacrebleu's TER._compute_segment_statistics: [fewest edits over references, mean reference length]. */
function segmentStatistics(
  hypothesis: string,
  references: string[],
  opts: TercomTokenizerOptions,
  ws: TerWorkspace,
): [number, number] {
  const { hyp, refs } = toIds(
    tokenizeForTer(hypothesis, opts),
    // sacrebleu preprocesses references twice (once when caching them, again when extracting
    // their words). That is idempotent by default, not with `normalized`: "jim's car" becomes
    // "jim 's car" on the second pass only. Reproduced for identical scores.
    references.map((ref) => tokenizeForTer(tokenizeForTer(ref, opts).join(' '), opts)),
  );
  let bestEdits = Infinity;
  let refLengths = 0;
  for (const ref of refs) {
    bestEdits = Math.min(bestEdits, translationEditRate(hyp, ref, ws));
    refLengths += ref.length;
  }
  return [bestEdits, refLengths / refs.length];
}

function toResult(numEdits: number, refLength: number): TerResult {
  let rate: number;
  if (refLength > 0) rate = numEdits / refLength;
  else rate = numEdits > 0 ? 1 : 0; // empty references: 100 for a non-empty hypothesis, else 0
  return { score: 100 * rate, numEdits, refLength };
}

/**
 * Corpus-level TER, identical to sacrebleu 2.x `TER(...).corpus_score`: edits and reference
 * lengths are summed over segments, then divided.
 *
 * `references[k]` is the k-th reference stream, parallel to `hypotheses` (sacrebleu's layout).
 * Missing references (undefined/null) are skipped; empty strings are real, empty references.
 */
export function corpusTer(hypotheses: string[], references: string[][], opts: TerOptions = {}): TerResult {
  const resolved = resolveOptions(opts);
  checkReferenceStreams('corpusTer', hypotheses, references);
  const ws = new TerWorkspace();
  let numEdits = 0;
  let refLength = 0;
  for (let i = 0; i < hypotheses.length; i++) {
    const [edits, length] = segmentStatistics(
      hypotheses[i]!,
      segmentReferences(references, i, false),
      resolved,
      ws,
    );
    numEdits += edits;
    refLength += length;
  }
  return toResult(numEdits, refLength);
}

/** Sentence-level TER, identical to sacrebleu 2.x `TER(...).sentence_score`. */
export function sentenceTer(hypothesis: string, references: string[], opts: TerOptions = {}): TerResult {
  const resolved = resolveOptions(opts);
  const refs = references.filter((ref) => ref !== undefined && ref !== null);
  if (refs.length === 0) throw new RangeError('sentenceTer needs at least one reference');
  const [edits, length] = segmentStatistics(hypothesis, refs, resolved, new TerWorkspace());
  return toResult(edits, length);
}
