import { createClient, unwrap, type PromptOpsClient } from '@promptops/client';
import { CliError, EXIT, toCliError, usageError } from './errors.js';

export interface ConnectionFlags {
  url?: string | undefined;
  'api-key'?: string | undefined;
}

/** A client bound to one server, API key and organization. */
export interface Connection {
  client: PromptOpsClient;
  /** Server origin without a trailing slash, for links to the web app. */
  baseUrl: string;
  orgId: string;
  orgName: string;
}

/** Flags win over the environment: a CI job can keep the key in its secrets and pass nothing. */
export function connectionSettings(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
): { baseUrl: string; apiKey: string } {
  const url = flags.url ?? env.PROMPTOPS_URL;
  const apiKey = flags['api-key'] ?? env.PROMPTOPS_API_KEY;
  if (!url)
    throw usageError('No server: set PROMPTOPS_URL or pass --url (e.g. https://promptops.example.com).');
  if (!apiKey) throw usageError('No API key: set PROMPTOPS_API_KEY or pass --api-key.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--url / PROMPTOPS_URL is not a URL: "${url}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw usageError(`--url / PROMPTOPS_URL must be http(s): "${url}".`);
  // The API lives under /api/v1 of the server origin (a path prefix is kept for reverse proxies).
  return { baseUrl: parsed.href.replace(/\/+$/, '').replace(/\/api\/v1$/, ''), apiKey };
}

/** fetch, with "could not connect" turned into one clear message instead of `fetch failed`. */
function fetchOrExplain(baseUrl: string): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await fetch(request);
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new CliError(EXIT.connection, `Cannot reach the PromptOps server at ${baseUrl} (${reason}).`);
    }
  };
}

export function connectClient(baseUrl: string, apiKey: string): PromptOpsClient {
  return createClient({ baseUrl, token: apiKey, fetch: fetchOrExplain(baseUrl) });
}

const readMe = (client: PromptOpsClient) => unwrap(client.GET('/api/v1/me'));

/** The organization the key belongs to, from `GET /api/v1/me`. */
export async function connect(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Connection> {
  const { baseUrl, apiKey } = connectionSettings(flags, env);
  const client = connectClient(baseUrl, apiKey);
  let me: Awaited<ReturnType<typeof readMe>>;
  try {
    me = await readMe(client);
  } catch (err) {
    throw toCliError(err, 'Identifying the API key');
  }
  if ('apiKey' in me) return { client, baseUrl, orgId: me.organization.id, orgName: me.organization.name };
  // A user access token also works when its user belongs to exactly one organization.
  if (me.memberships.length === 1) {
    const [{ organization }] = me.memberships as [(typeof me.memberships)[number]];
    return { client, baseUrl, orgId: organization.id, orgName: organization.name };
  }
  throw new CliError(
    EXIT.usage,
    'This token is not tied to one organization: use an API key of the organization (Settings → API keys).',
  );
}
