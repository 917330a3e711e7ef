/**
 * sacrebleu's corpus layout: `references[k]` is the k-th reference stream, parallel to the
 * hypotheses. sacrebleu silently truncates streams of another length (zip); we refuse them.
 */
export function checkReferenceStreams(metric: string, hypotheses: string[], references: string[][]): void {
  if (references.length === 0) throw new RangeError(`${metric} needs at least one reference stream`);
  references.forEach((stream, k) => {
    if (stream.length !== hypotheses.length) {
      throw new RangeError(
        `Reference stream ${k} has ${stream.length} segments but there are ${hypotheses.length} hypotheses`,
      );
    }
  });
}

/**
 * The references of segment `index`. Missing ones (undefined/null) are always skipped, which
 * allows a variable number of references per segment. sacrebleu's BLEU also skips empty
 * strings; chrF and TER keep them and score against an empty reference.
 */
export function segmentReferences(references: string[][], index: number, skipEmpty: boolean): string[] {
  const refs: string[] = [];
  for (const stream of references) {
    const ref = stream[index];
    if (ref === undefined || ref === null || (skipEmpty && ref === '')) continue;
    refs.push(ref);
  }
  if (refs.length === 0) {
    throw new RangeError(`${skipEmpty ? 'Empty or missing' : 'Missing'} reference for segment ${index}`);
  }
  return refs;
}
