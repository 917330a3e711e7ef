import { createHmac } from 'node:crypto';
import type { EventType, WebhookEventType } from '@promptops/contracts';

/** The event name of a test delivery (not subscribable: every webhook can be sent one). */
export const TEST_EVENT = 'webhook.test';

/** Platform event types that webhooks deliver, and the dotted names the contract gives them. */
const WEBHOOK_EVENT_OF: Partial<Record<EventType, WebhookEventType>> = {
  'prompt.version_created': 'prompt.version.created',
  'prompt.label_moved': 'prompt.label.moved',
  'review.opened': 'review.opened',
  'review.merged': 'review.merged',
  'review.rejected': 'review.rejected',
  'evaluation.finished': 'evaluation.finished',
  'experiment.changed': 'experiment.changed',
  'analytics.regression_detected': 'analytics.regression.detected',
};

/** The webhook event name of a platform event, or undefined for internal ones (access changes). */
export function webhookEventOf(type: EventType): WebhookEventType | undefined {
  return WEBHOOK_EVENT_OF[type];
}

export interface DeliveryMessage {
  id: string;
  event: string;
  createdAt: Date;
  orgId: string;
  data: Record<string, unknown>;
}

/** The JSON body of a `json` webhook: the delivery id doubles as the idempotency key. */
export function jsonBody(m: DeliveryMessage): Record<string, unknown> {
  return { id: m.id, event: m.event, createdAt: m.createdAt.toISOString(), orgId: m.orgId, data: m.data };
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Slack's mrkdwn treats these three as markup; everything else is shown as written. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatMetrics(summary: unknown): string[] {
  if (!Array.isArray(summary)) return [];
  return summary.map((s: { variant?: number; metrics?: Record<string, number> }) => {
    const metrics = Object.entries(s.metrics ?? {})
      .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
      .join(', ');
    return `variant ${s.variant ?? '?'}: ${metrics || 'no scores'}`;
  });
}

/** One readable line (and optional detail lines) per event, in Slack's mrkdwn. */
export function summarize(event: string, data: Record<string, unknown>): { title: string; lines: string[] } {
  const d = (k: string) => escapeSlack(str(data[k]));
  switch (event) {
    case 'prompt.version.created':
      return { title: `New version *${d('name')}* v${d('version')}`, lines: [] };
    case 'prompt.label.moved':
      return {
        title: `Label *${d('label')}* of *${d('name')}* now points at v${d('version')}`,
        lines: data.previousVersion == null ? ['new label'] : [`was v${d('previousVersion')}`],
      };
    case 'review.opened':
    case 'review.merged':
    case 'review.rejected': {
      const verb = event.slice('review.'.length);
      const actor = (data.actor as { email?: string | null } | undefined)?.email;
      return {
        title: `Review ${verb}: *${d('promptName')}* v${d('version')} → *${d('label')}*`,
        lines: actor ? [`by ${escapeSlack(actor)}`] : [],
      };
    }
    case 'evaluation.finished':
      return {
        title: `Evaluation *${d('name')}* ${d('status')}`,
        lines: formatMetrics(data.summary),
      };
    case 'experiment.changed':
      return {
        title: `Experiment *${d('name')}* on *${d('promptName')}* is ${d('status')}`,
        lines: data.winner ? [`winner: ${d('winner')}`] : [],
      };
    case 'analytics.regression.detected':
      return {
        title: `Regression in *${d('promptName')}* v${d('version')} (${d('metric')})`,
        lines: [d('detail')].filter(Boolean),
      };
    case TEST_EVENT:
      return { title: 'Test delivery from PromptOps', lines: [d('message')].filter(Boolean) };
    default:
      return { title: `PromptOps event ${escapeSlack(event)}`, lines: [] };
  }
}

/** A Slack incoming-webhook message: `text` for notifications, `blocks` for the channel. */
export function slackBody(m: DeliveryMessage): { text: string; blocks: Record<string, unknown>[] } {
  const { title, lines } = summarize(m.event, m.data);
  const text = [title, ...lines].join('\n');
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${escapeSlack(m.event)} · delivery ${m.id}` }],
      },
    ],
  };
}

/**
 * SECURITY-CRITICAL: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The time is
 * signed with the body, so a receiver can refuse old (replayed) requests.
 */
export function signatureHeader(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;
/** Failed deliveries are retried until this long after they were created. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;

/**
 * The wait after failed attempt `attempt` (1-based): 30 s, 1 m, 2 m, … capped at 1 h, each
 * ±20 % so deliveries that failed together (a receiver's outage) do not retry together.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}
