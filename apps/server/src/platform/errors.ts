import type { Problem } from '@promptops/contracts';

export interface FieldError {
  path: string;
  message: string;
  /** Workflow graph errors also carry their code and the node or edge at fault. */
  code?: string;
  nodeId?: string;
  edgeId?: string;
}

/**
 * The one error type services throw. The HTTP layer maps it to application/problem+json;
 * anything else becomes a generic 500 without details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      executionId?: string;
      latestVersion?: number;
    } = {},
  ) {
    super(detail ?? title);
  }

  toProblem(instance?: string): Problem {
    return {
      type: `https://promptops.dev/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'Bad Request', detail, errors ? { errors } : {});
export const unauthorized = (detail = 'Authentication is required') =>
  new AppError(401, 'Unauthorized', detail);
export const forbidden = (detail = 'Your role does not allow this action') =>
  new AppError(403, 'Forbidden', detail);
export const notFound = (what = 'Resource') => new AppError(404, 'Not Found', `${what} not found`);
export const conflict = (detail: string, errors?: FieldError[]) =>
  new AppError(409, 'Conflict', detail, errors ? { errors } : {});
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new AppError(429, 'Too Many Requests', detail, { retryAfterSeconds });
export const validationFailed = (errors: FieldError[]) =>
  new AppError(400, 'Validation Failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
