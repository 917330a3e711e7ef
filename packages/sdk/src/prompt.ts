import { extractVariables } from '@promptops/templates';
import type { Schemas } from '@promptops/client';

export type PromptVersion = Schemas['PromptVersion'];
export type ChatMessage = NonNullable<PromptVersion['messages']>[number];

/** A prompt version fetched from the server. */
export type FetchedPrompt = PromptVersion & { fallback: false };

/**
 * The caller's fallback, returned when the server could not be reached and nothing was cached.
 * It has no version, id or model: it is text the application shipped with.
 */
export interface FallbackPrompt {
  fallback: true;
  name: string;
  type: 'text' | 'chat';
  template: string | null;
  messages: ChatMessage[] | null;
  variables: PromptVersion['variables'];
  params: PromptVersion['params'];
  modelId: null;
  version: null;
}

/** What getPrompt returns: narrow on `fallback`. */
export type Prompt = FetchedPrompt | FallbackPrompt;

/** A fallback given as a template (text prompt) or messages (chat prompt). */
export type PromptFallback = string | ChatMessage[];

export function fallbackPrompt(name: string, fallback: PromptFallback): FallbackPrompt {
  const chat = typeof fallback !== 'string';
  return {
    fallback: true,
    name,
    type: chat ? 'chat' : 'text',
    template: chat ? null : fallback,
    messages: chat ? fallback.map((m) => ({ ...m })) : null,
    variables: extractVariables(fallback).map((variable) => ({ name: variable })),
    params: {},
    modelId: null,
    version: null,
  };
}
