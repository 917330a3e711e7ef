import type { ExecutedMessage } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { countChatBounded, countTextBounded, type Encoding } from '../../platform/llm/token-count.js';
import * as repo from './executions.repository.js';

interface TrackedRun {
  messages: ExecutedMessage[];
  encoding: Encoding;
  chunks: string[];
  inputTokens: number | null;
}

export interface TrackedHandle {
  append(text: string): void;
  /** The output so far. */
  output(): string;
  end(): void;
}

/**
 * The runs this process has in flight. While any is running, one statement per heartbeat
 * interval marks them all alive and saves their output and token counts so far, so a run
 * orphaned by a crash is marked `interrupted` (by the reconciler, in any process) with what was
 * seen until then.
 */
export class RunTracker {
  private readonly runs = new Map<string, TrackedRun>();
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(private readonly app: AppContext) {}

  begin(id: string, run: { messages: ExecutedMessage[]; encoding: Encoding }): TrackedHandle {
    const tracked: TrackedRun = { ...run, chunks: [], inputTokens: null };
    this.runs.set(id, tracked);
    if (!this.timer) {
      this.timer = setInterval(() => void this.beat(), this.app.config.RUN_HEARTBEAT_MS);
      this.timer.unref();
    }
    return {
      append: (text) => void tracked.chunks.push(text),
      output: () => tracked.chunks.join(''),
      end: () => {
        this.runs.delete(id);
        if (this.runs.size === 0 && this.timer) {
          clearInterval(this.timer);
          this.timer = undefined;
        }
      },
    };
  }

  /** Writes one heartbeat now (the interval calls it; a beat still writing is not overlapped). */
  async beat(): Promise<void> {
    if (this.beating) return this.beating;
    this.beating = this.writeBeat().finally(() => {
      this.beating = undefined;
    });
    return this.beating;
  }

  private async writeBeat(): Promise<void> {
    const batch: repo.RunHeartbeat[] = [];
    for (const [id, run] of this.runs) {
      run.inputTokens ??= (await countChatBounded(run.messages, run.encoding)).tokens;
      const output = run.chunks.join('');
      batch.push({
        id,
        output,
        inputTokens: run.inputTokens,
        outputTokens: (await countTextBounded(output, run.encoding)).tokens,
      });
    }
    if (batch.length === 0) return;
    try {
      await repo.heartbeat(this.app.db, batch);
    } catch (err) {
      this.app.log.warn({ err, runs: batch.length }, 'run heartbeat failed');
    }
  }
}

const trackers = new WeakMap<AppContext, RunTracker>();

export function runTracker(app: AppContext): RunTracker {
  let tracker = trackers.get(app);
  if (!tracker) {
    tracker = new RunTracker(app);
    trackers.set(app, tracker);
  }
  return tracker;
}
