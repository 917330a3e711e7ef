export interface TemplateFieldError {
  /** Where the problem is, e.g. `variables.topic` or `messages.2.content`. */
  path: string;
  message: string;
}

/**
 * Thrown when a template cannot be rendered or its variable metadata is inconsistent. `kind`
 * tells missing/invalid values apart from a rendered prompt that would exceed its size limit.
 */
export class TemplateError extends Error {
  constructor(
    readonly kind: 'invalid' | 'too_large',
    readonly errors: TemplateFieldError[],
  ) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'TemplateError';
  }
}
