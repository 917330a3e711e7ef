/**
 * A word diff of an output against the expected text, for the comparison view: the words the
 * output shares with the expected text, the ones it adds and the ones it misses.
 */

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/**
 * Words, punctuation marks and the whitespace between them as separate tokens (so "Paris." still
 * shares "Paris" with "Paris"); the joined tokens give back the text.
 */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

/** Past this many edits the two texts have little in common: show one deletion and one insertion. */
// It also bounds the work per row (O((N+M)·D) time, O(D²) memory) for long, unrelated outputs.
const MAX_EDITS = 600;

/**
 * Myers' O((N+M)·D) shortest edit script over tokens, with whitespace compared like words.
 * `before` is the expected text, `after` the output: deletions are words the output misses.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return merge([...delete_(a), ...insert_(b)]);
  if (n === 0 && m === 0) return [];
  // Walk the trace back from (n, m) to (0, 0).
  const ops: DiffSegment[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', text: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ op: 'insert', text: b[y - 1]! });
      else ops.push({ op: 'delete', text: a[x - 1]! });
    }
    x = prevX;
    y = prevY;
  }
  return merge(ops.reverse());
}

function delete_(tokens: string[]): DiffSegment[] {
  return tokens.map((text) => ({ op: 'delete' as const, text }));
}

function insert_(tokens: string[]): DiffSegment[] {
  return tokens.map((text) => ({ op: 'insert' as const, text }));
}

/**
 * Joins neighbours with the same op, and reads "-a- -b-" "+c+ +d+" as one replaced phrase: a
 * lone space between two changes joins both sides, deletions first.
 */
function merge(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted !== '') out.push({ op: 'delete', text: deleted });
    if (inserted !== '') out.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };
  segments.forEach((segment, index) => {
    if (segment.op === 'delete') deleted += segment.text;
    else if (segment.op === 'insert') inserted += segment.text;
    else {
      const next = segments[index + 1];
      const between = (deleted !== '' || inserted !== '') && next !== undefined && next.op !== 'equal';
      if (between && segment.text.trim() === '') {
        // Both sides keep the space, so each side still reads back as its own text.
        deleted += segment.text;
        inserted += segment.text;
        return;
      }
      flush();
      const last = out[out.length - 1];
      if (last?.op === 'equal') last.text += segment.text;
      else out.push({ ...segment });
    }
  });
  flush();
  return out;
}

/** Share of the expected words the output kept (1 when both are empty). */
export function keptRatio(segments: readonly DiffSegment[]): number {
  let kept = 0;
  let total = 0;
  for (const s of segments) {
    if (s.op === 'insert') continue;
    const words = tokenize(s.text).filter((t) => t.trim() !== '').length;
    total += words;
    if (s.op === 'equal') kept += words;
  }
  return total === 0 ? 1 : kept / total;
}
