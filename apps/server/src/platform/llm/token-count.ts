import { encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import type { ChatMessage, ProviderType } from '@promptops/contracts';

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

export function countText(text: string, encoding: Encoding): number {
  if (!text) return 0;
  return (encoding === 'o200k_base' ? encodeO200k(text) : encodeCl100k(text)).length;
}

// OpenAI's published accounting for chat models: 3 framing tokens per message plus its role and
// content, and 3 tokens priming the reply. The mock provider counts the same way.
export function countChat(messages: readonly ChatMessage[], encoding: Encoding): number {
  let total = 3;
  for (const m of messages) total += 3 + countText(m.role, encoding) + countText(m.content, encoding);
  return total;
}
