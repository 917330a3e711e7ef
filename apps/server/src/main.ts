import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config.js';
import { CLI_HELP } from '@promptops/cli/help';
import type { AppContext } from './platform/app-context.js';
import type { BackgroundWork } from './background.js';

// The server loads on demand: the client commands (prompts, eval) and help start without it.
const server = () => import('./app.js');
const bootstrap = () => import('./bootstrap.js');

const HELP = `Usage: promptops <command>

Commands:
  start       API, web UI and background work in one process (default)
  server      the API and web UI
  worker      background jobs and the event relay only, no HTTP (PostgreSQL only)
  migrate     apply database migrations and exit
  keys rotate re-encrypt every provider key under PROMPTOPS_MASTER_KEY (see docs/operations.md)
  mock-llm    a local OpenAI/Anthropic-compatible simulator (--port, --key, --latency, --chunk-gap, --chunks)
  prompts     pull, push and promote prompts as YAML files (a server's client; see below)
  eval        run an evaluation and gate on its scores (a server's client; see below)
  help        this text

${CLI_HELP}

Configuration is read from the environment; see docs/configuration.md.`;

async function cli(command: 'prompts' | 'eval', args: string[]) {
  // Only the HTTP client loads: these commands never open a database.
  const { runCli } = await import('@promptops/cli');
  process.exitCode = await runCli(command, args);
}

/** Encrypts secrets stored before header encryption and signs pre-existing audit checkpoints. */
async function upgradeSecrets(ctx: AppContext): Promise<void> {
  const { upgradeStoredSecrets } = await import('./modules/keys/keys.service.js');
  const done = await upgradeStoredSecrets(ctx);
  if (done.providers > 0 || done.checkpoints > 0) {
    ctx.log.warn(
      { providers: done.providers, auditCheckpoints: done.checkpoints },
      'upgraded stored secrets (encrypted plain header values, recomputed key hints) and signed audit checkpoints',
    );
  }
}

async function startJobs(ctx: AppContext): Promise<BackgroundWork> {
  const { startBackgroundWork } = await import('./background.js');
  return startBackgroundWork(ctx);
}

/** SIGTERM/SIGINT: run `stop` (bounded to 15 s), then exit. */
function onShutdown(ctx: AppContext, stop: () => Promise<void>) {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      ctx.log.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await stop();
      await (await bootstrap()).closeAppContext(ctx);
      process.exit(0);
    } catch (err) {
      ctx.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function serve(withJobs: boolean) {
  const started = performance.now();
  const config = loadConfig();
  const ctx = await (await bootstrap()).createAppContext(config);
  await upgradeSecrets(ctx);
  const app = await (await server()).buildApp(ctx, { webDir: config.PROMPTOPS_WEB_DIR });
  const scheduler = withJobs ? await startJobs(ctx) : undefined;
  onShutdown(ctx, async () => {
    // Drain HTTP first, then let running jobs finish.
    await app.close();
    await scheduler?.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  ctx.log.info(
    {
      url: `http://${config.HOST}:${port}`,
      database: ctx.database.kind,
      redis: Boolean(ctx.redis),
      jobs: scheduler?.jobs.kind ?? 'off',
      startupMs: Math.round(performance.now() - started),
    },
    'PromptOps is ready',
  );
}

async function worker() {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    // The embedded database lives inside one process: a second process opening it would corrupt it.
    console.error(
      'promptops worker needs DATABASE_URL (PostgreSQL); with the embedded database use `promptops start`.',
    );
    process.exit(78);
  }
  const ctx = await (await bootstrap()).createAppContext(config);
  const scheduler = await startJobs(ctx);
  onShutdown(ctx, () => scheduler.close());
  // The runner's timers are unref'd; this keeps the worker alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
  ctx.log.info({ database: ctx.database.kind, jobs: scheduler.jobs.kind }, 'PromptOps worker is running');
}

async function rotateKeys() {
  const config = loadConfig();
  const ctx = await (await bootstrap()).createAppContext(config);
  try {
    const { rotateProviderKeys } = await import('./modules/keys/keys.service.js');
    const summary = await rotateProviderKeys(ctx);
    console.log(
      `Re-encrypted ${summary.rotated} provider key(s) in ${summary.organizations} organization(s) under master key ${summary.currentKeyId}.`,
    );
    console.log(`Stored keys by master key id: ${JSON.stringify(summary.keysByKeyId)}`);
    console.log(`Re-signed ${summary.checkpointsSigned} audit checkpoint(s).`);
    for (const f of summary.failed) {
      console.error(
        `  could not re-encrypt provider ${f.providerId} (org ${f.orgId}, key id ${f.keyId}): ${f.error}`,
      );
    }
    if (summary.failed.length > 0) {
      console.error(
        `${summary.failed.length} key(s) are still under an old master key: add it to PROMPTOPS_PREVIOUS_MASTER_KEYS and run again.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await (await bootstrap()).closeAppContext(ctx);
  }
}

async function migrateOnly() {
  const config = loadConfig();
  const ctx = await (await bootstrap()).createAppContext(config);
  ctx.log.info({ database: ctx.database.kind }, 'migrations applied');
  await (await bootstrap()).closeAppContext(ctx);
}

async function mockLlm(args: string[]) {
  const { startMockLlm, parseMockLlmArgs } = await import('./mock-llm/index.js');
  const server = await startMockLlm(parseMockLlmArgs(args));
  console.log(`mock-llm listening on ${server.url} (OpenAI: ${server.url}/v1, Anthropic: ${server.url})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

export async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await serve(true);
      case 'server':
        return await serve(false);
      case 'worker':
        return await worker();
      case 'keys':
        if (rest[0] === 'rotate') return await rotateKeys();
        console.error(`Unknown keys command "${rest[0] ?? ''}".\n\n${HELP}`);
        process.exit(2);
        return;
      case 'migrate':
        return await migrateOnly();
      case 'mock-llm':
        return await mockLlm(rest);
      case 'prompts':
      case 'eval':
        return await cli(command, rest);
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return;
      default:
        console.error(`Unknown command "${command}".\n\n${HELP}`);
        process.exit(2);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    console.error(`promptops ${command} failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

await main(process.argv.slice(2));
