import { BeamEditDistance, TerWorkspace } from './beam-edit-distance.js';

export { TerWorkspace };

// Tercom's limits and sacrebleu's own cap on evaluated shifts (lib_ter.py).
const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const MAX_SHIFT_CANDIDATES = 1000;

interface Shift {
  /** Edit distance saved by the shift. */
  gain: number;
  start: number;
  length: number;
  target: number;
}

function copyRange(
  words: Int32Array,
  n: number,
  from: number,
  to: number,
  out: Int32Array,
  at: number,
): number {
  const end = Math.min(to, n);
  for (let p = Math.min(from, n); p < end; p++) out[at++] = words[p]!;
  return at;
}

/**
 * sacrebleu's _perform_shift on the first `n` words, into `out`: moves words[start, start +
 * length) so that it begins before the word now at `target`. Python's slice clamping is
 * reproduced, including its third case (a target inside the block), which moves the block
 * `length` words further than asked.
 */
export function performShift(
  words: Int32Array,
  n: number,
  start: number,
  length: number,
  target: number,
  out: Int32Array,
): void {
  const end = start + length;
  let at = 0;
  if (target < start) {
    at = copyRange(words, n, 0, target, out, at);
    at = copyRange(words, n, start, end, out, at);
    at = copyRange(words, n, target, start, out, at);
    copyRange(words, n, end, n, out, at);
  } else if (target > end) {
    at = copyRange(words, n, 0, start, out, at);
    at = copyRange(words, n, end, target, out, at);
    at = copyRange(words, n, start, end, out, at);
    copyRange(words, n, target, n, out, at);
  } else {
    at = copyRange(words, n, 0, start, out, at);
    at = copyRange(words, n, end, length + target, out, at);
    at = copyRange(words, n, start, end, out, at);
    copyRange(words, n, length + target, n, out, at);
  }
}

/**
 * sacrebleu's _shift: among word blocks of the hypothesis that also occur in the reference
 * (up to 10 words, at most 50 positions apart), erroneous on both sides and not already in
 * place, the move that lowers the edit distance most; ties go to the longest block, then the
 * earliest block, then the earliest target. Returns the best shift (null if none was tried)
 * and the running count of evaluated candidates, which sacrebleu caps at 1000 per segment.
 */
function findBestShift(
  words: Int32Array,
  nHyp: number,
  ref: Int32Array,
  distance: BeamEditDistance,
  checked: number,
  ws: TerWorkspace,
  idBound: number,
  shifted: Int32Array,
): { best: Shift | null; checked: number } {
  const nRef = ref.length;
  const before = distance.distance();
  distance.align();
  const { align, hypErrors, refErrors, refStart, refPositions } = ws;
  let best: Shift | null = null;
  // The same move can be found from several reference positions; it is scored once.
  const tried = new Map<number, number>();
  for (let startH = 0; startH < nHyp; startH++) {
    // A block starts where the reference has the same word (in increasing reference position).
    const id = words[startH]!;
    if (id < 0 || id >= idBound) continue;
    for (let p = refStart[id]!; p < refStart[id + 1]!; p++) {
      const startR = refPositions[p]!;
      if (startR < startH - MAX_SHIFT_DIST) continue;
      if (startR > startH + MAX_SHIFT_DIST) break;
      for (let length = 0; length < MAX_SHIFT_SIZE && words[startH + length] === ref[startR + length];) {
        length++;
        const wrongInHyp = hypErrors[startH + length]! - hypErrors[startH]! > 0;
        const wrongInRef = refErrors[startR + length]! - refErrors[startR]! > 0;
        const alignedStart = align[startR]!;
        // Only move a block that is wrong where it is, to a place where the reference is not
        // matched yet, and not within itself.
        if (wrongInHyp && wrongInRef && !(startH <= alignedStart && alignedStart < startH + length)) {
          let previousTarget = -1;
          for (let offset = -1; offset < length; offset++) {
            const r = startR + offset;
            let target: number;
            if (r === -1) target = 0;
            else if (r < nRef) target = align[r]! + 1;
            else break;
            if (target === previousTarget) continue;
            previousTarget = target;
            checked++;
            // Only a shift that lowers the distance, by at least the best gain so far, can be
            // applied; the others need not be scored exactly.
            const needed = Math.max(1, best === null ? 1 : best.gain);
            const key = (startH * (MAX_SHIFT_SIZE + 1) + length) * (nHyp + 1) + target;
            let after = tried.get(key);
            if (after === undefined) {
              performShift(words, nHyp, startH, length, target, shifted);
              const from = Math.min(startH, target);
              let same = nHyp;
              while (same > from && shifted[same - 1] === words[same - 1]) same--;
              after = distance.distanceOf(shifted, from, same, before - needed);
              tried.set(key, after);
            }
            const gain = before - after;
            if (
              best === null ||
              gain > best.gain ||
              (gain === best.gain &&
                (length > best.length ||
                  (length === best.length &&
                    (startH < best.start || (startH === best.start && target < best.target)))))
            ) {
              best = { gain, start: startH, length, target };
            }
          }
          if (checked >= MAX_SHIFT_CANDIDATES) return { best, checked };
        }
        if (nHyp === startH + length || nRef === startR + length) break;
      }
    }
  }
  return { best, checked };
}

/**
 * sacrebleu's translation_edit_rate: the number of edits (shifts + word insertions, deletions
 * and substitutions) that turn the hypothesis into the reference. Shifts are applied greedily
 * while one lowers the edit distance; once 1000 candidates have been evaluated the search
 * stops without applying the last one found, as sacrebleu does.
 *
 * Words are given as ids: equal ids are equal words.
 */
export function translationEditRate(hypothesis: Int32Array, reference: Int32Array, ws: TerWorkspace): number {
  const nHyp = hypothesis.length;
  if (reference.length === 0) return nHyp;
  const distance = new BeamEditDistance(reference, nHyp, ws);
  const idBound = ws.indexReference(reference);
  // Two buffers of the workspace, swapped as shifts are applied.
  let words = ws.words;
  let spare = ws.shifted;
  words.set(hypothesis);
  distance.setHypothesis(words, 0);
  let shifts = 0;
  let checked = 0;
  for (;;) {
    const result = findBestShift(words, nHyp, reference, distance, checked, ws, idBound, spare);
    checked = result.checked;
    const best = result.best;
    if (checked >= MAX_SHIFT_CANDIDATES || best === null || best.gain <= 0) break;
    shifts++;
    performShift(words, nHyp, best.start, best.length, best.target, spare);
    [words, spare] = [spare, words];
    distance.setHypothesis(words, Math.min(best.start, best.target));
  }
  return shifts + distance.distance();
}
