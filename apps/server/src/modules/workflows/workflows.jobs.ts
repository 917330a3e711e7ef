import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import { runWorkflow, WORKFLOW_RUN_ATTEMPTS } from './workflow-runner.js';
import { transitionRun } from './workflows.repository.js';

/** One attempt of a workflow run: from its start, its last checkpoint or a resumed human node. */
export const workflowRunJob = defineJob({
  name: 'workflow-run',
  payload: z.object({ runId: z.uuid() }),
  // Its own queue: long workflows never delay evaluations, health checks or webhooks.
  queue: 'workflows',
  concurrency: 20,
  attempts: WORKFLOW_RUN_ATTEMPTS,
  backoff: { type: 'exponential', delayMs: 2_000, maxDelayMs: 60_000 },
  handler: runWorkflow,
  // Its last worker died: the run ends failed with the steps it has.
  gaveUp: async (tx, payload, reason) => {
    await transitionRun(tx, payload.runId, ['queued', 'running'], {
      status: 'failed',
      error: `The run stopped: ${reason}`,
      endedAt: new Date(),
    });
  },
});

export function workflowJobs(): { jobs: [typeof workflowRunJob] } {
  return { jobs: [workflowRunJob] };
}
