import type { ProviderType } from '@promptops/contracts';

export interface ModelSeed {
  name: string;
  displayName: string;
  inputPricePerMTok: string;
  outputPricePerMTok: string;
  contextWindow: number | null;
}

/**
 * Models added with a new provider. Prices are list prices in USD per million tokens at the
 * time of writing; admins edit them per organization. Mock models are test models with small
 * non-zero prices so cost shows up in the playground.
 */
export const DEFAULT_MODELS: Record<ProviderType, ModelSeed[]> = {
  openai: [
    {
      name: 'gpt-4o',
      displayName: 'GPT-4o',
      inputPricePerMTok: '2.5',
      outputPricePerMTok: '10',
      contextWindow: 128_000,
    },
    {
      name: 'gpt-4o-mini',
      displayName: 'GPT-4o mini',
      inputPricePerMTok: '0.15',
      outputPricePerMTok: '0.6',
      contextWindow: 128_000,
    },
    {
      name: 'gpt-4-turbo',
      displayName: 'GPT-4 Turbo',
      inputPricePerMTok: '10',
      outputPricePerMTok: '30',
      contextWindow: 128_000,
    },
  ],
  anthropic: [
    {
      name: 'claude-3-5-sonnet-latest',
      displayName: 'Claude 3.5 Sonnet',
      inputPricePerMTok: '3',
      outputPricePerMTok: '15',
      contextWindow: 200_000,
    },
    {
      name: 'claude-3-opus-latest',
      displayName: 'Claude 3 Opus',
      inputPricePerMTok: '15',
      outputPricePerMTok: '75',
      contextWindow: 200_000,
    },
  ],
  mock: [
    {
      name: 'mock-fast',
      displayName: 'Mock Fast (test model)',
      inputPricePerMTok: '0.1',
      outputPricePerMTok: '0.2',
      contextWindow: 128_000,
    },
    {
      name: 'mock-smart',
      displayName: 'Mock Smart (test model)',
      inputPricePerMTok: '1',
      outputPricePerMTok: '2',
      contextWindow: 200_000,
    },
  ],
  // Self-hosted and routed models are too varied to guess: admins add the ones they serve.
  huggingface: [],
  'openai-compatible': [],
};
