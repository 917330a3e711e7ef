/**
 * Length of the longest common subsequence, O(n·m) time and O(min(n, m)) memory: one rolling
 * row over the shorter sequence.
 */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [outer, inner] = a.length >= b.length ? [a, b] : [b, a];
  const cols = inner.length;
  if (cols === 0) return 0;
  const row = new Uint32Array(cols + 1);
  for (let i = 0; i < outer.length; i++) {
    const x = outer[i];
    let diagonal = 0; // row[j - 1] from the previous outer step
    for (let j = 1; j <= cols; j++) {
      const above = row[j]!;
      if (x === inner[j - 1]) {
        row[j] = diagonal + 1;
      } else {
        const left = row[j - 1]!;
        row[j] = above > left ? above : left;
      }
      diagonal = above;
    }
  }
  return row[cols]!;
}

/**
 * Indices into `ref` of one longest common subsequence, chosen exactly like rouge-score's
 * `_backtrack_norec` (which decides ROUGE-Lsum's union). Needs the full table; used only on
 * single sentences.
 */
export function lcsIndices(ref: ArrayLike<number>, can: ArrayLike<number>): number[] {
  const rows = ref.length;
  const cols = can.length;
  if (rows === 0 || cols === 0) return [];
  const width = cols + 1;
  const table = new Uint32Array((rows + 1) * width);
  for (let i = 1; i <= rows; i++) {
    const x = ref[i - 1];
    for (let j = 1; j <= cols; j++) {
      if (x === can[j - 1]) {
        table[i * width + j] = table[(i - 1) * width + j - 1]! + 1;
      } else {
        const up = table[(i - 1) * width + j]!;
        const left = table[i * width + j - 1]!;
        table[i * width + j] = up > left ? up : left;
      }
    }
  }
  const indices: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if (table[i * width + j - 1]! > table[(i - 1) * width + j]!) {
      j--;
    } else {
      i--;
    }
  }
  return indices.reverse();
}
