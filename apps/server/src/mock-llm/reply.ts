import { countTextTokens, truncateToTokens } from './tokens.js';
import type { PromptMessage } from './tokens.js';

// The deterministic "model": the same conversation always yields the same reply, so tests can
// assert on text, and its token count is exact because it is computed from the produced text.

export type FinishReason = 'stop' | 'length' | 'stop_sequence';

export interface MockReply {
  text: string;
  outputTokens: number;
  /** 'stop' = natural end, 'length' = cut by the max tokens, 'stop_sequence' = cut by a stop string. */
  finish: FinishReason;
  stopSequence: string | null;
}

export interface ReplyRequest {
  messages: readonly PromptMessage[];
  words: number;
  maxTokens?: number;
  stop?: readonly string[];
  /** A fixed reply (the `x-mock-reply` control) instead of the generated one. */
  text?: string | undefined;
}

const QUOTED_WORDS = 6;
const FILLER = [
  'the',
  'simulator',
  'answers',
  'with',
  'deterministic',
  'tokens',
  'streamed',
  'from',
  'a',
  'local',
  'server',
  'so',
  'every',
  'run',
  'is',
  'repeatable',
  'and',
  'cheap',
  'prompt',
  'model',
  'latency',
  'chunk',
  'output',
  'test',
];

export function generateReply(request: ReplyRequest): MockReply {
  let text = request.text ?? composeText(request.messages, request.words);
  let finish: FinishReason = 'stop';
  let stopSequence: string | null = null;

  let cut = -1;
  for (const stop of request.stop ?? []) {
    const at = stop === '' ? -1 : text.indexOf(stop);
    if (at !== -1 && (cut === -1 || at < cut)) {
      cut = at;
      stopSequence = stop;
    }
  }
  if (cut !== -1) {
    text = text.slice(0, cut);
    finish = 'stop_sequence';
  }

  if (request.maxTokens !== undefined) {
    const truncated = truncateToTokens(text, request.maxTokens);
    if (truncated.text.length < text.length) {
      return { text: truncated.text, outputTokens: truncated.tokens, finish: 'length', stopSequence: null };
    }
  }
  return { text, outputTokens: countTextTokens(text), finish, stopSequence };
}

/**
 * "Mock reply to: <first words of the last user message> …" padded to `words` words. A tool's
 * result (a `tool` message) counts as the user's turn: the reply quotes it.
 */
function composeText(messages: readonly PromptMessage[], words: number): string {
  let lastUser = '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user' || message?.role === 'tool') {
      lastUser = message.text;
      break;
    }
  }
  const userWords = lastUser.split(/\s+/).filter(Boolean);
  const parts = ['Mock', 'reply', 'to:', ...userWords.slice(0, QUOTED_WORDS)];
  if (userWords.length > QUOTED_WORDS) parts.push('…');
  if (userWords.length === 0) parts.push('(empty)');

  const next = seededRandom(hashConversation(messages));
  while (parts.length < words) parts.push(FILLER[Math.floor(next() * FILLER.length)] ?? 'mock');
  return `${parts.join(' ')}.`;
}

/**
 * Splits text into `count` pieces on word boundaries (one word each when `count` is 0 or larger
 * than the number of words). The pieces concatenate back to exactly `text`.
 */
export function splitIntoChunks(text: string, count: number): string[] {
  if (text.length === 0) return [];
  const words = text.match(/\s*\S+/g) ?? [text];
  const consumed = words.reduce((n, w) => n + w.length, 0);
  if (consumed < text.length) words[words.length - 1] += text.slice(consumed);
  if (count <= 0 || count >= words.length) return words;
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * words.length) / count);
    const to = Math.floor(((i + 1) * words.length) / count);
    pieces.push(words.slice(from, to).join(''));
  }
  return pieces;
}

// FNV-1a over roles and texts: cheap and stable across runs and platforms.
export function hashConversation(messages: readonly PromptMessage[]): number {
  let hash = 0x811c9dc5;
  for (const message of messages) {
    const text = `${message.role}\u0000${message.text}\u0001`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash >>> 0;
}

// mulberry32: a tiny seeded generator, good enough to pick filler words.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
