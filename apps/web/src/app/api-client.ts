import { createClient, type PromptOpsClient } from '@promptops/client';
import { AuthSession, localStorageSessionHint, webLocksRunner } from './auth-session';
import { ApiError, networkProblem, toProblem } from './problem';

/** Sends one prepared request; a failure to reach the server becomes an ApiError (aborts stay aborts). */
async function send(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem());
  }
}

/** The typed client for public endpoints (signup, login, invitation lookup): no token, no renewal. */
export const publicApi: PromptOpsClient = createClient({ fetch: send });

/**
 * Signup, login, refresh and logout send this header: the server then keeps the refresh token in
 * an httpOnly cookie (scoped to the auth path) instead of handing it to this script.
 */
export const COOKIE_SESSION = { header: { 'x-promptops-session': 'cookie' as const } };

export const session = new AuthSession({
  store: localStorageSessionHint(),
  withLock: webLocksRunner,
  exchange: async () => {
    const { data, error, response } = await publicApi.POST('/api/v1/auth/refresh', {
      params: COOKIE_SESSION,
      body: {},
    });
    if (response.status === 401 || response.status === 400) return null;
    if (!response.ok || !data) throw new ApiError(toProblem(response.status, response.statusText, error));
    return data.accessToken;
  },
});

/**
 * Sends a prepared request of the generated client with the current access token, renewed once
 * on 401 (shared with concurrent renewals); network failures become ApiError.
 */
async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const sendWith = (req: Request, token: string | null) => {
    if (token !== null) req.headers.set('authorization', `Bearer ${token}`);
    return send(req);
  };
  // After a reload only the session cookie survives; get an access token before the first call.
  let token = session.getAccessToken() ?? (session.hasSession() ? await session.refresh() : null);
  const response = await sendWith(request, token);
  if (response.status !== 401) return response;
  // Renewal fails (and signs the user out) when the session is gone, e.g. logged out in another tab.
  token = session.hasSession() ? await session.renewAfter(token) : null;
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
