import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { migrationsDir } from '../../paths.js';
import type { Database } from './database.js';

// Arbitrary constant: only one process at a time applies migrations.
const MIGRATION_LOCK = 7_431_904_221;

export async function runMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder: migrationsDir });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

export interface MigrationStatus {
  expected: number;
  applied: number;
  current: boolean;
}

let journalCount: number | undefined;
async function expectedMigrations(): Promise<number> {
  if (journalCount === undefined) {
    const journal = JSON.parse(await readFile(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    journalCount = journal.entries.length;
  }
  return journalCount;
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const expected = await expectedMigrations();
  const { rows } = await database.pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM drizzle.__drizzle_migrations`,
  );
  const applied = Number(rows[0]?.n ?? 0);
  return { expected, applied, current: applied >= expected };
}
