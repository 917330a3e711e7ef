import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';
import { runMigrations } from '../src/platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** File holding a dump of a migrated embedded database (server:pglite). */
    pgliteTemplateFile?: string;
    /** Name of a migrated PostgreSQL database to clone with CREATE DATABASE … TEMPLATE (server:postgres). */
    postgresTemplate?: string;
  }
}

/**
 * Global setup of the integration projects: migrate one database per run, then let every test
 * file clone it instead of creating and migrating its own. Which kind is chosen by the project's
 * PROMPTOPS_TEST_DB, as in the harness.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = project.config.env?.PROMPTOPS_TEST_DB;
  if (kind === 'postgres') return preparePostgresTemplate(project);
  return preparePgliteTemplate(project);
}

async function preparePgliteTemplate(project: TestProject): Promise<() => Promise<void>> {
  const database = await openDatabase({ dataDir: 'memory://', poolSize: 1 });
  try {
    await runMigrations(database);
    const dump = await database.dumpDataDir!();
    const dir = await mkdtemp(path.join(tmpdir(), 'promptops-template-'));
    const file = path.join(dir, 'pgdata.tar');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplateFile', file);
    return () => rm(dir, { recursive: true, force: true });
  } finally {
    await database.close();
  }
}

async function preparePostgresTemplate(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('server:postgres needs TEST_DATABASE_URL');
  const name = `promptops_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 1 });
  try {
    await runMigrations(database);
  } finally {
    // CREATE DATABASE … TEMPLATE refuses a template that has open connections.
    await database.close();
  }
  project.provide('postgresTemplate', name);
  return () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function adminQuery(baseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let seed: Promise<Blob> | undefined;
/** The migrated embedded database as a Blob, read once per worker. */
export function pgliteSeed(file: string): Promise<Blob> {
  seed ??= readFile(file).then((bytes) => new Blob([bytes]));
  return seed;
}
