import { pyRstrip, pySplit } from '../text/python-whitespace.js';

export interface TercomTokenizerOptions {
  normalized: boolean;
  noPunct: boolean;
  asianSupport: boolean;
  caseSensitive: boolean;
}

// sacrebleu's TercomTokenizer (a port of Tercom's Normalizer.java), rule for rule. The character
// classes are spelled as code point ranges; none of them contains a digit or a letter.
const WESTERN_PUNCT = /([\x20-\x26\x28-\x2b\x2f\x3a-\x40\x5b-\x60\x7b-\x7e])/g;
const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/g;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/g;

function normalizeGeneralAndWestern(text: string): string {
  let sent = text.replace(/\n-/g, '').replace(/\n/g, ' ');
  sent = sent
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  sent = ` ${sent} `;
  sent = sent.replace(WESTERN_PUNCT, ' $1 ');
  // Possessives. Python's `$` also matches before a final newline, but none is left here.
  sent = sent.replace(/'s /g, " 's ").replace(/'s$/, " 's");
  // Period and comma unless preceded, then unless followed, by a digit; dash after a digit.
  sent = sent.replace(/([^0-9])([.,])/gu, '$1 $2 ');
  sent = sent.replace(/([.,])([^0-9])/gu, ' $1 $2');
  sent = sent.replace(/([0-9])(-)/g, '$1 $2 ');
  return sent;
}

function normalizeAsian(text: string): string {
  // Chinese characters and Japanese kanji, CJK strokes, radicals and compatibility blocks.
  let sent = text.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/g, ' $1 ');
  sent = sent.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/g, ' $1 ');
  sent = sent.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/g, ' $1 ');
  sent = sent.replace(/([\u3200-\u3f22])/g, ' $1 ');
  // Hiragana, Katakana and Katakana Phonetic Extensions. These rules are anchored at the start
  // of the text, exactly as sacrebleu writes them (so they rarely fire); kept for parity.
  sent = sent.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/, '$1 $2 ');
  sent = sent.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/, '$1 $2 ');
  sent = sent.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/, '$1 $2 ');
  sent = sent.replace(ASIAN_PUNCT, ' $1 ');
  return sent.replace(FULL_WIDTH_PUNCT, ' $1 ');
}

/**
 * Words of one segment as sacrebleu's TER sees them: `TercomTokenizer(sent.rstrip()).split()`.
 * Lowercased unless case-sensitive; `normalized` tokenizes punctuation (and, with
 * `asianSupport`, CJK characters); `noPunct` removes punctuation.
 */
export function tokenizeForTer(segment: string, opts: TercomTokenizerOptions): string[] {
  let sent = pyRstrip(segment);
  if (sent === '') return [];
  if (!opts.caseSensitive) sent = sent.toLowerCase();
  if (opts.normalized) {
    sent = normalizeGeneralAndWestern(sent);
    if (opts.asianSupport) sent = normalizeAsian(sent);
  }
  if (opts.noPunct) {
    sent = sent.replace(/[.,?:;!"()]/g, '');
    if (opts.asianSupport) sent = sent.replace(ASIAN_PUNCT, '').replace(FULL_WIDTH_PUNCT, '');
  }
  return pySplit(sent);
}
