import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import { EVALUATION_ATTEMPTS, runEvaluation } from './evaluation-runner.js';
import { markFailed } from './evaluations.repository.js';
import { emitEvaluationFinished } from './finished-event.js';

/** One evaluation run; its items are the (item, variant, repetition) triples. */
export const evaluationJob = defineJob({
  name: 'evaluation-run',
  payload: z.object({ evaluationId: z.uuid() }),
  // Its own queue: a long evaluation never delays health checks or other jobs.
  queue: 'evaluations',
  concurrency: 2,
  attempts: EVALUATION_ATTEMPTS,
  backoff: { type: 'exponential', delayMs: 5_000, maxDelayMs: 300_000 },
  handler: runEvaluation,
  // Its last worker died: the evaluation ends failed with the results it has (summary kept).
  gaveUp: async (tx, payload, reason) => {
    const row = await markFailed(tx, payload.evaluationId, `The evaluation stopped: ${reason}`);
    if (row) await emitEvaluationFinished(tx, row, 'failed', row.summary);
  },
});

export function evaluationJobs(): { jobs: [typeof evaluationJob] } {
  return { jobs: [evaluationJob] };
}
