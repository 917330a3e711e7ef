export { defineJob, backoffDelay } from './define-job.js';
export type { Backoff, ItemOutcome, JobContext, JobDefinition, RepeatingJob } from './define-job.js';
export { enqueue, getJob, cancelJob, type EnqueueOptions, type JobStatus } from './jobs.js';
export { JobRunner, type JobRunnerOptions } from './job-runner.js';
