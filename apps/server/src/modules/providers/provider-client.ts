import type { AppContext } from '../../platform/app-context.js';
import type { LlmClient } from '../../platform/llm/types.js';
import type { ProviderRow } from './providers.repository.js';

/** The SDK client for a stored provider; the key is decrypted only here, in memory, per client. */
export async function clientForProvider(app: AppContext, provider: ProviderRow): Promise<LlmClient> {
  return app.llm.client(provider.id, provider.updatedAt, {
    type: provider.type,
    baseUrl: provider.baseUrl,
    apiKey: provider.apiKeyCiphertext ? app.secrets.decrypt(provider.apiKeyCiphertext) : null,
  });
}
