import { renderMessages, renderTemplate, TemplateError, type Variables } from '@promptops/templates';
import { PromptOpsError } from './errors.js';
import type { ChatMessage, Prompt } from './prompt.js';

/** A rendered prompt: the messages a model receives (a text prompt is one user message). */
export type RenderedPrompt =
  | { type: 'text'; text: string; messages: [{ role: 'user'; content: string }] }
  | { type: 'chat'; messages: ChatMessage[] };

/** Variables without a value (and no default), or values of the wrong type; `errors` names each. */
export class RenderError extends PromptOpsError {
  constructor(readonly errors: { path: string; message: string }[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'RenderError';
  }
}

/**
 * Fills in a prompt's variables with the engine the server runs (`@promptops/templates`), so
 * the result is what a run of the same prompt sends to the model. Declared defaults and types
 * come from the prompt's `variables`.
 */
export function render(prompt: Prompt, variables: Variables = {}): RenderedPrompt {
  try {
    if (prompt.messages) {
      return { type: 'chat', messages: renderMessages(prompt.messages, variables, prompt.variables) };
    }
    const text = renderTemplate(prompt.template ?? '', variables, prompt.variables);
    return { type: 'text', text, messages: [{ role: 'user', content: text }] };
  } catch (error) {
    if (error instanceof TemplateError) throw new RenderError(error.errors);
    throw error;
  }
}
