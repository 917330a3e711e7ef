import { isPyWhitespaceCode, pySplit } from '../text/python-whitespace.js';

/** The sacrebleu tokenizers we reproduce. */
export type BleuTokenizer = '13a' | 'intl' | 'char' | 'none';

// mteval-v13a's punctuation rules, as sacrebleu's TokenizerRegexp applies them in order.
// The first class is the ASCII ranges {-~ [-` space-& (-+ :-@ and '/'.
const RE_13A_SYMBOLS = /([{-~[-` -&(-+:-@/])/g;
const RE_13A_PERIOD_COMMA_AFTER_NON_DIGIT = /([^0-9])([.,])/gu;
const RE_13A_PERIOD_COMMA_BEFORE_NON_DIGIT = /([.,])([^0-9])/gu;
const RE_13A_DASH_AFTER_DIGIT = /([0-9])(-)/g;

// mteval-v14's international rules (sacrebleu's TokenizerV14International): Unicode
// punctuation next to a non-number, and every Unicode symbol, become separate tokens.
const RE_INTL_PUNCT_AFTER_NON_NUMBER = /(\P{N})(\p{P})/gu;
const RE_INTL_PUNCT_BEFORE_NON_NUMBER = /(\p{P})(\P{N})/gu;
const RE_INTL_SYMBOL = /(\p{S})/gu;

function tokenize13a(line: string): string[] {
  let text = line;
  if (text.includes('<skipped>')) text = text.replaceAll('<skipped>', '');
  if (text.includes('\n')) text = text.replaceAll('-\n', '').replaceAll('\n', ' ');
  // Sequential, like sacrebleu: '&amp;lt;' becomes '&lt;' and then '<'.
  if (text.includes('&')) {
    text = text
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  text = ` ${text} `;
  text = text.replace(RE_13A_SYMBOLS, ' $1 ');
  if (text.includes('.') || text.includes(',')) {
    text = text.replace(RE_13A_PERIOD_COMMA_AFTER_NON_DIGIT, '$1 $2 ');
    text = text.replace(RE_13A_PERIOD_COMMA_BEFORE_NON_DIGIT, ' $1 $2');
  }
  if (text.includes('-')) text = text.replace(RE_13A_DASH_AFTER_DIGIT, '$1 $2 ');
  return pySplit(text);
}

function tokenizeIntl(line: string): string[] {
  let text = line.replace(RE_INTL_PUNCT_AFTER_NON_NUMBER, '$1 $2 ');
  text = text.replace(RE_INTL_PUNCT_BEFORE_NON_NUMBER, ' $1 $2');
  text = text.replace(RE_INTL_SYMBOL, ' $1 ');
  return pySplit(text);
}

function tokenizeChar(line: string): string[] {
  // sacrebleu joins every code point with spaces and splits again, so whitespace disappears.
  const tokens: string[] = [];
  for (const char of line) {
    if (char.length === 1 && isPyWhitespaceCode(char.charCodeAt(0))) continue;
    tokens.push(char);
  }
  return tokens;
}

/**
 * Tokenizes one (already lowercased and right-stripped) segment exactly as sacrebleu 2.x
 * does before splitting it on whitespace, and returns the tokens.
 */
export function tokenizeForBleu(line: string, tokenizer: BleuTokenizer): string[] {
  switch (tokenizer) {
    case '13a':
      return tokenize13a(line);
    case 'intl':
      return tokenizeIntl(line);
    case 'char':
      return tokenizeChar(line);
    case 'none':
      return pySplit(line);
  }
}
