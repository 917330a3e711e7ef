import { describe, expect, it } from 'vitest';
import type { Model } from '@promptops/contracts';
import {
  BASE_URL_PLACEHOLDERS,
  seedsDefaultModels,
  formatModelPrice,
  exactUsd,
  formatUsd,
  groupModelsByProvider,
  isValidPrice,
  providerFields,
  trimDecimal,
} from './model-catalog';

// Only the fields these functions read; the contract's other fields do not matter here.
const model = (over: Partial<Model>): Model =>
  ({
    id: 'm',
    providerId: 'p1',
    providerName: 'OpenAI',
    providerType: 'openai',
    name: 'gpt-4o',
    displayName: 'GPT-4o',
    inputPricePerMTok: '2.5',
    outputPricePerMTok: '10',
    contextWindow: 128000,
    active: true,
    isTestModel: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  }) as Model;

describe('groupModelsByProvider', () => {
  const models = [
    model({ id: 'a', displayName: 'GPT-4o' }),
    model({
      id: 'b',
      providerId: 'p2',
      providerName: 'Mock',
      providerType: 'mock',
      displayName: 'Mock Smart',
    }),
    model({ id: 'c', displayName: 'GPT-4o mini', active: false }),
    model({
      id: 'd',
      providerId: 'p2',
      providerName: 'Mock',
      providerType: 'mock',
      displayName: 'Mock Fast',
    }),
  ];

  it('groups active models by provider, sorted', () => {
    const groups = groupModelsByProvider(models);
    expect(groups.map((g) => [g.providerName, g.models.map((m) => m.id)])).toEqual([
      ['Mock', ['d', 'b']],
      ['OpenAI', ['a']],
    ]);
  });

  it('includes inactive models on request', () => {
    expect(groupModelsByProvider(models, true)[1]?.models.map((m) => m.id)).toEqual(['a', 'c']);
  });
});

describe('prices and costs', () => {
  it('trims decimals exactly', () => {
    expect(trimDecimal('2.500000')).toBe('2.5');
    expect(trimDecimal('10.000')).toBe('10');
    expect(trimDecimal('0.000')).toBe('0');
    expect(trimDecimal('15')).toBe('15');
  });

  it('formats a model price', () => {
    expect(formatModelPrice(model({}))).toBe('$2.5 in · $10 out / 1M');
  });

  it('formats costs readably at every scale', () => {
    expect(formatUsd('0')).toBe('$0');
    expect(formatUsd('0.0000123')).toBe('$0.0000123');
    expect(formatUsd('0.00012345')).toBe('$0.000123');
    expect(formatUsd('0.0234')).toBe('$0.0234');
    expect(formatUsd('1.5')).toBe('$1.50');
    expect(formatUsd('123.456')).toBe('$123.46');
  });

  it('never writes money in scientific notation', () => {
    expect(formatUsd('0.00000095')).toBe('$0.00000095');
    expect(formatUsd('0.000000950000')).toBe('$0.00000095');
    expect(formatUsd('0.000001')).toBe('$0.000001');
    expect(formatUsd('0.0000001')).toBe('$0.0000001');
    expect(formatUsd('0.000000000012')).toBe('< $0.00000001');
    for (const v of ['0.0000095', '0.00000123456', '0.009999', '3e-9']) expect(formatUsd(v)).not.toMatch(/e/);
    expect(exactUsd('0.000000012000')).toBe('$0.000000012');
  });

  it('validates prices like the API', () => {
    expect(isValidPrice('0.15')).toBe(true);
    expect(isValidPrice('3')).toBe(true);
    expect(isValidPrice('-1')).toBe(false);
    expect(isValidPrice('0.1234567')).toBe(false);
    expect(isValidPrice('abc')).toBe(false);
  });
});

describe('providerFields', () => {
  it('asks mock for nothing and openai-compatible for a base URL', () => {
    expect(providerFields('mock')).toEqual({ baseUrl: 'none', apiKey: false });
    expect(providerFields('openai-compatible').baseUrl).toBe('required');
  });
});

describe('new providers', () => {
  it('shows each type its own endpoint and seeds defaults only where the API has them', () => {
    expect(BASE_URL_PLACEHOLDERS.openai).toBe('https://api.openai.com/v1');
    expect(BASE_URL_PLACEHOLDERS.openai).not.toContain('11434');
    expect(BASE_URL_PLACEHOLDERS.huggingface).toContain('huggingface');
    expect(seedsDefaultModels('openai')).toBe(true);
    expect(seedsDefaultModels('huggingface')).toBe(false);
    expect(seedsDefaultModels('openai-compatible')).toBe(false);
  });
});
