import type { FastifyReply, FastifyRequest } from 'fastify';
import { REFRESH_TOKEN_COOKIE, SESSION_TRANSPORT_HEADER } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { forbidden } from '../../platform/errors.js';

/** Only the auth routes (refresh and logout) ever receive the cookie. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** Whether this request asked for a browser session (refresh token in a cookie). */
export function wantsCookieSession(req: FastifyRequest): boolean {
  return req.headers[SESSION_TRANSPORT_HEADER] === 'cookie';
}

/**
 * SECURITY-CRITICAL: cookie sessions are CSRF-prone, since a browser attaches the cookie on its
 * own. Three layers keep another site from using them: the cookie is SameSite=Strict; the custom
 * X-PromptOps-Session header cannot be sent cross-origin without a CORS preflight, which this
 * server never grants; and the browser's Origin and Sec-Fetch-Site headers, when present, must say
 * the request comes from this server's own origin.
 */
export function assertSameOrigin(app: AppContext, req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw crossSite();
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const own = new Set([`${req.protocol}://${req.host}`]);
  if (app.config.PUBLIC_URL) own.add(new URL(app.config.PUBLIC_URL).origin);
  if (!own.has(origin)) throw crossSite();
}

const crossSite = () => forbidden('Cookie sessions are only accepted from the PromptOps web app itself');

export function readRefreshCookie(req: FastifyRequest): string | undefined {
  const value = req.cookies[REFRESH_TOKEN_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

function cookieOptions(req: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    // Secure whenever the app is served over https (directly or, with TRUST_PROXY, behind a proxy);
    // plain http on localhost would otherwise never get the cookie back.
    secure: req.protocol === 'https',
    path: REFRESH_COOKIE_PATH,
  };
}

export function setRefreshCookie(app: AppContext, req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(REFRESH_TOKEN_COOKIE, token, {
    ...cookieOptions(req),
    maxAge: app.config.REFRESH_TOKEN_TTL_DAYS * 86_400,
  });
}

export function clearRefreshCookie(req: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(REFRESH_TOKEN_COOKIE, cookieOptions(req));
}

/**
 * Moves the refresh token of a freshly issued session from the body into the cookie when the
 * client asked for a browser session; API clients get the body unchanged.
 */
export function deliverRefreshToken<T extends { refreshToken?: string | undefined }>(
  app: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  body: T,
): T {
  if (!wantsCookieSession(req) || body.refreshToken === undefined) return body;
  setRefreshCookie(app, req, reply, body.refreshToken);
  const { refreshToken: _moved, ...rest } = body;
  return rest as T;
}
