import { ApiError } from '@promptops/client';

/** Exit codes of the `prompts` and `eval` commands (docs/cli.md lists them). */
export const EXIT = {
  ok: 0,
  /** A gate failed, or the server refused or could not finish the operation. */
  failed: 1,
  /** Bad flags, or a file or value that fails validation. */
  usage: 2,
  /** The API key was missing, wrong or revoked (HTTP 401). */
  auth: 3,
  /** The server could not be reached. */
  connection: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as a message and an exit code, never as a stack trace. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** Extra lines printed under the message (one per field at fault). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, details: string[] = []) =>
  new CliError(EXIT.usage, message, details);

/** The lines an API error prints: title and detail, then each field at fault. */
export function describeApiError(error: ApiError, doing: string): CliError {
  const { problem, status } = error;
  const fields = (problem.errors ?? []).map((e) => `  ${e.path || '(body)'}: ${e.message}`);
  const detail = problem.detail && problem.detail !== problem.title ? `: ${problem.detail}` : '';
  if (status === 401)
    return new CliError(
      EXIT.auth,
      `Not authenticated (HTTP 401${detail}). Check PROMPTOPS_API_KEY or --api-key: the key may be wrong, revoked or expired.`,
    );
  if (status === 403)
    return new CliError(
      EXIT.failed,
      `${doing} is not allowed for this API key's role (HTTP 403${detail}).`,
      fields,
    );
  const code = status === 400 || status === 422 ? EXIT.usage : EXIT.failed;
  return new CliError(code, `${doing} failed: ${problem.title ?? `HTTP ${status}`}${detail}`, fields);
}

/** Any error as a CliError: API problems keep their fields, anything else keeps its message. */
export function toCliError(err: unknown, doing: string): CliError {
  if (err instanceof CliError) return err;
  if (err instanceof ApiError) return describeApiError(err, doing);
  return new CliError(EXIT.failed, `${doing} failed: ${err instanceof Error ? err.message : String(err)}`);
}
