// The Porter stemmer in NLTK's default NLTK_EXTENSIONS mode, the variant Google's rouge-score
// uses (`nltk.stem.porter.PorterStemmer()`). Written from the published algorithm plus NLTK's
// documented departures; every NLTK-specific rule is marked "NLTK:". Input is lowercase.

const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map([
  ['sky', 'sky'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['news', 'news'],
  ['innings', 'inning'],
  ['inning', 'inning'],
  ['outings', 'outing'],
  ['outing', 'outing'],
  ['cannings', 'canning'],
  ['canning', 'canning'],
  ['howe', 'howe'],
  ['proceed', 'proceed'],
  ['exceed', 'exceed'],
  ['succeed', 'succeed'],
]);

function isVowelLetter(ch: string | undefined): boolean {
  return ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u';
}

/** 'y' is a consonant at the start of a word or after a vowel, a vowel after a consonant. */
function isConsonant(word: string, i: number): boolean {
  const ch = word[i];
  if (isVowelLetter(ch)) return false;
  if (ch === 'y') return i === 0 ? true : !isConsonant(word, i - 1);
  return true;
}

/** Porter's m: the number of vowel-consonant sequences in [C](VC){m}[V]. */
function measure(stem: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const consonant = isConsonant(stem, i);
    if (consonant && prevVowel) m++;
    prevVowel = !consonant;
  }
  return m;
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

/** *o: ends consonant-vowel-consonant, the last not w, x or y. NLTK: also a 2-letter vowel-consonant word. */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (
    n >= 3 &&
    isConsonant(word, n - 3) &&
    !isConsonant(word, n - 2) &&
    isConsonant(word, n - 1) &&
    !['w', 'x', 'y'].includes(word[n - 1]!)
  ) {
    return true;
  }
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

// A condition sees the stem left after removing the suffix, and the whole word.
type Condition = ((stem: string, word: string) => boolean) | null;
type Rule = readonly [suffix: string, replacement: string, condition: Condition];

const positiveMeasure = (stem: string): boolean => measure(stem) > 0;
const measureAbove1 = (stem: string): boolean => measure(stem) > 1;

/**
 * Applies the first rule whose suffix matches. If its condition fails, no later rule is tried
 * (Porter's "longest matching suffix" reading, as NLTK implements it).
 */
function applyRuleList(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem, word) ? stem + replacement : word;
    }
  }
  return word;
}

function step1a(word: string): string {
  // NLTK: 'dies' -> 'die' (not 'di'), while 'flies' -> 'fli'.
  if (word.length === 4 && word.endsWith('ies')) return word.slice(0, -3) + 'ie';
  return applyRuleList(word, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(word: string): string {
  // NLTK: 'died' -> 'die', 'spied' -> 'spi'.
  if (word.endsWith('ied')) return word.slice(0, -3) + (word.length === 4 ? 'ie' : 'i');
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? stem + 'ee' : word;
  }
  let stem: string | undefined;
  if (word.endsWith('ed') && containsVowel(word.slice(0, -2))) stem = word.slice(0, -2);
  else if (word.endsWith('ing') && containsVowel(word.slice(0, -3))) stem = word.slice(0, -3);
  if (stem === undefined) return word;

  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
  if (endsDoubleConsonant(stem)) {
    const last = stem[stem.length - 1]!;
    return last === 'l' || last === 's' || last === 'z' ? stem : stem.slice(0, -1);
  }
  if (measure(stem) === 1 && endsCvc(stem)) return stem + 'e';
  return stem;
}

function step1c(word: string): string {
  // NLTK: y -> i only after a consonant that is not the first letter ('happy' -> 'happi', 'enjoy' stays).
  if (!word.endsWith('y')) return word;
  const stem = word.slice(0, -1);
  return stem.length > 1 && isConsonant(stem, stem.length - 1) ? stem + 'i' : word;
}

const STEP2_RULES: readonly Rule[] = [
  ['ational', 'ate', positiveMeasure],
  ['tional', 'tion', positiveMeasure],
  ['enci', 'ence', positiveMeasure],
  ['anci', 'ance', positiveMeasure],
  ['izer', 'ize', positiveMeasure],
  ['bli', 'ble', positiveMeasure], // Martin Porter's later 'bli' form, not the paper's 'abli'
  ['alli', 'al', positiveMeasure],
  ['entli', 'ent', positiveMeasure],
  ['eli', 'e', positiveMeasure],
  ['ousli', 'ous', positiveMeasure],
  ['ization', 'ize', positiveMeasure],
  ['ation', 'ate', positiveMeasure],
  ['ator', 'ate', positiveMeasure],
  ['alism', 'al', positiveMeasure],
  ['iveness', 'ive', positiveMeasure],
  ['fulness', 'ful', positiveMeasure],
  ['ousness', 'ous', positiveMeasure],
  ['aliti', 'al', positiveMeasure],
  ['iviti', 'ive', positiveMeasure],
  ['biliti', 'ble', positiveMeasure],
  ['fulli', 'ful', positiveMeasure], // NLTK
  // NLTK: 'logi' -> 'log' with the 'l' counted in the stem, so 'geologi' -> 'geolog'.
  ['logi', 'log', (_stem, word) => measure(word.slice(0, -3)) > 0],
];

function step2(word: string): string {
  // NLTK: 'alli' -> 'al' is tried first and, when it fires, step 2 runs again on the result.
  if (word.endsWith('alli') && measure(word.slice(0, -4)) > 0) return step2(word.slice(0, -4) + 'al');
  return applyRuleList(word, STEP2_RULES);
}

const STEP3_RULES: readonly Rule[] = [
  ['icate', 'ic', positiveMeasure],
  ['ative', '', positiveMeasure],
  ['alize', 'al', positiveMeasure],
  ['iciti', 'ic', positiveMeasure],
  ['ical', 'ic', positiveMeasure],
  ['ful', '', positiveMeasure],
  ['ness', '', positiveMeasure],
];

const STEP4_RULES: readonly Rule[] = [
  ['al', '', measureAbove1],
  ['ance', '', measureAbove1],
  ['ence', '', measureAbove1],
  ['er', '', measureAbove1],
  ['ic', '', measureAbove1],
  ['able', '', measureAbove1],
  ['ible', '', measureAbove1],
  ['ant', '', measureAbove1],
  ['ement', '', measureAbove1],
  ['ment', '', measureAbove1],
  ['ent', '', measureAbove1],
  ['ion', '', (stem) => measure(stem) > 1 && (stem.endsWith('s') || stem.endsWith('t'))],
  ['ou', '', measureAbove1],
  ['ism', '', measureAbove1],
  ['ate', '', measureAbove1],
  ['iti', '', measureAbove1],
  ['ous', '', measureAbove1],
  ['ive', '', measureAbove1],
  ['ize', '', measureAbove1],
];

function step5a(word: string): string {
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  if (m > 1) return stem;
  if (m === 1 && !endsCvc(stem)) return stem;
  return word;
}

function step5b(word: string): string {
  // The measure is taken on the word minus one 'l', as NLTK does.
  return word.endsWith('ll') && measure(word.slice(0, -1)) > 1 ? word.slice(0, -1) : word;
}

/** Stems one lowercase word like NLTK's `PorterStemmer().stem(word)` (default mode). */
export function porterStem(word: string): string {
  // NLTK looks the irregular forms up before lowercasing, and skips words of 1-2 letters.
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular !== undefined) return irregular;
  const stem = word.toLowerCase();
  if (word.length <= 2) return stem;
  let w = step1a(stem);
  w = step1b(w);
  w = step1c(w);
  w = step2(w);
  w = applyRuleList(w, STEP3_RULES);
  w = applyRuleList(w, STEP4_RULES);
  w = step5a(w);
  return step5b(w);
}
