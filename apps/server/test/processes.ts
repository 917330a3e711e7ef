import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect } from 'vitest';
import { TEST_PASSWORD, uniqueEmail } from './harness.js';

// The real `promptops` command in child processes (through tsx, from the sources), for tests that
// kill a process with SIGKILL and check what another process makes of what it left behind.
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The command with the test-only job kinds registered. */
const ENTRY = 'apps/server/test/fixtures/job-entry.ts';

export interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: Child[] = [];

afterAll(async () => {
  for (const c of children)
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
});

/** Starts `promptops <command>` with a minimal environment plus `env`; killed after the file's tests. */
export function promptops(command: 'worker' | 'start' | 'server', env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ENTRY, command], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'info',
      HEALTH_CHECK_INTERVAL_MS: '3600000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const child = { proc, output: () => out, exited };
  children.push(child);
  return child;
}

/** The address a started `promptops start|server` listens on, from its start-up log line. */
export async function listeningUrl(child: Child): Promise<string> {
  return until('the server to listen', () => /"url":"(http:\/\/[^"]+)"/.exec(child.output())?.[1]);
}

/** Polls `fn` until it returns a value; on timeout the error shows each child's last output. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 150_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) {
      const tails = children.map((c) => `--- pid ${c.proc.pid}:\n${c.output().slice(-3000)}`).join('\n');
      throw new Error(`timed out waiting for ${what}\n${tails}`);
    }
    await sleep(50);
  }
}

/** A signed-up account calling the API at `base` (which changes when a restarted server listens anew). */
/** A signed-up account calling the API at `base` over HTTP (`base` changes when a restarted server listens anew). */
export interface Client {
  base: string;
  orgId: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function signUp(base: string, organizationName = 'Crash Org'): Promise<Client> {
  const res = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: uniqueEmail('crash'),
      password: TEST_PASSWORD,
      name: 'Crash Tester',
      organizationName,
    }),
  });
  const session = (await res.json()) as { accessToken: string; organization: { id: string } };
  expect(res.status).toBe(201);
  const client: Client = {
    base,
    orgId: session.organization.id,
    async call(method, p, payload) {
      const r = await fetch(`${client.base}/api/v1/orgs/${client.orgId}${p}`, {
        method,
        headers: {
          authorization: `Bearer ${session.accessToken}`,
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    },
  };
  return client;
}
