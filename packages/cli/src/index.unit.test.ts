import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from './index.js';
import type { Output } from './output.js';

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    interactive: false,
    line: (t) => void stdout.push(t),
    error: (t) => void stderr.push(t),
    progress: (t) => void stderr.push(t),
    endProgress: () => undefined,
  };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('promptops prompts|eval: usage', () => {
  const env = { url: 'http://127.0.0.1:9', key: 'po_unused' };

  it.each([
    [['push'], '--dir is required.'],
    [['pull', '--dir', 'x', '--bogus'], "Unknown option '--bogus'"],
    [['promote', 'qa', '--label', 'production'], '--version is required.'],
    [['promote', 'qa', '--version', 'two', '--label', 'production'], '--version must be a positive integer'],
    [['promote', 'qa@production', '--version', '2', '--label', 'x'], 'promote NAME takes a plain name'],
    [['rename'], 'Unknown prompts command "rename".'],
  ])('prompts %j → exit 2 before any request', async (args, message) => {
    const out = capture();
    const code = await runCli('prompts', [...args, '--url', env.url, '--api-key', env.key], out);
    expect(code).toBe(2);
    expect(out.stderr.join('\n')).toContain(message);
  });

  it.each([
    [['run', '--dataset', 'd', '--evaluator', 'bleu'], '--prompt is required'],
    [['run', '--dataset', 'd', '--prompt', 'qa'], '--evaluator is required'],
    [['run', '--prompt', 'qa', '--evaluator', 'bleu'], '--dataset is required.'],
    [['run', '--dataset', 'd', '--prompt', 'qa', '--evaluator', 'bleu', '--min', 'bleu>3'], '--min "bleu>3"'],
    [['run', '--dataset', 'd', '--prompt', 'qa', '--evaluator', 'regex'], 'is not a valid evaluator'],
    [
      ['run', '--dataset', 'd', '--prompt', 'qa', '--evaluator', 'bleu', '--min', 'qb:bleu=3'],
      'No variant named "qb"',
    ],
  ])('eval %j → exit 2 before any request', async (args, message) => {
    const out = capture();
    // Port 9 would fail to connect: exit 2 shows that validation came first.
    const code = await runCli('eval', [...args, '--url', env.url, '--api-key', env.key], out);
    expect(out.stderr.join('\n')).toContain(message);
    expect(code).toBe(2);
  });

  it('says clearly when the server cannot be reached (exit 4) or no key is set (exit 2)', async () => {
    const out = capture();
    const url = `http://127.0.0.1:${await closedPort()}`;
    expect(await runCli('prompts', ['pull', '--dir', '.', '--url', url, '--api-key', 'k'], out)).toBe(4);
    expect(out.stderr[0]).toMatch(
      /^Cannot reach the PromptOps server at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED/,
    );

    const noKey = capture();
    const saved = process.env.PROMPTOPS_API_KEY;
    delete process.env.PROMPTOPS_API_KEY;
    try {
      expect(await runCli('prompts', ['pull', '--dir', '.', '--url', url], noKey)).toBe(2);
    } finally {
      if (saved !== undefined) process.env.PROMPTOPS_API_KEY = saved;
    }
    expect(noKey.stderr[0]).toContain('No API key: set PROMPTOPS_API_KEY or pass --api-key.');
  });
});
