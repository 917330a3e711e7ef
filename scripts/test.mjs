#!/usr/bin/env node
// `npm test`: builds what the end-to-end specs serve, then runs every Vitest project.
// Extra arguments go to Vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const onlyUnit = args.includes('--project') && !args.some((a) => a === 'e2e');
if (!onlyUnit) run('npm', ['run', 'build']);
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=./scripts/summary-reporter.ts', ...args]);
