import type { ChatMessage, VariableSpec } from '@promptops/contracts';
import * as templates from '@promptops/templates';
import { AppError, validationFailed } from '../../platform/errors.js';

// The engine lives in @promptops/templates (shared with the web app and the SDK); this adapter
// turns its errors into the server's problem responses and applies the server's size limit.

export { extractVariables } from '@promptops/templates';
export type { Variables } from '@promptops/templates';

/**
 * Largest rendered prompt (all messages together) sent to a provider, in characters. Far above
 * any model's context window (1M characters ≈ 250k tokens), far below what exhausts memory.
 */
export const MAX_RENDERED_PROMPT_CHARS = 1_000_000;

function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof templates.TemplateError)) throw e;
    if (e.kind === 'too_large')
      throw new AppError(
        413,
        'Prompt Too Large',
        `The rendered prompt would exceed ${MAX_RENDERED_PROMPT_CHARS.toLocaleString('en-US')} characters`,
        { errors: e.errors },
      );
    throw validationFailed(e.errors);
  }
}

export function renderTemplate(
  text: string,
  variables: templates.Variables,
  specs?: readonly VariableSpec[],
): string {
  return translate(() =>
    templates.renderTemplate(text, variables, specs, { maxLength: MAX_RENDERED_PROMPT_CHARS }),
  );
}

export function renderMessages<M extends Pick<ChatMessage, 'content'>>(
  messages: readonly M[],
  variables: templates.Variables,
  specs?: readonly VariableSpec[],
): M[] {
  return translate(() =>
    templates.renderMessages(messages, variables, specs, { maxLength: MAX_RENDERED_PROMPT_CHARS }),
  );
}

export function mergeVariableSpecs(
  detected: readonly string[],
  declared: readonly VariableSpec[] | undefined,
  pathPrefix = 'variables',
): VariableSpec[] {
  return translate(() => templates.mergeVariableSpecs(detected, declared, pathPrefix));
}
