/**
 * Text diffs for prompt versions: lines (Myers' O(ND) algorithm), words within a changed line,
 * and unified hunks with context. Pure and dependency-free, shared by the server's diff route and
 * the web editor (which diffs an unsaved draft).
 */

export type DiffOp = 'equal' | 'add' | 'remove';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line in the old text; null for an added line. */
  oldLine: number | null;
  /** 1-based line in the new text; null for a removed line. */
  newLine: number | null;
  /** For a changed line (a removal paired with an addition): its words, kept and changed. */
  words?: DiffSegment[];
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** Past this many edits the middle of the texts is shown as replaced whole (bounded time and memory). */
const MAX_EDIT_DISTANCE = 4_000;

/** One step of an edit script: `a` and `b` index the two sequences (the position where an add/remove happens). */
export interface Edit {
  op: DiffOp;
  a: number;
  b: number;
}

/**
 * The shortest edit script turning `a` into `b` (Myers 1986), as equal/remove/add steps with
 * their indexes in `a` and `b`; null when it needs more than `maxD` edits.
 */
function shortestEdit<T>(a: readonly T[], b: readonly T[], maxD: number): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the furthest x per diagonal before round d, for diagonals -d-1 … d+1.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
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
      if (x >= n && y >= m) return backtrack(trace, d, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], last: number, n: number, m: number): Edit[] {
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = last; d > 0; d--) {
    const w = trace[d]!;
    const at = (k: number) => w[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) edits.push({ op: 'equal', a: --x, b: --y });
    if (down) edits.push({ op: 'add', a: x, b: --y });
    else edits.push({ op: 'remove', a: --x, b: y });
  }
  while (x > 0 && y > 0) edits.push({ op: 'equal', a: --x, b: --y });
  return edits.reverse();
}

/** Equal/remove/add steps for two sequences (compared with ===): common ends first, Myers on the middle. */
export function diffSequences<T>(a: readonly T[], b: readonly T[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const edits: Edit[] = [];
  for (let i = 0; i < start; i++) edits.push({ op: 'equal', a: i, b: i });
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = shortestEdit(middleA, middleB, MAX_EDIT_DISTANCE);
  if (middle) for (const e of middle) edits.push({ op: e.op, a: e.a + start, b: e.b + start });
  else {
    for (let i = start; i < endA; i++) edits.push({ op: 'remove', a: i, b: start });
    for (let j = start; j < endB; j++) edits.push({ op: 'add', a: endA, b: j });
  }
  for (let i = 0; i < a.length - endA; i++) edits.push({ op: 'equal', a: endA + i, b: endB + i });
  return edits;
}

export function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}

/** Words, runs of spaces and single punctuation marks: the units a word diff works on. */
export function tokenizeWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

function pushSegment(out: DiffSegment[], op: DiffOp, text: string) {
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

/** A word-level diff: segments kept, removed and added, in reading order. */
export function diffWords(before: string, after: string): DiffSegment[] {
  const a = tokenizeWords(before);
  const b = tokenizeWords(after);
  const out: DiffSegment[] = [];
  for (const e of diffSequences(a, b)) pushSegment(out, e.op, e.op === 'add' ? b[e.b]! : a[e.a]!);
  return out;
}

/** Every line of both texts, in order: kept, removed or added, changed lines with their words. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const lines: DiffLine[] = diffSequences(a, b).map((e) =>
    e.op === 'equal'
      ? { op: 'equal', text: a[e.a]!, oldLine: e.a + 1, newLine: e.b + 1 }
      : e.op === 'remove'
        ? { op: 'remove', text: a[e.a]!, oldLine: e.a + 1, newLine: null }
        : { op: 'add', text: b[e.b]!, oldLine: null, newLine: e.b + 1 },
  );
  pairChangedLines(lines);
  return lines;
}

/** Within each run of removals followed by additions, the i-th removal and addition get word diffs. */
function pairChangedLines(lines: DiffLine[]) {
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.op !== 'remove') {
      i++;
      continue;
    }
    let r = i;
    while (r < lines.length && lines[r]!.op === 'remove') r++;
    let s = r;
    while (s < lines.length && lines[s]!.op === 'add') s++;
    const pairs = Math.min(r - i, s - r);
    for (let p = 0; p < pairs; p++) {
      const removed = lines[i + p]!;
      const added = lines[r + p]!;
      const words = diffWords(removed.text, added.text);
      removed.words = words.filter((w) => w.op !== 'add');
      added.words = words.filter((w) => w.op !== 'remove');
    }
    i = s;
  }
}

/** Changed lines grouped into hunks with `context` unchanged lines around them (unified-diff style). */
export function diffHunks(before: string, after: string, context = 3): DiffHunk[] {
  const lines = diffLines(before, after);
  const ranges: { start: number; end: number }[] = [];
  lines.forEach((line, i) => {
    if (line.op === 'equal') return;
    const start = Math.max(0, i - context);
    const end = Math.min(lines.length - 1, i + context);
    const last = ranges[ranges.length - 1];
    // Hunks whose context would touch or overlap become one.
    if (last && start <= last.end + 1) last.end = end;
    else ranges.push({ start, end });
  });
  return ranges.map(({ start, end }) => toHunk(lines.slice(start, end + 1)));
}

function toHunk(lines: DiffLine[]): DiffHunk {
  return {
    // A side with no lines (everything added, or everything removed) starts at 0, as unified diffs write it.
    oldStart: lines.find((l) => l.oldLine !== null)?.oldLine ?? 0,
    oldLines: lines.filter((l) => l.op !== 'add').length,
    newStart: lines.find((l) => l.newLine !== null)?.newLine ?? 0,
    newLines: lines.filter((l) => l.op !== 'remove').length,
    lines,
  };
}
