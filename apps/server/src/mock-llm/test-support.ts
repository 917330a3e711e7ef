import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { MockLlmServer } from './server.js';

// Official SDK clients pointed at a running simulator, as the gateway will use them.

export const TEST_KEY = 'sk-mock-test-key';

export function openAiClient(
  server: MockLlmServer,
  opts: { apiKey?: string; maxRetries?: number; headers?: Record<string, string> } = {},
): OpenAI {
  return new OpenAI({
    apiKey: opts.apiKey ?? TEST_KEY,
    baseURL: `${server.url}/v1`,
    maxRetries: opts.maxRetries ?? 0,
    defaultHeaders: opts.headers ?? {},
  });
}

export function anthropicClient(
  server: MockLlmServer,
  opts: { apiKey?: string; maxRetries?: number; headers?: Record<string, string> } = {},
): Anthropic {
  return new Anthropic({
    apiKey: opts.apiKey ?? TEST_KEY,
    baseURL: server.url,
    maxRetries: opts.maxRetries ?? 0,
    defaultHeaders: opts.headers ?? {},
  });
}

/** Items of an async iterable with their arrival times (ms, performance.now()). */
export async function collectTimed<T>(iterable: AsyncIterable<T>): Promise<{ item: T; at: number }[]> {
  const out: { item: T; at: number }[] = [];
  for await (const item of iterable) out.push({ item, at: performance.now() });
  return out;
}

/** Gaps between consecutive arrival times. */
export function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
