import { createClient, type PromptOpsClient } from '@promptops/client';
import type { TokenPair } from '@promptops/contracts';
import { AuthSession, localStorageTokenStore, webLocksRunner } from './auth-session';
import { ApiError, networkProblem, toProblem } from './problem';

export const API_BASE = '/api/v1';

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${API_BASE}${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem());
  }
}

async function failure(response: Response): Promise<ApiError> {
  return new ApiError(toProblem(response.status, response.statusText, await readBody(response)));
}

export const session = new AuthSession({
  store: localStorageTokenStore(),
  withLock: webLocksRunner,
  exchange: async (refreshToken) => {
    const response = await send('/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (response.status === 401 || response.status === 400) return null;
    if (!response.ok) throw await failure(response);
    return (await response.json()) as TokenPair;
  },
});

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A body sent as is (e.g. a YAML import) instead of JSON. */
  rawBody?: { text: string; contentType: string };
  /** Defaults to application/json; a stream asks for text/event-stream. */
  accept?: string;
  signal?: AbortSignal;
  /** Public endpoints (signup, login, invitation lookup) send no token and never refresh. */
  anonymous?: boolean;
}

function buildInit(options: RequestOptions, accessToken: string | null): RequestInit {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.rawBody !== undefined) headers['content-type'] = options.rawBody.contentType;
  if (accessToken !== null) headers.authorization = `Bearer ${accessToken}`;
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  else if (options.rawBody !== undefined) init.body = options.rawBody.text;
  if (options.signal) init.signal = options.signal;
  return init;
}

/**
 * Sends an API request with the current access token; on 401 it renews the token (shared
 * with any concurrent 401s) and retries once. Throws ApiError for every non-2xx answer.
 */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  if (options.anonymous) {
    const response = await send(path, buildInit(options, null));
    if (!response.ok) throw await failure(response);
    return response;
  }
  // After a reload only the refresh token survives; get an access token before the first call.
  let token = session.getAccessToken() ?? (session.hasRefreshToken() ? await session.refresh() : null);
  let response = await send(path, buildInit(options, token));
  if (response.status === 401) {
    // Renewal fails (and signs the user out) when the refresh token is gone, e.g. logged out in another tab.
    token = session.hasRefreshToken() ? await session.renewAfter(token) : null;
    if (token !== null) response = await send(path, buildInit(options, token));
    else session.clear();
  }
  if (!response.ok) throw await failure(response);
  return response;
}

export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  return (await readBody(response)) as T;
}

/**
 * The prepared request of the generated client, sent like apiFetch: the current access token,
 * renewed once on 401 (shared with concurrent renewals), network failures as ApiError.
 */
async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const sendWith = async (req: Request, token: string | null) => {
    if (token !== null) req.headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(req);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(networkProblem());
    }
  };
  let token = session.getAccessToken() ?? (session.hasRefreshToken() ? await session.refresh() : null);
  const response = await sendWith(request, token);
  if (response.status !== 401) return response;
  token = session.hasRefreshToken() ? await session.renewAfter(token) : null;
  if (token === null) {
    session.clear();
    return response;
  }
  return sendWith(retry, token);
}

/** The typed API client (paths as in the OpenAPI document) for signed-in calls. */
export const api: PromptOpsClient = createClient({ fetch: sessionFetch });

/** The body of a successful answer; any other answer throws ApiError with its problem. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(toProblem(response.status, response.statusText, error));
}
