import ELK from 'elkjs/lib/elk-api';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { FlowState } from './graph-model';
import { layeredLayout, positionsFromElk, toElkGraph } from './graph-layout';

let elk: InstanceType<typeof ELK> | null = null;

/** A worker that failed to load never answers: give up on it after this long. */
const LAYOUT_TIMEOUT_MS = 15_000;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('layout timed out')), ms));
}

// ELK is a large Java-to-JS program: it runs in a Web Worker so laying out a big graph never
// freezes the canvas. One worker, made on first use.
function elkInstance(): InstanceType<typeof ELK> {
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  return elk;
}

/**
 * New positions for every node: ELK's layered layout, or — when the worker cannot start or
 * ELK fails — the plain layered layout computed here.
 */
export async function autoLayout(state: FlowState): Promise<{
  positions: Map<string, { x: number; y: number }>;
  engine: 'elk' | 'fallback';
}> {
  try {
    const result = await Promise.race([elkInstance().layout(toElkGraph(state)), timeout(LAYOUT_TIMEOUT_MS)]);
    return { positions: positionsFromElk(result), engine: 'elk' };
  } catch {
    elk?.terminateWorker();
    elk = null;
    return { positions: layeredLayout(state), engine: 'fallback' };
  }
}
