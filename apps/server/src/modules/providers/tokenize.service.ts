import type { ChatMessage, TokenizeRequest, TokenizeResponse } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { costUsd } from '../../platform/decimal.js';
import { validationFailed } from '../../platform/errors.js';
import { countChatBounded, countTextBounded, encodingFor } from '../../platform/llm/token-count.js';
import { clientForProvider } from './provider-client.js';
import * as repo from './providers.repository.js';

const COUNT_TOKENS_TIMEOUT_MS = 3000;

export async function tokenize(
  app: AppContext,
  ctx: OrgContext,
  req: TokenizeRequest,
): Promise<TokenizeResponse> {
  const found = await repo.findModelForCall(app.db, ctx.orgId, req.modelId);
  if (!found) throw validationFailed([{ path: 'modelId', message: 'No such model in this organization' }]);
  const { model, provider } = found;
  const price = (tokens: number) => costUsd(tokens, 0, model.inputPricePerMTok, '0');

  if (provider.type === 'anthropic') {
    const messages: ChatMessage[] = req.messages ?? [{ role: 'user', content: req.text ?? '' }];
    try {
      const client = await clientForProvider(app, provider);
      const tokens = await client.countTokens!(
        { model: model.name, messages, params: {} },
        AbortSignal.timeout(COUNT_TOKENS_TIMEOUT_MS),
      );
      return { tokens, exact: true, method: 'anthropic-count-tokens', estimatedInputCostUsd: price(tokens) };
    } catch {
      // Unreachable or no key: fall through to an honest estimate.
    }
  }
  const { encoding, exact } = encodingFor(provider.type, model.name);
  const counted = req.messages
    ? await countChatBounded(req.messages, encoding)
    : await countTextBounded(req.text ?? '', encoding);
  const isExact = exact && counted.exact && provider.type !== 'anthropic';
  return {
    tokens: counted.tokens,
    exact: isExact,
    method: isExact ? encoding : `estimate (${encoding})`,
    estimatedInputCostUsd: price(counted.tokens),
  };
}
