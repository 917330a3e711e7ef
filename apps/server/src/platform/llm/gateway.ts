import { BuiltinMock } from './builtin-mock.js';
import { createLlmClient } from './client-factory.js';
import type { LlmClient, ProviderConnection } from './types.js';

const MAX_CACHED_CLIENTS = 200;

/**
 * Hands out SDK clients per provider. Clients are reused (their keep-alive connections make
 * the gateway's overhead small) and rebuilt when the provider's settings change.
 */
export class LlmGateway {
  private readonly clients = new Map<string, LlmClient>();
  readonly builtinMock = new BuiltinMock();

  async client(providerId: string, version: Date, conn: ProviderConnection): Promise<LlmClient> {
    if (conn.type === 'mock' && !conn.baseUrl) await this.builtinMock.ensureStarted();
    const key = `${providerId}:${version.getTime()}`;
    let client = this.clients.get(key);
    if (!client) {
      client = createLlmClient(conn, () => this.builtinMock.baseUrl());
      if (this.clients.size >= MAX_CACHED_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
      this.clients.set(key, client);
    }
    return client;
  }

  async close(): Promise<void> {
    this.clients.clear();
    await this.builtinMock.close();
  }
}
