import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { freePort } from './server.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningMockLlm {
  /** e.g. http://127.0.0.1:4010 — the OpenAI API is under /v1. */
  url: string;
  /** Changes the simulator's behaviour at run time (latency, chunking…) through its admin API. */
  configure: (config: Record<string, number>) => Promise<void>;
  /** Queues a fault for the next matching requests (`fail`: a status or "disconnect", "hang"…). */
  queueFault: (fault: { fail: string | number; count?: number; path?: string }) => Promise<void>;
  stop: () => Promise<void>;
}

/** `promptops mock-llm` as a separate process: a real HTTP provider with rate-limit headers and faults. */
export async function startMockLlm(args: string[] = []): Promise<RunningMockLlm> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'apps/server/bin/promptops.mjs'), 'mock-llm', '--port', String(port), ...args],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  await new Promise<void>((resolve, reject) => {
    // Generous: `promptops` rebuilds the server first when its sources changed.
    const timer = setTimeout(() => reject(new Error(`mock-llm did not start:\n${log}`)), 90_000);
    const collect = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock-llm exited with ${code}:\n${log}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const admin = async (route: string, body: unknown) => {
    const response = await fetch(`${url}/_mock/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`mock-llm ${route} failed: ${response.status}`);
  };
  return {
    url,
    configure: (config) => admin('config', config),
    queueFault: (fault) => admin('faults', fault),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
