import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { countTextSync } from '../platform/llm/token-count.js';

// Token counts of the simulator, shared by both API families so a test can compute the expected
// usage of any request with the same o200k_base encoder the gateway uses for gpt-4o models.

/** A prompt message flattened to text: what both APIs count as input. */
export interface PromptMessage {
  role: string;
  text: string;
  name?: string;
}

export function countTextTokens(text: string): number {
  // Linear in the text (a single huge word would otherwise take seconds): the built-in mock
  // provider runs inside the server process.
  return countTextSync(text, 'o200k_base').tokens;
}

// OpenAI's published chat accounting for the gpt-4o family: every message costs 3 tokens of framing
// plus its role, content and (when set) name + 1; the reply is primed with 3 more tokens.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/** Input tokens of a conversation; `extra` is counted as plain text (serialized tools). */
export function countPromptTokens(messages: readonly PromptMessage[], extra = ''): number {
  let total = REPLY_PRIMING_TOKENS + countTextTokens(extra);
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countTextTokens(message.role) + countTextTokens(message.text);
    if (message.name) total += TOKENS_PER_NAME + countTextTokens(message.name);
  }
  return total;
}

/** A prefix of `text` of at most `maxTokens` tokens (the longest one found) and its exact token count. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; tokens: number } {
  const tokens = encode(text, { disallowedSpecial: new Set() });
  if (tokens.length <= maxTokens) return { text, tokens: tokens.length };
  // Prefer a token boundary, where a real model stops. Re-encoding a decoded prefix can merge
  // differently, so shrink a little until the count really fits.
  for (let keep = maxTokens; keep > 0 && keep > maxTokens - 8; keep--) {
    const candidate = decode(tokens.slice(0, keep));
    // A boundary inside a multi-byte character decodes to garbage: cut by characters instead.
    if (candidate.includes('\uFFFD') || !text.startsWith(candidate)) break;
    const count = countTextTokens(candidate);
    if (count <= maxTokens) return { text: candidate, tokens: count };
  }
  // Longest prefix on code-point boundaries that fits (binary search; counts grow with length).
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (countTextTokens(chars.slice(0, mid).join('')) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  const prefix = chars.slice(0, lo).join('');
  return { text: prefix, tokens: countTextTokens(prefix) };
}
