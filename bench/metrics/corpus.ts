// Deterministic synthetic evaluation data: ~18-word English-like segments with punctuation,
// numbers and capitals, and references that paraphrase them (substitutions, drops, inserts).

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ter',
  'ran',
  'sel',
  'po',
  'vu',
  'den',
  'ing',
  'tion',
  'er',
  'ma',
  'qui',
  'sto',
];
const FUNCTION_WORDS = [
  'the',
  'a',
  'of',
  'and',
  'to',
  'in',
  'is',
  'was',
  'for',
  'on',
  'with',
  'that',
  'it',
  'as',
];

export interface Corpus {
  hypotheses: string[];
  references: string[];
}

export function makeCorpus(segments: number, seed = 42): Corpus {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const vocabulary = Array.from({ length: 2000 }, () => {
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => pick(SYLLABLES)).join('');
  });
  const word = (): string => {
    const r = random();
    if (r < 0.35) return pick(FUNCTION_WORDS);
    if (r < 0.38) return String(Math.floor(random() * 2000)) + (random() < 0.3 ? '.5' : '');
    if (r < 0.4) return `${pick(vocabulary)}-${pick(vocabulary)}`;
    return pick(vocabulary);
  };
  const punctuate = (words: string[]): string => {
    const out = words.map((w, i) => (i > 0 && i < words.length - 1 && random() < 0.08 ? `${w},` : w));
    out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1);
    if (random() < 0.1) out[1] = `"${out[1]}"`;
    return out.join(' ') + pick(['.', '.', '.', '?', '!']);
  };
  const hypotheses: string[] = [];
  const references: string[] = [];
  for (let s = 0; s < segments; s++) {
    const length = 12 + Math.floor(random() * 13); // 12-24 words, mean 18
    const words = Array.from({ length }, word);
    const paraphrase: string[] = [];
    for (const w of words) {
      const r = random();
      if (r < 0.08) continue; // drop
      paraphrase.push(r < 0.3 ? word() : w); // substitute
      if (random() < 0.05) paraphrase.push(word()); // insert
    }
    hypotheses.push(punctuate(words));
    references.push(punctuate(paraphrase.length > 0 ? paraphrase : words));
  }
  return { hypotheses, references };
}
