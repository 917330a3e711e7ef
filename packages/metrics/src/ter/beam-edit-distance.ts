// Tercom's band half-width, as sacrebleu's lib_ter uses it.
const BEAM_WIDTH = 25;
/** Larger than any edit distance; INF + 1 stays above INF, so an unreachable cell is never chosen. */
const INF = 0x3fffffff;

const OP_NOP = 0;
const OP_SUB = 1;
/** Consumes a reference word (an insertion when rewriting the hypothesis into the reference). */
const OP_INS = 2;
/** Consumes a hypothesis word. */
const OP_DEL = 3;
const OP_UNDEF = 4;

function grow<T extends Int32Array | Uint8Array>(buffer: T, size: number, make: (size: number) => T): T {
  return buffer.length >= size ? buffer : make(Math.max(size, 2 * buffer.length));
}

/**
 * Buffers reused from one segment to the next: allocating typed arrays per segment costs more
 * than the dynamic programming itself on short sentences. Not shared between calls.
 */
export class TerWorkspace {
  cost = new Int32Array(0);
  /** suffix[i][j]: cheapest way from cell (i, j) to the end within the band. */
  suffix = new Int32Array(0);
  op = new Uint8Array(0);
  minJ = new Int32Array(0);
  maxJ = new Int32Array(0);
  rowA = new Int32Array(0);
  rowB = new Int32Array(0);
  /** align[j]: index of the hypothesis word aligned with (or just before) reference word j; -1 if none. */
  align = new Int32Array(0);
  /** hypErrors[k]: hypothesis errors among the first k hypothesis words. */
  hypErrors = new Int32Array(0);
  /** refErrors[k]: reference errors among the first k reference words. */
  refErrors = new Int32Array(0);
  words = new Int32Array(0);
  shifted = new Int32Array(0);
  /** Positions of each reference word id: refPositions[refStart[id] .. refStart[id + 1]). */
  refStart = new Int32Array(0);
  refPositions = new Int32Array(0);

  reserve(hypLength: number, refLength: number): void {
    const cells = (hypLength + 1) * (refLength + 1);
    const int32 = (size: number) => new Int32Array(size);
    this.cost = grow(this.cost, cells, int32);
    this.suffix = grow(this.suffix, cells, int32);
    this.op = grow(this.op, cells, (size) => new Uint8Array(size));
    this.minJ = grow(this.minJ, hypLength + 1, int32);
    this.maxJ = grow(this.maxJ, hypLength + 1, int32);
    this.rowA = grow(this.rowA, refLength + 1, int32);
    this.rowB = grow(this.rowB, refLength + 1, int32);
    this.align = grow(this.align, refLength, int32);
    this.hypErrors = grow(this.hypErrors, hypLength + 1, int32);
    this.refErrors = grow(this.refErrors, refLength + 1, int32);
    this.words = grow(this.words, hypLength, int32);
    this.shifted = grow(this.shifted, hypLength, int32);
  }

  /** Fills refStart/refPositions for `ref`, whose ids are non-negative; returns the id bound. */
  indexReference(ref: Int32Array): number {
    let bound = 0;
    for (const id of ref) if (id + 1 > bound) bound = id + 1;
    this.refStart = grow(this.refStart, bound + 1, (size) => new Int32Array(size));
    this.refPositions = grow(this.refPositions, ref.length, (size) => new Int32Array(size));
    const start = this.refStart;
    start.fill(0, 0, bound + 1);
    for (const id of ref) start[id + 1]!++;
    for (let id = 0; id < bound; id++) start[id + 1]! += start[id]!;
    // Positions in increasing order within each id, placed by a running cursor per id.
    for (let j = 0; j < ref.length; j++) this.refPositions[start[ref[j]!]!++] = j;
    for (let id = bound; id > 0; id--) start[id] = start[id - 1]!;
    start[0] = 0;
    return bound;
  }
}

/**
 * sacrebleu's BeamEditDistance: word-level Levenshtein distance from a hypothesis to a fixed
 * reference, computed only in a band around the length-scaled diagonal (the last row in full),
 * with its tie-breaking (substitution or match, then deletion, then insertion) so that the
 * traced alignment is the same.
 *
 * Every hypothesis scored against one instance has the same length (shifts move words, never
 * add them), so the band is computed once. The instance holds the forward and backward
 * matrices of the current hypothesis; a shifted candidate agrees with it before and after the
 * moved words, so only the rows in between are computed (sacrebleu's prefix cache saves the
 * first part of that).
 */
export class BeamEditDistance {
  private readonly width: number;

  constructor(
    private readonly ref: Int32Array,
    private readonly hypLength: number,
    private readonly ws: TerWorkspace,
  ) {
    const nRef = ref.length;
    this.width = nRef + 1;
    ws.reserve(hypLength, nRef);
    const ratio = hypLength > 0 ? nRef / hypLength : 1;
    // In very unequal lengths the band would lose contact with the previous row; widen it.
    const beam = BEAM_WIDTH < ratio / 2 ? Math.ceil(ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    for (let i = 1; i <= hypLength; i++) {
      const diagonal = Math.floor(i * ratio);
      ws.minJ[i] = Math.max(0, diagonal - beam);
      ws.maxJ[i] = i === hypLength ? nRef + 1 : Math.min(nRef + 1, diagonal + beam);
    }
    for (let j = 0; j <= nRef; j++) {
      ws.cost[j] = j;
      ws.op[j] = OP_INS;
    }
  }

  /** Makes `words` the current hypothesis; its first `from` words must equal the previous one's. */
  setHypothesis(words: Int32Array, from: number): void {
    const { width, ref } = this;
    const { cost, op, minJ, maxJ } = this.ws;
    for (let i = from + 1; i <= this.hypLength; i++) {
      const row = i * width;
      const prev = row - width;
      cost.fill(INF, row, row + width);
      op.fill(OP_UNDEF, row, row + width);
      const word = words[i - 1]!;
      const end = maxJ[i]!;
      let j = minJ[i]!;
      if (j === 0) {
        cost[row] = cost[prev]! + 1;
        op[row] = OP_DEL;
        j = 1;
      }
      for (; j < end; j++) {
        const same = word === ref[j - 1];
        let best = cost[prev + j - 1]! + (same ? 0 : 1);
        let bestOp = same ? OP_NOP : OP_SUB;
        const del = cost[prev + j]! + 1;
        if (best > del) {
          best = del;
          bestOp = OP_DEL;
        }
        const ins = cost[row + j - 1]! + 1;
        if (best > ins) {
          best = ins;
          bestOp = OP_INS;
        }
        if (best < INF) {
          cost[row + j] = best;
          op[row + j] = bestOp;
        }
      }
    }
    this.computeSuffixes(words);
  }

  /**
   * The same band run backwards: suffix[i][j] is the cheapest way from cell (i, j) to the end,
   * through band cells only. It depends on words i.. only, so a candidate that agrees with the
   * current hypothesis from word k on can be finished from row k without computing the rest.
   */
  private computeSuffixes(words: Int32Array): void {
    const { width, ref, hypLength } = this;
    const { suffix, minJ, maxJ } = this.ws;
    const nRef = ref.length;
    for (let i = hypLength; i >= 0; i--) {
      const row = i * width;
      const next = row + width;
      suffix.fill(INF, row, row + width);
      // Row 0 is the initial row: every cell of it is reachable.
      const start = i === 0 ? 0 : minJ[i]!;
      const end = i === 0 ? nRef + 1 : maxJ[i]!;
      const word = i < hypLength ? words[i]! : -1;
      for (let j = end - 1; j >= start; j--) {
        if (i === hypLength && j === nRef) {
          suffix[row + j] = 0;
          continue;
        }
        let best = INF;
        if (i < hypLength) {
          if (j < nRef) best = suffix[next + j + 1]! + (word === ref[j] ? 0 : 1);
          const del = suffix[next + j]! + 1;
          if (del < best) best = del;
        }
        if (j < nRef) {
          const ins = suffix[row + j + 1]! + 1;
          if (ins < best) best = ins;
        }
        suffix[row + j] = best > INF ? INF : best;
      }
    }
  }

  /** Edit distance of the current hypothesis. */
  distance(): number {
    return this.ws.cost[this.hypLength * this.width + this.ref.length]!;
  }

  /**
   * Edit distance of `words`, which equals the current hypothesis in its first `from` words and
   * from word `same` on. Exact when it is at most `limit`; otherwise some value above `limit`.
   *
   * Only rows from..same are computed: every path crosses row `same`, so the distance is the
   * least sum of a cell's cost and its suffix cost there. The computation also stops once every
   * path is known to cost more than `limit`.
   */
  distanceOf(words: Int32Array, from: number, same: number, limit: number): number {
    const { width, ref, hypLength } = this;
    const { cost, suffix, minJ, maxJ, rowA, rowB } = this.ws;
    const nRef = ref.length;
    if (same <= from) return this.distance();
    // Rows alternate between two scratch buffers, starting from a copy of the current row `from`.
    let prev = from % 2 === 0 ? rowA : rowB;
    prev.set(cost.subarray(from * width, from * width + width));
    for (let i = from + 1; i <= same; i++) {
      const cur = i % 2 === 0 ? rowA : rowB;
      cur.fill(INF, 0, width);
      const word = words[i - 1]!;
      const end = maxJ[i]!;
      // Every path from cell (i, j) to the end still needs |words left - reference words left| edits.
      const gap = hypLength - i - nRef;
      let bound = INF;
      let j = minJ[i]!;
      if (j === 0) {
        cur[0] = prev[0]! + 1;
        bound = cur[0]! + Math.abs(gap);
        j = 1;
      }
      let left = cur[j - 1]!;
      for (; j < end; j++) {
        let best = prev[j - 1]! + (word === ref[j - 1] ? 0 : 1);
        const del = prev[j]! + 1;
        if (del < best) best = del;
        if (left + 1 < best) best = left + 1;
        if (best > INF) best = INF;
        cur[j] = best;
        left = best;
        const lower = best + Math.abs(gap + j);
        if (lower < bound) bound = lower;
      }
      if (bound > limit) return limit + 1;
      prev = cur;
    }
    let total = INF;
    const row = same * width;
    for (let j = minJ[same]!; j < maxJ[same]!; j++) {
      const through = prev[j]! + suffix[row + j]!;
      if (through < total) total = through;
    }
    return total;
  }

  /**
   * Fills the workspace's `align`, `hypErrors` and `refErrors` for the current hypothesis, read
   * from the traced operations as sacrebleu's trace_to_alignment reads its flipped trace.
   */
  align(): void {
    const { align, hypErrors, refErrors, op } = this.ws;
    // Per-word errors first (index k + 1), turned into prefix sums below.
    let i = this.hypLength;
    let j = this.ref.length;
    while (i > 0 || j > 0) {
      const operation = op[i * this.width + j];
      if (operation === OP_NOP || operation === OP_SUB) {
        const error = operation === OP_SUB ? 1 : 0;
        hypErrors[i] = error;
        refErrors[j] = error;
        align[j - 1] = i - 1;
        i--;
        j--;
      } else if (operation === OP_INS) {
        refErrors[j] = 1;
        align[j - 1] = i - 1;
        j--;
      } else if (operation === OP_DEL) {
        hypErrors[i] = 1;
        i--;
      } else {
        throw new Error(`TER edit distance: no path through cell (${i}, ${j})`);
      }
    }
    hypErrors[0] = 0;
    refErrors[0] = 0;
    for (let k = 1; k <= this.hypLength; k++) hypErrors[k]! += hypErrors[k - 1]!;
    for (let k = 1; k <= this.ref.length; k++) refErrors[k]! += refErrors[k - 1]!;
  }
}
