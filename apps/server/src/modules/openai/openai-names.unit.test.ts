import { describe, expect, it } from 'vitest';
import { openAiParam } from './openai.errors.js';
import { parsePromptRef } from './openai.service.js';

describe('managed prompt references in `model`', () => {
  it('reads a name with an optional label or version', () => {
    expect(parsePromptRef('gpt-4o-mini')).toBeUndefined();
    expect(parsePromptRef('prompt:greeter')).toEqual({ name: 'greeter' });
    expect(parsePromptRef('prompt:support/greeter@production')).toEqual({
      name: 'support/greeter',
      label: 'production',
    });
    expect(parsePromptRef('prompt:support/greeter#12')).toEqual({ name: 'support/greeter', version: 12 });
  });

  it('refuses what no prompt can be called', () => {
    for (const bad of [
      'prompt:',
      'prompt:bad name',
      'prompt:a@',
      'prompt:a#0',
      'prompt:a#x',
      'prompt:a@B',
      'prompt:a@x#1',
    ])
      expect(parsePromptRef(bad), bad).toBe('invalid');
  });
});

describe('field paths as OpenAI names them', () => {
  it('turns JSON pointers and dotted paths into param names', () => {
    expect(openAiParam('/messages/0/role')).toBe('messages[0].role');
    expect(openAiParam('messages.3.tool_calls.1.function.name')).toBe(
      'messages[3].tool_calls[1].function.name',
    );
    expect(openAiParam('temperature')).toBe('temperature');
    expect(openAiParam('variables.topic')).toBe('variables.topic');
    expect(openAiParam('')).toBe('');
  });
});
