import { AnthropicClient } from './anthropic-client.js';
import { OpenAiCompatibleClient } from './openai-client.js';
import type { LlmClient, ProviderConnection } from './types.js';

export const DEFAULT_BASE_URLS: Record<string, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  huggingface: 'https://router.huggingface.co/v1',
};

/**
 * Builds the SDK client for a provider. `mockBaseUrl` is where the built-in simulator listens
 * (a mock provider with its own base URL talks to that server instead).
 */
export function createLlmClient(conn: ProviderConnection, mockBaseUrl: () => string): LlmClient {
  const headers = conn.headers ?? {};
  const f = conn.fetch;
  switch (conn.type) {
    case 'anthropic':
      return new AnthropicClient(conn.baseUrl ?? DEFAULT_BASE_URLS.anthropic!, conn.apiKey, headers, f);
    case 'openai':
      return new OpenAiCompatibleClient(
        conn.baseUrl ?? DEFAULT_BASE_URLS.openai!,
        conn.apiKey,
        'openai',
        headers,
        f,
      );
    case 'huggingface':
      return new OpenAiCompatibleClient(
        conn.baseUrl ?? DEFAULT_BASE_URLS.huggingface!,
        conn.apiKey,
        'compatible',
        headers,
        f,
      );
    case 'openai-compatible':
      if (!conn.baseUrl) throw new Error('An openai-compatible provider needs a base URL');
      return new OpenAiCompatibleClient(conn.baseUrl, conn.apiKey, 'compatible', headers, f);
    case 'mock': {
      const base = conn.baseUrl ? conn.baseUrl.replace(/\/$/, '') : mockBaseUrl();
      return new OpenAiCompatibleClient(`${base}/v1`, conn.apiKey, 'compatible', headers, f);
    }
  }
}
