import type { WorkflowRunEvents, WorkflowStep } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { EventStream } from '../../platform/http/sse.js';
import { runChanges } from './workflow-runner.js';
import { getRun } from './workflows.service.js';
import type { OrgContext } from '../../platform/context.js';

/** How often a followed run is read when no change notice arrives (its worker is another process). */
export const FOLLOW_POLL_MS = 250;

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Streams a run's progress as the contract's events: `node-start`/`node-end` per step visit,
 * `interrupt` when it waits at a human node, `done` when it ends (or waits: the stream closes
 * and a client follows again after resuming). The run is read from the database on every change
 * notice of this process and at least every FOLLOW_POLL_MS, so a worker in another process is
 * followed too; events are derived from what changed, so none is lost or repeated.
 */
export function followRun(
  app: AppContext,
  ctx: OrgContext,
  runId: string,
  stream: EventStream<WorkflowRunEvents>,
  opts: { onEnd: () => void },
): { stop: () => void } {
  const seen = new Map<string, WorkflowStep['status']>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  let again = false;
  const changes = runChanges(app);
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    changes.off(runId, onChange);
  };
  const end = () => {
    stop();
    stream.end();
    opts.onEnd();
  };
  const tick = async () => {
    if (stopped) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    clearTimeout(timer);
    try {
      do {
        again = false;
        const run = await getRun(app, ctx, runId);
        if (stopped) return;
        for (const step of run.steps) {
          const key = `${step.nodeId}#${step.iteration}`;
          const before = seen.get(key);
          if (before === step.status) continue;
          if (before === undefined)
            stream.send('node-start', {
              nodeId: step.nodeId,
              nodeType: step.nodeType,
              iteration: step.iteration,
            });
          if (step.status !== 'running') {
            stream.send('node-end', {
              nodeId: step.nodeId,
              nodeType: step.nodeType,
              iteration: step.iteration,
              status: step.status,
              output: step.output,
              ...(step.error ? { error: step.error } : {}),
              ...(step.usage ? { usage: step.usage } : {}),
              costUsd: step.costUsd,
            });
          }
          seen.set(key, step.status);
        }
        if (run.status === 'waiting' && run.waiting) {
          stream.send('interrupt', run.waiting);
          stream.send('done', { run });
          end();
          return;
        }
        if (ENDED.has(run.status)) {
          stream.send('done', { run });
          end();
          return;
        }
      } while (again && !stopped);
    } catch (err) {
      app.log.error({ err, runId }, 'workflow run stream failed');
      stream.send('error', {
        problem: { title: 'Internal Server Error', status: 500, detail: 'The run could not be read' },
      });
      end();
      return;
    } finally {
      reading = false;
    }
    await stream.drained();
    if (!stopped) timer = setTimeout(() => void tick(), FOLLOW_POLL_MS);
  };
  const onChange = () => void tick();
  changes.on(runId, onChange);
  void tick();
  return { stop };
}
