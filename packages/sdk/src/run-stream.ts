import type { Problem, Schemas } from '@promptops/client';
import { NetworkError, PromptOpsError, errorFromProblem } from './errors.js';
import { parseSse } from './sse.js';

export type Execution = Schemas['Execution'];

/** The events of a streamed run, in order: start, delta*, done (a failure is thrown instead). */
export type RunEvent =
  | { type: 'start'; executionId: string }
  | { type: 'delta'; text: string }
  | { type: 'done'; execution: Execution };

/**
 * A streamed run: iterate it for typed events (`for await (const event of stream)`), or use
 * `textStream()` for the text deltas only and `finalExecution()` for the stored run (also after
 * the text was read). It can be read once. The request starts when reading starts; `abort()` (or breaking out of the loop)
 * closes the connection, which cancels the run on the server (stored as `cancelled`).
 */
export class RunStream implements AsyncIterable<RunEvent> {
  private started = false;
  private readonly controller = new AbortController();
  /** The stored run once `done` arrived. */
  execution: Execution | undefined;
  /** The run's id once `start` arrived (also for a run that then failed or was cancelled). */
  executionId: string | undefined;

  constructor(private readonly open: (signal: AbortSignal) => Promise<Response>) {}

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  [Symbol.asyncIterator](): AsyncIterator<RunEvent> {
    return this.events();
  }

  /** Only the text, chunk by chunk as the model writes it. */
  async *textStream(): AsyncGenerator<string> {
    for await (const event of this) if (event.type === 'delta') yield event.text;
  }

  /**
   * Reads the stream to its end and returns the stored run; after the stream was already read to
   * its end (e.g. through `textStream()`), returns that run.
   */
  async finalExecution(): Promise<Execution> {
    if (this.started) {
      if (this.execution) return this.execution;
      throw new PromptOpsError('The run stream is being read (or ended without its result)');
    }
    for await (const event of this) if (event.type === 'done') return event.execution;
    throw new NetworkError('The run stream ended without its result');
  }

  private async *events(): AsyncGenerator<RunEvent> {
    if (this.started) throw new PromptOpsError('A run stream can be read once');
    this.started = true;
    const response = await this.open(this.controller.signal);
    if (!response.body) throw new NetworkError('The run stream has no body');
    try {
      for await (const message of parseSse(response.body)) {
        const data = JSON.parse(message.data) as Record<string, unknown>;
        switch (message.event) {
          case 'start':
            this.executionId = data.executionId as string;
            yield { type: 'start', executionId: this.executionId };
            break;
          case 'delta':
            yield { type: 'delta', text: data.text as string };
            break;
          case 'done':
            this.execution = data.execution as Execution;
            yield { type: 'done', execution: this.execution };
            return;
          case 'error': {
            const problem = data.problem as Problem & { retryAfterSeconds?: number };
            const retryAfter =
              typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds * 1000 : null;
            throw errorFromProblem(problem.status, problem, retryAfter);
          }
        }
      }
      throw new NetworkError('The run stream ended before the run finished');
    } catch (error) {
      if (error instanceof PromptOpsError || this.controller.signal.aborted) throw error;
      throw new NetworkError('The run stream broke off', { cause: error });
    } finally {
      // Also when the reader stopped early: closing the connection cancels the run.
      this.controller.abort();
    }
  }
}
