import type { Webhook, WebhookDelivery, WebhookEventType } from '@promptops/contracts';

export type WebhookEvent = WebhookEventType;
export type WebhookFormat = Webhook['format'];
export type DeliveryStatus = WebhookDelivery['status'];

export const DELIVERY_PAGE_SIZE = 25;

/** The events a webhook can subscribe to, grouped and explained for the form. */
export const EVENT_OPTIONS: readonly { value: WebhookEvent; label: string; description: string }[] = [
  { value: 'prompt.version.created', label: 'Version created', description: 'A prompt got a new version' },
  { value: 'prompt.label.moved', label: 'Label moved', description: 'A label now points at another version' },
  { value: 'review.opened', label: 'Review opened', description: 'Someone asked to move a protected label' },
  {
    value: 'review.merged',
    label: 'Review merged',
    description: 'A review was approved and the label moved',
  },
  { value: 'review.rejected', label: 'Review rejected', description: 'A review was rejected' },
  {
    value: 'evaluation.finished',
    label: 'Evaluation finished',
    description: 'Succeeded, failed or cancelled',
  },
  { value: 'experiment.changed', label: 'Experiment changed', description: 'An A/B test started or stopped' },
  {
    value: 'analytics.regression.detected',
    label: 'Regression detected',
    description: 'A new version looks worse than the one before',
  },
];

const EVENT_LABELS = new Map<string, string>(EVENT_OPTIONS.map((o) => [o.value, o.label]));

/** A readable name for a delivery's event (the test event included). */
export function eventLabel(event: string): string {
  if (event === 'webhook.test') return 'Test';
  return EVENT_LABELS.get(event) ?? event;
}

export const DELIVERY_STATUS_COLORS: Record<DeliveryStatus, string> = {
  pending: 'gray',
  retrying: 'yellow',
  succeeded: 'teal',
  failed: 'red',
};

/** "412 ms", "1.4 s", or an em dash when the attempt never got that far. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The host and path of a URL for a narrow column (the full URL goes in a tooltip). */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname;
    return `${u.host}${path.length > 32 ? `${path.slice(0, 31)}…` : path}`;
  } catch {
    return url;
  }
}

/** A response body for display: pretty JSON when it is JSON, the text as received otherwise. */
export function prettyBody(body: string | null): string {
  if (body === null || body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export interface WebhookFormValues {
  url: string;
  description: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  active: boolean;
}

export const EMPTY_WEBHOOK_FORM: WebhookFormValues = {
  url: '',
  description: '',
  events: ['prompt.version.created', 'prompt.label.moved'],
  format: 'json',
  active: true,
};

export function formFromWebhook(w: Webhook): WebhookFormValues {
  return {
    url: w.url,
    description: w.description ?? '',
    events: w.events,
    format: w.format,
    active: w.active,
  };
}

export interface CreateWebhookBody {
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  active: boolean;
  description?: string;
}

export type UpdateWebhookBody = Partial<Omit<CreateWebhookBody, 'description'>> & {
  description?: string | null;
  rotateSecret?: boolean;
};

/** The create request: events in the list's order, an empty description left out. */
export function createRequest(v: WebhookFormValues): CreateWebhookBody {
  const description = v.description.trim();
  return {
    url: v.url.trim(),
    events: EVENT_OPTIONS.map((o) => o.value).filter((e) => v.events.includes(e)),
    format: v.format,
    active: v.active,
    ...(description ? { description } : {}),
  };
}

/** Only what changed, so an edit never rewrites fields it did not touch; null clears a description. */
export function updateRequest(before: Webhook, v: WebhookFormValues): UpdateWebhookBody {
  const next = createRequest(v);
  const body: UpdateWebhookBody = {};
  if (next.url !== before.url) body.url = next.url;
  if (next.events.join() !== [...before.events].sort(byOption).join()) body.events = next.events;
  if (next.format !== before.format) body.format = next.format;
  if (next.active !== before.active) body.active = next.active;
  const description = next.description ?? null;
  if (description !== before.description) body.description = description;
  return body;
}

const ORDER = new Map<string, number>(EVENT_OPTIONS.map((o, i) => [o.value, i]));
function byOption(a: string, b: string): number {
  return (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99);
}
