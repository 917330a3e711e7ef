import { diffLines, diffSequences, splitLines } from '@promptops/templates';

/**
 * A three-way merge of line texts (base, theirs, yours), as a save that lost the race needs:
 * each side's changes against the base are applied where they do not touch, and where both
 * sides changed the same (or neighbouring) lines the chunk is a conflict the user resolves.
 */

export type MergeChunk =
  | { kind: 'stable'; lines: string[] }
  | { kind: 'conflict'; base: string[]; theirs: string[]; yours: string[] };

/** One side's change: base lines [start, end) replaced by `lines` (start === end inserts). */
interface Change {
  start: number;
  end: number;
  lines: string[];
}

function changesAgainst(base: readonly string[], side: readonly string[]): Change[] {
  const out: Change[] = [];
  let current: Change | null = null;
  for (const edit of diffSequences(base, side)) {
    if (edit.op === 'equal') {
      if (current) out.push(current);
      current = null;
      continue;
    }
    current ??= { start: edit.a, end: edit.a, lines: [] };
    if (edit.op === 'remove') current.end = edit.a + 1;
    else current.lines.push(side[edit.b]!);
  }
  if (current) out.push(current);
  return out;
}

/** The base region [start, end) with `changes` (all inside it, in order) applied. */
function apply(base: readonly string[], start: number, end: number, changes: readonly Change[]): string[] {
  const out: string[] = [];
  let at = start;
  for (const change of changes) {
    out.push(...base.slice(at, change.start), ...change.lines);
    at = change.end;
  }
  out.push(...base.slice(at, end));
  return out;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

function pushStable(chunks: MergeChunk[], lines: readonly string[]) {
  if (lines.length === 0) return;
  const last = chunks[chunks.length - 1];
  if (last?.kind === 'stable') last.lines.push(...lines);
  else chunks.push({ kind: 'stable', lines: [...lines] });
}

export function mergeThreeWay(baseText: string, theirsText: string, yoursText: string): MergeChunk[] {
  const base = splitLines(baseText);
  const theirs = changesAgainst(base, splitLines(theirsText));
  const yours = changesAgainst(base, splitLines(yoursText));
  const chunks: MergeChunk[] = [];
  let t = 0;
  let y = 0;
  let at = 0;
  while (t < theirs.length || y < yours.length) {
    const start = Math.min(theirs[t]?.start ?? Infinity, yours[y]?.start ?? Infinity);
    pushStable(chunks, base.slice(at, start));
    // A group: every change of either side that overlaps or touches the region so far.
    let end = start;
    const groupTheirs: Change[] = [];
    const groupYours: Change[] = [];
    for (;;) {
      const nextTheirs = theirs[t];
      const nextYours = yours[y];
      if (nextTheirs && nextTheirs.start <= end) {
        groupTheirs.push(nextTheirs);
        end = Math.max(end, nextTheirs.end);
        t++;
      } else if (nextYours && nextYours.start <= end) {
        groupYours.push(nextYours);
        end = Math.max(end, nextYours.end);
        y++;
      } else break;
    }
    const theirLines = apply(base, start, end, groupTheirs);
    const yourLines = apply(base, start, end, groupYours);
    if (groupYours.length === 0) pushStable(chunks, theirLines);
    else if (groupTheirs.length === 0 || sameLines(theirLines, yourLines)) pushStable(chunks, yourLines);
    else
      chunks.push({ kind: 'conflict', base: base.slice(start, end), theirs: theirLines, yours: yourLines });
    at = end;
  }
  pushStable(chunks, base.slice(at));
  return chunks;
}

export function conflictCount(chunks: readonly MergeChunk[]): number {
  return chunks.filter((c) => c.kind === 'conflict').length;
}

/** The merged text with every conflict taken from one side. */
export function resolveWith(chunks: readonly MergeChunk[], side: 'theirs' | 'yours'): string {
  return chunks.flatMap((c) => (c.kind === 'stable' ? c.lines : c[side])).join('\n');
}

/** The merged text with git-style markers around each conflict, for the user to edit. */
export function textWithMarkers(
  chunks: readonly MergeChunk[],
  labels: { theirs: string; yours: string },
): string {
  return chunks
    .flatMap((c) =>
      c.kind === 'stable'
        ? c.lines
        : [`<<<<<<< ${labels.theirs}`, ...c.theirs, '=======', ...c.yours, `>>>>>>> ${labels.yours}`],
    )
    .join('\n');
}

/** Whether a text still holds a conflict marker line (it must not be saved as is). */
export function hasConflictMarkers(text: string): boolean {
  return /^(<{7}|={7}|>{7})( |$)/m.test(text);
}

export interface MarkedLine {
  text: string;
  /** Changed against the base: added or edited on a side, removed or edited in the base column. */
  changed: boolean;
}

/** A side's lines with the ones it changed against the base marked. */
export function sideLines(baseText: string, sideText: string): MarkedLine[] {
  return diffLines(baseText, sideText)
    .filter((l) => l.op !== 'remove')
    .map((l) => ({ text: l.text, changed: l.op === 'add' }));
}

/** The base's lines, marked where either side removed or edited them. */
export function baseLines(baseText: string, theirsText: string, yoursText: string): MarkedLine[] {
  const touched = new Set<number>();
  for (const side of [theirsText, yoursText])
    for (const l of diffLines(baseText, side))
      if (l.op === 'remove' && l.oldLine !== null) touched.add(l.oldLine);
  return splitLines(baseText).map((text, i) => ({ text, changed: touched.has(i + 1) }));
}
