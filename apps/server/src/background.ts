import type { AppContext } from './platform/app-context.js';
import { OutboxRelay } from './platform/events/outbox-relay.js';
import { JobRunner, type JobDefinition, type RepeatingJob } from './platform/jobs/index.js';
import { PRUNE_EVERY_MS, pruneJob } from './platform/jobs/prune.job.js';
import { healthJobs } from './modules/health/health.jobs.js';
import { executionJobs } from './modules/executions/executions.jobs.js';
import { evaluationJobs } from './modules/evaluations/evaluations.jobs.js';
import { analyticsJobs } from './modules/analytics/analytics.jobs.js';
import { webhookJobs } from './modules/webhooks/webhooks.jobs.js';
import { workflowJobs } from './modules/workflows/workflows.jobs.js';

const extraJobs: JobDefinition[] = [];

/**
 * For test entry points only: job kinds that exist just for a test (registered before main runs).
 * The product's job kinds are listed in `startBackgroundWork`.
 */
export function registerExtraJobs(...defs: JobDefinition[]): void {
  extraJobs.push(...defs);
}

export interface BackgroundWork {
  readonly jobs: JobRunner;
  readonly relay: OutboxRelay;
  close(): Promise<void>;
}

/** Every job kind and repeating job of the product: a module's jobs are added here. */
function jobList(app: AppContext): { jobs: JobDefinition[]; repeating: RepeatingJob[] } {
  const health = healthJobs(app);
  const executions = executionJobs(app);
  const analytics = analyticsJobs(app);
  const webhooks = webhookJobs(app);
  return {
    jobs: [
      ...health.jobs,
      ...executions.jobs,
      ...evaluationJobs().jobs,
      ...workflowJobs().jobs,
      ...analytics.jobs,
      ...webhooks.jobs,
      pruneJob,
      ...extraJobs,
    ],
    repeating: [
      ...health.repeating,
      ...executions.repeating,
      ...analytics.repeating,
      ...webhooks.repeating,
      { job: pruneJob, everyMs: PRUNE_EVERY_MS },
    ],
  };
}

/** Starts the job runner and the outbox relay of this process; close the result to stop them. */
export function startBackgroundWork(app: AppContext): BackgroundWork {
  const { jobs: definitions, repeating } = jobList(app);
  const config = app.config;
  const jobs = new JobRunner(app, definitions, repeating, {
    leaseMs: config.JOBS_LEASE_MS,
    pollMs: config.JOBS_POLL_INTERVAL_MS,
    ...(config.REDIS_URL ? { redis: { url: config.REDIS_URL, prefix: config.REDIS_PREFIX } } : {}),
  });
  const relay = new OutboxRelay(app.database, app.events, app.log.child({ component: 'events' }));
  jobs.start();
  relay.start();
  app.log.info(
    { runner: jobs.kind, bus: app.events.kind, jobs: definitions.map((d) => d.name) },
    'background work started',
  );
  return {
    jobs,
    relay,
    async close() {
      await jobs.close();
      await relay.close();
    },
  };
}
