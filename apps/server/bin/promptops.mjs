#!/usr/bin/env node
// Entry point of the `promptops` command. Builds the server and web app first when their
// output is missing or older than the sources, so `npm start` works straight after `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(serverDir, '..', '..');
const bundle = path.join(serverDir, 'dist', 'main.js');
const webIndex = path.join(repoRoot, 'apps', 'web', 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(path.join(repoRoot, s)) > built);
}

const command = process.argv[2] ?? 'start';
const needsWeb = command === 'start' || command === 'server';
// The client commands (a CI job pushing prompts) need only the server bundle, which builds in seconds.
const clientOnly = ['prompts', 'eval', 'help', '--help', '-h'].includes(command);
const sourceDirs = [
  'apps/server/src',
  'packages/contracts/src',
  'packages/metrics/src',
  'packages/templates/src',
  'packages/client/src',
  'packages/cli/src',
];
const webSources = ['apps/web/src', 'packages/contracts/src'];
const isSourceCheckout = existsSync(path.join(serverDir, 'src'));

if (
  isSourceCheckout &&
  (stale(bundle, sourceDirs) ||
    (needsWeb && existsSync(path.join(repoRoot, 'apps/web/src')) && stale(webIndex, webSources)))
) {
  console.error('promptops: building (first start or sources changed)…');
  const result = spawnSync(
    'npm',
    clientOnly ? ['run', 'build', '-w', '@promptops/server'] : ['run', 'build'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(new URL('../dist/main.js', import.meta.url).href);
