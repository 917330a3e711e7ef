import type { EgressPolicy } from '../../platform/egress.js';
import { egressRefusalOf } from '../../platform/egress.js';
import { jsonBody, signatureHeader, slackBody, type DeliveryMessage } from './webhook-messages.js';

/** A receiver that has not answered by then has failed this attempt. */
export const SEND_TIMEOUT_MS = 10_000;
/** How much of a response body the delivery log keeps. */
export const RESPONSE_BODY_LIMIT = 2048;
export const USER_AGENT = 'PromptOps-Webhooks/1';

export interface SendTarget {
  url: string;
  format: 'json' | 'slack';
  secret: string;
}

export interface SendOutcome {
  ok: boolean;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

/** The first `limit` bytes of a body (as text); the rest is not read. */
async function readPrefix(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit));
}

function describeError(err: unknown, timedOut: boolean): string {
  if (timedOut) return `No answer within ${SEND_TIMEOUT_MS / 1000} s`;
  const refusal = egressRefusalOf(err);
  if (refusal) return `Refused by the egress policy: ${refusal.message}`;
  // fetch wraps the network error ("fetch failed"); its cause says what happened (ECONNREFUSED…).
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  const text = err instanceof Error ? err.message : String(err);
  return detail ? `${text}: ${detail}` : text;
}

/**
 * POSTs one attempt of a delivery, signed. The URL is checked against the egress policy again
 * (an address can change after the webhook was saved) and the connection goes only to an address
 * the policy checked; redirects are refused. Never throws: the outcome goes to the delivery log.
 */
export async function sendDelivery(
  egress: EgressPolicy,
  target: SendTarget,
  message: DeliveryMessage,
  opts: { now?: Date; signal?: AbortSignal } = {},
): Promise<SendOutcome> {
  const body = JSON.stringify(target.format === 'slack' ? slackBody(message) : jsonBody(message));
  const timeout = AbortSignal.timeout(SEND_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    await egress.checkUrl(target.url);
    const res = await egress.fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'X-PromptOps-Event': message.event,
        'X-PromptOps-Delivery': message.id,
        'X-PromptOps-Signature': signatureHeader(target.secret, body, opts.now ?? new Date()),
      },
      body,
      signal,
    });
    const text = await readPrefix(res, RESPONSE_BODY_LIMIT);
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      responseStatus: res.status,
      responseBody: text,
      error: ok ? null : `The receiver answered HTTP ${res.status}`,
      durationMs: elapsed(),
    };
  } catch (err) {
    return {
      ok: false,
      responseStatus: null,
      responseBody: null,
      error: describeError(err, timeout.aborted),
      durationMs: elapsed(),
    };
  }
}
