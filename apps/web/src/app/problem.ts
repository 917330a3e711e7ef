import type { Problem } from '@promptops/contracts';
import { describeWait, humanMessage } from './human-messages';

/** Every failed API call surfaces as an ApiError carrying the server's problem+json body. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns whatever an error response carried into a Problem; non-problem bodies get a generic one. */
export function toProblem(status: number, statusText: string, body: unknown): Problem {
  const fallbackTitle = statusText || (status >= 500 ? 'Server error' : 'Request failed');
  if (!isRecord(body)) return { type: 'about:blank', title: fallbackTitle, status };
  const problem: Problem = {
    type: typeof body.type === 'string' ? body.type : 'about:blank',
    title: typeof body.title === 'string' ? body.title : fallbackTitle,
    status: typeof body.status === 'number' ? body.status : status,
  };
  if (typeof body.detail === 'string') problem.detail = body.detail;
  if (typeof body.requestId === 'string') problem.requestId = body.requestId;
  if (typeof body.retryAfterSeconds === 'number') problem.retryAfterSeconds = body.retryAfterSeconds;
  // A save that started from an older version names the newest one.
  if (typeof body.latestVersion === 'number') problem.latestVersion = body.latestVersion;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors
      .filter(isRecord)
      .map((e) => ({ path: String(e.path ?? ''), message: String(e.message ?? 'Invalid value') }));
  }
  return problem;
}

export function networkProblem(): Problem {
  return {
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: 'Could not reach the PromptOps server. Check your connection and try again.',
  };
}

/** A one-line message for notifications and alerts. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { problem } = error;
    const fieldMessages = (problem.errors ?? []).map((e) =>
      e.path ? humanMessage(fieldName(e.path), e.message) : e.message,
    );
    const base = problem.detail ?? problem.title;
    // The server may already say when ("…; try again in 15 minutes."): never say it twice.
    if (problem.retryAfterSeconds !== undefined && !/try again in/i.test(base)) {
      const sentence = base.replace(/[.;:,\s]+$/, '').replace(/;\s*try again later$/i, '');
      return `${sentence}. Try again in ${describeWait(problem.retryAfterSeconds)}.`;
    }
    return fieldMessages.length > 0 && !problem.detail ? `${base}: ${fieldMessages.join('; ')}` : base;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/**
 * Validation paths may arrive as `email`, `body.email` or `/body/email`; forms key their
 * errors by the last segment, which is the field name.
 */
export function fieldName(path: string): string {
  const segments = path.split(/[./]/).filter((s) => s.length > 0);
  return segments[segments.length - 1] ?? path;
}

/** A validation path's segments without the leading `body` (`/body/variants/1/version` → variants, 1, version). */
export function bodyFieldSegments(path: string): string[] {
  const segments = path.split(/[./]/).filter((s) => s.length > 0);
  if (segments[0] === 'body') segments.shift();
  return segments;
}

export type FieldErrors = Partial<Record<string, string>>;

/** Field-level messages from a problem, keyed by field name (first message per field wins). */
export function problemFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const result: FieldErrors = {};
  for (const e of error.problem.errors ?? []) {
    const name = fieldName(e.path);
    result[name] ??= humanMessage(name, e.message);
  }
  return result;
}

/** The part of a zod schema validateWith needs; keeps zod itself out of this package's dependencies. */
interface SafeParser<T> {
  safeParse(
    values: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Client-side validation with the same zod schema the server uses. */
export function validateWith<T>(
  schema: SafeParser<T>,
  values: Record<string, unknown>,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.map(String).join('.') || 'form';
    const value = values[name];
    const field = issue.path.map(String).at(-1) ?? 'form';
    // An empty field is "required" whatever rule it broke first (zod's wording reads badly in a form).
    const message =
      typeof value === 'string' && value.trim() === ''
        ? humanMessage(field, 'Too small: expected string to have >=1 characters')
        : humanMessage(field, issue.message);
    errors[name] ??= message;
  }
  return { ok: false, errors };
}
