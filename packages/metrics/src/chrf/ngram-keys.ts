/**
 * Ids 1..V for the characters or words of one segment (its hypothesis and references), so that
 * n-grams become small numbers instead of strings.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  encode(units: Iterable<string>): number[] {
    const out: number[] = [];
    for (const unit of units) {
      let id = this.ids.get(unit);
      if (id === undefined) {
        id = this.ids.size + 1;
        this.ids.set(unit, id);
      }
      out.push(id);
    }
    return out;
  }
}

// Scratch table from (prefix id, unit) to n-gram id, kept between calls and all -1 between
// them. Larger tables are not kept; such segments use a map instead.
const TABLE_LIMIT = 1 << 20;
let table = new Int32Array(0);

/**
 * Dense ids for the n-grams of orders 1..maxOrder of one segment's unit sequences (hypothesis
 * and references encoded with one Vocabulary): `ids[s][n - 1]` lists the n-grams of sequence
 * s in text order, and within one order equal ids mean equal n-grams. Every id is below
 * `bound`. An n-gram's id is found from its (n-1)-gram prefix's id and its last unit, so no
 * n-gram is ever spelled out.
 */
export function numberNgrams(
  sequences: number[][],
  vocabularySize: number,
  maxOrder: number,
): { ids: Int32Array[][]; bound: number } {
  const radix = vocabularySize + 1;
  const ids = sequences.map((units) => (maxOrder > 0 ? [Int32Array.from(units)] : []));
  let bound = maxOrder > 0 ? radix : 0;
  let previousBound = radix;
  for (let n = 2; n <= maxOrder; n++) {
    const size = previousBound * radix;
    const useTable = size <= TABLE_LIMIT;
    if (useTable && table.length < size) table = new Int32Array(size).fill(-1);
    const map = useTable ? undefined : new Map<number, number>();
    let next = 0;
    sequences.forEach((units, s) => {
      const prefixes = ids[s]![n - 2]!;
      const current = new Int32Array(Math.max(0, units.length - n + 1));
      for (let i = 0; i < current.length; i++) {
        // Below 2^53: both factors are bounded by the segment's length.
        const key = prefixes[i]! * radix + units[i + n - 1]!;
        let id = map === undefined ? table[key]! : (map.get(key) ?? -1);
        if (id < 0) {
          id = next++;
          if (map === undefined) table[key] = id;
          else map.set(key, id);
        }
        current[i] = id;
      }
      ids[s]!.push(current);
    });
    if (useTable) {
      sequences.forEach((units, s) => {
        const prefixes = ids[s]![n - 2]!;
        for (let i = 0; i + n <= units.length; i++) table[prefixes[i]! * radix + units[i + n - 1]!] = -1;
      });
    }
    previousBound = next;
    bound = Math.max(bound, next);
  }
  return { ids, bound };
}

/**
 * Σ over n-grams of min(count in hypothesis, count in reference): the k-th occurrence of an
 * n-gram in the hypothesis matches while the reference has at least k of it. `counts` is an
 * all-zero array covering every id, left all-zero on return.
 */
export function countMatches(hypIds: Int32Array, refIds: Int32Array, counts: Int32Array): number {
  for (const id of refIds) counts[id]!++;
  let matches = 0;
  for (const id of hypIds) {
    if (counts[id]! > 0) {
      matches++;
      counts[id]!--;
    }
  }
  for (const id of refIds) counts[id] = 0;
  return matches;
}
