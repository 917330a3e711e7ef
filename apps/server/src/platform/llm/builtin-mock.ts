import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';

/**
 * The built-in `mock` provider: the same simulator as `promptops mock-llm`, started on a loopback
 * port the first time a mock model is used, and kept for the life of the process. Its pace
 * (a short pause between chunks) makes streaming visible in the playground.
 */
export class BuiltinMock {
  private server: Promise<MockLlmServer> | undefined;
  private url: string | undefined;

  async ensureStarted(): Promise<string> {
    this.server ??= startMockLlm({ host: '127.0.0.1', port: 0, chunkGapMs: 25, latencyMs: 40 });
    this.url = (await this.server).url;
    return this.url;
  }

  /** Only valid after ensureStarted() resolved. */
  baseUrl(): string {
    if (!this.url) throw new Error('built-in mock provider not started');
    return this.url;
  }

  async close(): Promise<void> {
    if (this.server) await (await this.server).close();
    this.server = undefined;
    this.url = undefined;
  }
}
