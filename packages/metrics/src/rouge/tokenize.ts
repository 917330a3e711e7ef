import { porterStem } from './porter-stemmer.js';

const ALNUM_RUN_RE = /[a-z0-9]+/g;

/**
 * rouge-score's tokenizer: lowercase, treat every run of characters outside [a-z0-9] as a
 * separator (so non-ASCII letters split words, as in Python), then Porter-stem tokens longer
 * than 3 characters when `useStemmer` is set.
 */
export function tokenizeForRouge(
  text: string,
  useStemmer: boolean,
  stemCache?: Map<string, string>,
): string[] {
  const tokens = text.toLowerCase().match(ALNUM_RUN_RE);
  if (tokens === null) return [];
  if (!useStemmer) return tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.length <= 3) continue;
    let stem = stemCache?.get(token);
    if (stem === undefined) {
      stem = porterStem(token);
      stemCache?.set(token, stem);
    }
    tokens[i] = stem;
  }
  // rouge-score drops tokens that are not [a-z0-9]+ after stemming; stemming a non-empty
  // alphanumeric token never yields an empty one, but keep the check to mirror the reference.
  return tokens.filter((token) => token.length > 0);
}
