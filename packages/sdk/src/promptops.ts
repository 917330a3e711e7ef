import { createClient, type PromptOpsClient, type Schemas } from '@promptops/client';
import { hasIncludes } from '@promptops/templates';
import { ChangeFeed, type ChangeFeedState, type PlatformEvent } from './change-feed.js';
import { PromptCache, cacheKey, type LoadedPrompt, type PromptSelector } from './cache.js';
import { PromptOpsError, errorFor, errorFromResponse, isUnavailable } from './errors.js';
import { fallbackPrompt, type FetchedPrompt, type Prompt, type PromptFallback } from './prompt.js';
import { render, type RenderedPrompt } from './render.js';
import { withRetries, type FetchLike, type RetryOptions } from './retry.js';
import { RunStream, type Execution } from './run-stream.js';

export interface CacheOptions {
  /** How long a fetched prompt counts as fresh; after that it is served and refreshed in the background. Default 60 s. */
  ttlMs?: number;
  /** Most prompts kept (least recently used go first). Default 1,000. */
  maxEntries?: number;
  /** Follow the change feed so changes reach the cache within moments. Default true. */
  changeFeed?: boolean;
}

export interface PromptOpsOptions {
  /** Server origin, e.g. `https://promptops.example.com`. */
  baseUrl: string;
  /** An organization API key (`po_…`). */
  apiKey: string;
  /** The key's organization; looked up with `GET /api/v1/me` when not given. */
  orgId?: string;
  /** Replaces the global fetch (a proxy agent, tests). */
  fetch?: FetchLike;
  /** Prompt cache settings, or false to fetch every time. */
  cache?: CacheOptions | false;
  /** Retries of transient failures: a count, or the full settings. Default 2 retries. */
  retries?: number | RetryOptions;
}

export interface GetPromptOptions {
  /** A label (`production`, `staging`, …). */
  label?: string;
  /** A version number. */
  version?: number;
  /** A user or session id: with neither label nor version, a running experiment picks the version for it. */
  subject?: string;
  /** Returned when the server cannot be reached and nothing is cached: a template, or chat messages. */
  fallback?: PromptFallback;
}

export type Variables = Record<string, string | number | boolean | null>;
export type PromptParams = Schemas['PromptParams'];

export interface RunOptions {
  /** A prompt from getPrompt: that exact version runs (a fallback runs its own text). */
  prompt?: Prompt;
  /** Or a prompt by name, with a label, version or subject as in getPrompt. */
  name?: string;
  label?: string;
  version?: number;
  subject?: string;
  variables?: Variables;
  /** A model id or registered model name; default the prompt version's model. */
  model?: string;
  /** Override the prompt's parameters (temperature, maxTokens, …). */
  params?: PromptParams;
  /** Stops the run (a streamed one is stored as cancelled). */
  signal?: AbortSignal;
  stream?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The PromptOps SDK: `api` is the typed client of every route; `getPrompt` serves prompts from
 * memory, kept fresh by the change feed; `render` fills in variables as the server does; `run`
 * executes a prompt, streamed or not.
 */
export class PromptOps {
  /** Every API route, typed from the OpenAPI document, with this key and the retry policy. */
  readonly api: PromptOpsClient;
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly fetchWithRetries: FetchLike;
  private readonly rawFetch: FetchLike;
  private readonly cache: PromptCache | undefined;
  private readonly followFeed: boolean;
  private feed: ChangeFeed | undefined;
  private org: Promise<string> | undefined;
  private models: Map<string, string> | undefined;
  private closed = false;

  constructor(options: PromptOpsOptions) {
    if (!options.baseUrl) throw new PromptOpsError('baseUrl is required');
    if (!options.apiKey) throw new PromptOpsError('apiKey is required');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    const fetchFn = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    this.rawFetch = fetchFn;
    const retries = typeof options.retries === 'number' ? { maxRetries: options.retries } : options.retries;
    this.fetchWithRetries = withRetries(fetchFn, retries);
    this.api = createClient({ baseUrl: this.baseUrl, token: this.apiKey, fetch: this.fetchWithRetries });
    if (options.orgId) this.org = Promise.resolve(options.orgId);
    if (options.cache !== false) {
      const cache = options.cache ?? {};
      this.cache = new PromptCache((name, selector) => this.loadPrompt(name, selector), {
        ttlMs: cache.ttlMs ?? 60_000,
        maxEntries: cache.maxEntries ?? 1_000,
      });
      this.followFeed = cache.changeFeed ?? true;
    } else {
      this.followFeed = false;
    }
  }

  /** The organization of the API key (from `GET /api/v1/me` unless given in the options). */
  orgId(): Promise<string> {
    this.org ??= this.lookUpOrg();
    // A failed lookup is not remembered: the next call asks again.
    this.org.catch(() => (this.org = undefined));
    return this.org;
  }

  /** The change feed's state: `connecting` until it opens, `open`, or `closed` (also when not used). */
  get changeFeedState(): ChangeFeedState {
    return this.feed?.state ?? 'closed';
  }

  /** Resolves once the change feed is open (it starts with the first getPrompt). */
  async changeFeedOpened(): Promise<void> {
    await this.startFeed();
    await this.feed?.opened();
  }

  /**
   * A prompt version. From the cache when it holds one (without waiting on the network; a stale
   * copy is refreshed in the background), else from the server. When the server is unavailable
   * and nothing is cached, the `fallback` (if given) is returned; otherwise a typed error is thrown.
   * With `subject` (and no label or version) the server picks a running experiment's variant;
   * the cache keeps one entry per subject then.
   */
  async getPrompt(name: string, options: GetPromptOptions = {}): Promise<Prompt> {
    const selector = selectorOf(options);
    if (this.cache) {
      const key = cacheKey(name, selector);
      const cached = this.cache.peek(key);
      if (cached) return cached;
      void this.startFeed();
      try {
        return await this.cache.fetch(key, name, selector);
      } catch (error) {
        return this.fallbackFor(error, name, options);
      }
    }
    try {
      return (await this.loadPrompt(name, selector)).prompt;
    } catch (error) {
      return this.fallbackFor(error, name, options);
    }
  }

  /** Fills in a prompt's variables exactly as a run on the server would. */
  render(prompt: Prompt, variables: Variables = {}): RenderedPrompt {
    return render(prompt, variables);
  }

  /**
   * Runs a prompt through the server's gateway (recorded with cost). With `stream: true` it
   * returns a RunStream of typed events at once; otherwise the stored execution.
   */
  run(options: RunOptions & { stream: true }): RunStream;
  run(options: RunOptions & { stream?: false }): Promise<Execution>;
  run(options: RunOptions): RunStream | Promise<Execution> {
    if (options.stream) {
      return new RunStream(async (signal) => {
        const { orgId, body } = await this.runRequest(options);
        const abort = anySignal([signal, options.signal]);
        const response = await this.fetchWithRetries(
          new Request(`${this.baseUrl}/api/v1/orgs/${orgId}/executions`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${this.apiKey}`,
              'content-type': 'application/json',
              accept: 'text/event-stream',
            },
            body: JSON.stringify({ ...body, stream: true }),
            signal: abort,
          }),
        );
        if (!response.ok) throw await errorFromResponse(response);
        return response;
      });
    }
    return (async () => {
      const { orgId, body } = await this.runRequest(options);
      const { data, error, response } = await this.api.POST('/api/v1/orgs/{orgId}/executions', {
        params: { path: { orgId } },
        body: { ...body, stream: false },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!response.ok || !data) throw errorFor(response, error);
      // The 200 answer is the streamed form, which stream: false never gets.
      return (data as { execution: Execution }).execution;
    })();
  }

  /** Stops the change feed. Cached prompts stay readable; no background work continues. */
  close(): void {
    this.closed = true;
    this.feed?.close();
  }

  private async lookUpOrg(): Promise<string> {
    const { data, error, response } = await this.api.GET('/api/v1/me');
    if (!response.ok || !data) throw errorFor(response, error);
    // An API key answers with its organization (a user token would list memberships instead).
    if ('organization' in data) return data.organization.id;
    throw new PromptOpsError(
      'GET /api/v1/me did not name an organization: is apiKey an API key? Or pass orgId',
    );
  }

  private async loadPrompt(name: string, selector: PromptSelector): Promise<LoadedPrompt> {
    const orgId = await this.orgId();
    const first = await this.fetchVersion(orgId, name, selector, false);
    if (!hasIncludes(first.messages ?? first.template ?? '')) return { prompt: first, composed: false };
    // Includes expanded, as runs send it. The version the first answer chose is pinned so both
    // reads describe the same version; the experiment that chose it is kept.
    const expanded = await this.fetchVersion(orgId, name, { version: first.version }, true);
    return {
      prompt: first.experiment ? { ...expanded, experiment: first.experiment } : expanded,
      composed: true,
    };
  }

  private async fetchVersion(
    orgId: string,
    name: string,
    selector: PromptSelector,
    resolve: boolean,
  ): Promise<FetchedPrompt> {
    const query: { label?: string; version?: number; subject?: string; resolve?: 'true' } = {};
    if (selector.label !== undefined) query.label = selector.label;
    if (selector.version !== undefined) query.version = selector.version;
    if (selector.subject !== undefined) query.subject = selector.subject;
    if (resolve) query.resolve = 'true';
    const { data, error, response } = await this.api.GET('/api/v1/orgs/{orgId}/prompts/{name}', {
      params: { path: { orgId, name }, query },
    });
    if (!response.ok || !data) throw errorFor(response, error);
    return { ...data, fallback: false };
  }

  private fallbackFor(error: unknown, name: string, options: GetPromptOptions): Prompt {
    if (options.fallback !== undefined && isUnavailable(error)) return fallbackPrompt(name, options.fallback);
    throw error;
  }

  private async startFeed(): Promise<void> {
    if (this.feed || !this.followFeed || this.closed || !this.cache) return;
    const cache = this.cache;
    let orgId: string;
    try {
      orgId = await this.orgId();
    } catch {
      return; // The prompt fetch reports the failure; the next one tries again.
    }
    if (this.feed || this.closed) return;
    this.feed = new ChangeFeed({
      url: `${this.baseUrl}/api/v1/orgs/${orgId}/events`,
      fetch: this.rawFetch,
      headers: async () => ({ authorization: `Bearer ${this.apiKey}` }),
      // Whatever happened while no feed was open may not be replayed: everything is rechecked.
      onOpen: () => cache.markAllStale(),
      onEvent: (event) => invalidateFor(cache, event),
    });
  }

  private async runRequest(options: RunOptions) {
    const orgId = await this.orgId();
    const prompt = options.prompt;
    const name = prompt?.name ?? options.name;
    if (!prompt && !name) throw new PromptOpsError('run needs a prompt or a name');
    const body: {
      prompt?: { name: string; version?: number; label?: string };
      template?: string;
      messages?: NonNullable<FetchedPrompt['messages']>;
      modelId: string;
      variables: Variables;
      params?: PromptParams;
      subject?: string;
    } = { modelId: await this.modelIdFor(options), variables: options.variables ?? {} };
    if (prompt?.fallback) {
      // The server may not know this prompt (it was unreachable when it was fetched): its text runs.
      if (prompt.messages) body.messages = prompt.messages;
      else body.template = prompt.template ?? '';
    } else if (prompt) {
      body.prompt = { name: prompt.name, version: prompt.version };
    } else {
      const selector = selectorOf(options);
      body.prompt = { name: name!, ...(selector.version !== undefined ? { version: selector.version } : {}) };
      if (selector.label !== undefined) body.prompt.label = selector.label;
      if (selector.subject !== undefined) body.subject = selector.subject;
    }
    if (options.params) body.params = options.params;
    return { orgId, body };
  }

  /** The model to run on: the one asked for (id or name), else the prompt version's own. */
  private async modelIdFor(options: RunOptions): Promise<string> {
    if (options.model !== undefined) {
      if (UUID.test(options.model)) return options.model;
      return this.modelIdByName(options.model);
    }
    const prompt =
      options.prompt ??
      (await this.getPrompt(options.name!, {
        ...(options.label !== undefined ? { label: options.label } : {}),
        ...(options.version !== undefined ? { version: options.version } : {}),
        ...(options.subject !== undefined ? { subject: options.subject } : {}),
      }));
    if (prompt.modelId) return prompt.modelId;
    throw new PromptOpsError(`Prompt "${prompt.name}" has no model: pass \`model\` to run it`);
  }

  private async modelIdByName(name: string): Promise<string> {
    const known = this.models?.get(name);
    if (known) return known;
    const orgId = await this.orgId();
    const { data, error, response } = await this.api.GET('/api/v1/orgs/{orgId}/models', {
      params: { path: { orgId } },
    });
    if (!response.ok || !data) throw errorFor(response, error);
    this.models = new Map(data.items.map((m) => [m.name, m.id]));
    const id = this.models.get(name);
    if (!id) throw new PromptOpsError(`No model named "${name}" in this organization`);
    return id;
  }
}

function selectorOf(o: {
  label?: string | undefined;
  version?: number | undefined;
  subject?: string | undefined;
}) {
  if (o.label !== undefined && o.version !== undefined)
    throw new PromptOpsError('Give a label or a version, not both');
  const selector: PromptSelector = {};
  if (o.label !== undefined) selector.label = o.label;
  if (o.version !== undefined) selector.version = o.version;
  if (o.subject !== undefined) selector.subject = o.subject;
  return selector;
}

/** The cache entries an event makes outdated. */
function invalidateFor(cache: PromptCache, event: PlatformEvent): void {
  switch (event.type) {
    case 'prompt.version_created':
    case 'prompt.label_moved':
      cache.invalidatePrompt(event.payload.name);
      break;
    case 'experiment.changed':
      cache.invalidatePrompt(event.payload.promptName);
      break;
    default:
      // Other event types change no prompt.
      break;
  }
}

/** One signal aborted when any of the given ones is (AbortSignal.any is not everywhere yet). */
function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
