import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
/** Every named schema of the API (`Schemas['PromptVersion']`, …). */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type PromptOpsClient = Client<paths>;

/** Base of every error the PromptOps clients throw, so one `instanceof` catches them all. */
export class PromptOpsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromptOpsError';
  }
}

/** A non-2xx answer, with the API's problem+json body (or one made up from the status). */
export class ApiError extends PromptOpsError {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export interface ClientOptions {
  /** Server origin, e.g. `https://promptops.example.com`; '' for the same origin in a browser. */
  baseUrl?: string;
  /** An API key (`po_…`) or access token, or a function returning the current one. */
  token?: string | (() => string | null | undefined | Promise<string | null | undefined>);
  /** Replaces the global fetch (to add retries, refresh on 401, or for tests). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * The typed client: `client.GET('/api/v1/orgs/{orgId}/prompts/{name}', { params: { path: … } })`.
 * Paths, parameters, bodies and answers are typed from the OpenAPI document.
 */
export function createClient(options: ClientOptions = {}): PromptOpsClient {
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl ?? '',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { token } = options;
  if (token !== undefined) {
    const auth: Middleware = {
      async onRequest({ request }) {
        const value = typeof token === 'function' ? await token() : token;
        if (value) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

/** The body of a successful answer; throws ApiError for any other. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(response.status, toProblem(response, error));
}

/** The problem+json body of a failed answer, or one made up from its status. */
export function toProblem(response: Response, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body && 'title' in body) return body as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(typeof body === 'string' && body ? { detail: body } : {}),
  } as Problem;
}
