import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { defineJob, type RepeatingJob } from '../../platform/jobs/index.js';
import { runWebhookDispatcher } from './webhook-dispatch.js';

/**
 * Turns new events into webhook deliveries and sends the due ones. A repeating job runs once per
 * interval and never overlaps itself, so one dispatcher works at a time; the outbox cursor's row
 * lock and the deliveries' SKIP LOCKED claims keep even an overlapping run correct.
 */
export const webhookDispatchJob = defineJob({
  name: 'webhooks-dispatch',
  payload: z.object({}),
  // Its own queue: a slow receiver never delays other jobs.
  queue: 'webhooks',
  concurrency: 1,
  // The next interval is the retry; a delivery's own retries follow its backoff schedule.
  attempts: 1,
  backoff: { type: 'fixed', delayMs: 0 },
  async handler({ app, signal, log }) {
    const { created, attempts } = await runWebhookDispatcher(app, { signal });
    if (created > 0 || attempts > 0) log.debug({ created, attempts }, 'webhook deliveries dispatched');
  },
});

export function webhookJobs(app: AppContext): {
  jobs: [typeof webhookDispatchJob];
  repeating: RepeatingJob[];
} {
  return {
    jobs: [webhookDispatchJob],
    repeating: [{ job: webhookDispatchJob, everyMs: app.config.WEBHOOK_DISPATCH_INTERVAL_MS }],
  };
}
