import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { closeAppContext, createAppContext } from './bootstrap.js';

const HELP = `Usage: promptops <command>

Commands:
  start       API, web UI and background work in one process (default)
  server      the API and web UI
  migrate     apply database migrations and exit
  mock-llm    a local OpenAI/Anthropic-compatible simulator (--port, --key, --latency, --chunk-gap, --chunks)
  help        this text

Configuration is read from the environment; see docs/configuration.md.`;

async function serve() {
  const started = performance.now();
  const config = loadConfig();
  const ctx = await createAppContext(config);
  const app = await buildApp(ctx, { webDir: config.PROMPTOPS_WEB_DIR });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.log.info({ signal }, 'shutting down: draining HTTP connections');
    const force = setTimeout(() => {
      ctx.log.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      await closeAppContext(ctx);
      process.exit(0);
    } catch (err) {
      ctx.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  ctx.log.info(
    {
      url: `http://${config.HOST}:${port}`,
      database: ctx.database.kind,
      redis: Boolean(ctx.redis),
      startupMs: Math.round(performance.now() - started),
    },
    'PromptOps is ready',
  );
}

async function migrateOnly() {
  const config = loadConfig();
  const ctx = await createAppContext(config);
  ctx.log.info({ database: ctx.database.kind }, 'migrations applied');
  await closeAppContext(ctx);
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
      case 'server':
        return await serve();
      case 'migrate':
        return await migrateOnly();
      case 'mock-llm':
        return await mockLlm(rest);
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
