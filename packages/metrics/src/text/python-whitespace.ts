// Python's str.split() / str.rstrip() treat exactly these code points as whitespace
// (str.isspace). JavaScript's \s differs (it has U+FEFF, lacks U+001C-U+001F and U+0085),
// and sacrebleu tokenizes with Python's rules, so we spell the set out.
const WS_CLASS = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const TOKEN_RE = new RegExp(`[^${WS_CLASS}]+`, 'g');

/** Python's `c.isspace()` for one UTF-16 code unit (every Python whitespace char is in the BMP). */
export function isPyWhitespaceCode(code: number): boolean {
  if (code <= 0x20) return (code >= 0x09 && code <= 0x0d) || code >= 0x1c;
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `s.split()`: tokens separated by runs of whitespace, no empty tokens. */
export function pySplit(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** Python's `s.rstrip()`. */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPyWhitespaceCode(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}
