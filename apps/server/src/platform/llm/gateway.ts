import type { Redis } from 'ioredis';
import type { EgressPolicy } from '../egress.js';
import { BuiltinMock } from './builtin-mock.js';
import { ProviderRateLimitStore } from './provider-state.js';
import { BreakerRegistry } from './resilience.js';
import { createLlmClient } from './client-factory.js';
import type { AdmissionHook, LlmClient, ProviderConnection } from './types.js';

const MAX_CACHED_CLIENTS = 200;

/**
 * Hands out SDK clients per provider. Clients are reused (their keep-alive connections make
 * the gateway's overhead small) and rebuilt when the provider's settings change.
 */
export class LlmGateway {
  private readonly clients = new Map<string, LlmClient>();
  readonly builtinMock = new BuiltinMock();
  readonly breakers = new BreakerRegistry();
  readonly rateLimits: ProviderRateLimitStore;
  /** Checked, in order, before every call; modules register theirs at start-up. */
  readonly admissionHooks: AdmissionHook[] = [];

  constructor(
    readonly egress: EgressPolicy,
    redis?: Redis,
    prefix = '',
  ) {
    this.rateLimits = new ProviderRateLimitStore(redis, prefix);
  }

  /** `connect` runs only when no client is cached, so the key is decrypted once per provider version. */
  async client(
    providerId: string,
    version: Date,
    type: ProviderConnection['type'],
    hasBaseUrl: boolean,
    connect: () => ProviderConnection,
  ): Promise<LlmClient> {
    if (type === 'mock' && !hasBaseUrl) await this.builtinMock.ensureStarted();
    const key = `${providerId}:${version.getTime()}`;
    let client = this.clients.get(key);
    if (!client) {
      const conn = connect();
      // Every outbound call goes through the egress policy, except the built-in mock: a simulator
      // this process started itself on loopback.
      const builtin = type === 'mock' && !hasBaseUrl;
      client = createLlmClient(builtin ? conn : { ...conn, fetch: this.egress.fetch }, () =>
        this.builtinMock.baseUrl(),
      );
      if (this.clients.size >= MAX_CACHED_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
      this.clients.set(key, client);
    }
    return client;
  }

  addAdmissionHook(hook: AdmissionHook): void {
    if (this.admissionHooks.some((h) => h.name === hook.name))
      throw new Error(`admission hook "${hook.name}" is registered twice`);
    this.admissionHooks.push(hook);
  }

  async close(): Promise<void> {
    this.clients.clear();
    await this.builtinMock.close();
    await this.egress.close();
  }
}
