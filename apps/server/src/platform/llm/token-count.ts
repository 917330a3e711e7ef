import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import type { ChatMessage, ExecutedMessage, ProviderType } from '@promptops/contracts';

export type Encoding = 'o200k_base' | 'cl100k_base';

/** Which tokenizer a model uses, and whether that count is exact for it. */
export function encodingFor(
  providerType: ProviderType,
  model: string,
): { encoding: Encoding; exact: boolean } {
  const m = model.toLowerCase();
  if (providerType === 'openai' || providerType === 'mock') {
    if (/^(gpt-4-turbo|gpt-4-\d|gpt-4$|gpt-4-32k|gpt-3\.5)/.test(m))
      return { encoding: 'cl100k_base', exact: true };
    return { encoding: 'o200k_base', exact: true };
  }
  // Other providers use their own tokenizers: o200k is a close, labelled estimate.
  return { encoding: 'o200k_base', exact: false };
}

// Special-token text such as `<|endoftext|>` inside user content is ordinary text to the
// provider; counting it as such also keeps the encoder from throwing on it.
const AS_TEXT = { disallowedSpecial: new Set<string>() };
const ENCODERS: Record<Encoding, (text: string) => number> = {
  o200k_base: (text) => encodeO200k(text, AS_TEXT).length,
  cl100k_base: (text) => encodeCl100k(text, AS_TEXT).length,
};
const SPLITTERS: Record<Encoding, RegExp> = {
  o200k_base: O200K_TOKEN_SPLIT_REGEX,
  cl100k_base: CL100K_TOKEN_SPLIT_REGEX,
};

/**
 * Security-critical for availability: byte-pair merging is roughly quadratic in the length of
 * one pre-token (a "word"), so a single 200k-character word took 28 s. Text is encoded in chunks
 * cut between pre-tokens (which leaves the count exact), and a pre-token longer than this is
 * encoded in slices of this size, which makes that count an estimate (real text never has
 * such words; base64 blobs and repeated characters do).
 */
export const MAX_EXACT_WORD_CHARS = 400;
/** Characters encoded in one go; ~5 ms of CPU for ordinary text. */
const CHUNK_CHARS = 8_192;
/** Longest stretch of synchronous work before yielding to other requests. */
const SLICE_MS = 10;

export interface TokenCount {
  tokens: number;
  /** False when a pathological word had to be split, making the count a close estimate. */
  exact: boolean;
}

const WHITESPACE = /\s/u;

/**
 * Splits text into pieces that encode to the same tokens as the whole. Cuts fall between two
 * pre-tokens where the first ends in non-whitespace: matching restarts identically at a match
 * boundary, and the only rules that look past a match's end (`\s+(?!\S)`, `\s+$`) cover
 * whitespace only, so the pre-tokens before the cut are unchanged too.
 */
function* pieces(text: string, encoding: Encoding): Generator<{ text: string; exact: boolean }> {
  if (text.length <= CHUNK_CHARS) {
    // Short text has short words unless it is one long word.
    if (text.length <= MAX_EXACT_WORD_CHARS || !hasLongWord(text, encoding)) {
      yield { text, exact: true };
      return;
    }
  }
  const splitter = new RegExp(SPLITTERS[encoding].source, SPLITTERS[encoding].flags);
  let chunkStart = 0;
  let prevEnd = 0;
  for (const match of text.matchAll(splitter)) {
    const start = match.index;
    const word = match[0];
    if (word.length > MAX_EXACT_WORD_CHARS) {
      if (start > chunkStart) yield { text: text.slice(chunkStart, start), exact: true };
      for (let i = 0; i < word.length; i += MAX_EXACT_WORD_CHARS) {
        yield { text: word.slice(i, i + MAX_EXACT_WORD_CHARS), exact: false };
      }
      chunkStart = start + word.length;
    } else if (start - chunkStart >= CHUNK_CHARS && start === prevEnd && !WHITESPACE.test(text[start - 1]!)) {
      yield { text: text.slice(chunkStart, start), exact: true };
      chunkStart = start;
    }
    prevEnd = start + word.length;
  }
  if (chunkStart < text.length) yield { text: text.slice(chunkStart), exact: true };
}

function hasLongWord(text: string, encoding: Encoding): boolean {
  const splitter = new RegExp(SPLITTERS[encoding].source, SPLITTERS[encoding].flags);
  for (const match of text.matchAll(splitter)) if (match[0].length > MAX_EXACT_WORD_CHARS) return true;
  return false;
}

/**
 * Counts tokens in linear time, synchronously. For callers that already bound the input size
 * (the built-in mock provider); request paths use countTextBounded, which also yields.
 */
export function countTextSync(text: string, encoding: Encoding): TokenCount {
  let tokens = 0;
  let exact = true;
  if (!text) return { tokens, exact };
  const encode = ENCODERS[encoding];
  for (const piece of pieces(text, encoding)) {
    tokens += encode(piece.text);
    exact &&= piece.exact;
  }
  return { tokens, exact };
}

/**
 * Counts tokens in linear time and yields to the event loop every ~10 ms, so counting a
 * megabyte never holds up other requests.
 */
export async function countTextBounded(text: string, encoding: Encoding): Promise<TokenCount> {
  let tokens = 0;
  let exact = true;
  if (!text) return { tokens, exact };
  const encode = ENCODERS[encoding];
  let sliceStart = performance.now();
  for (const piece of pieces(text, encoding)) {
    tokens += encode(piece.text);
    exact &&= piece.exact;
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return { tokens, exact };
}

// OpenAI's published accounting for chat models: 3 framing tokens per message plus its role and
// content, and 3 tokens priming the reply. The mock provider counts the same way.
export async function countChatBounded(
  messages: readonly (ChatMessage | ExecutedMessage)[],
  encoding: Encoding,
): Promise<TokenCount> {
  let tokens = 3;
  let exact = true;
  for (const m of messages) {
    const content = await countTextBounded(m.content, encoding);
    tokens += 3 + countTextSync(m.role, encoding).tokens + content.tokens;
    exact &&= content.exact;
    // Tool calls are counted as the text of their names and arguments: close, not exact.
    for (const call of 'toolCalls' in m ? (m.toolCalls ?? []) : []) {
      const args = await countTextBounded(call.name + call.arguments, encoding);
      tokens += args.tokens;
      exact = false;
    }
  }
  return { tokens, exact };
}
