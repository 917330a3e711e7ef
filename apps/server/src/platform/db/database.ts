import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
export type Tx = PgTransaction<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can run SQL on: the pool or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** Embedded only: folder for the database files; `memory://` keeps it in memory. */
  dataDir?: string;
  poolSize: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize });
    await pool.query('SELECT 1');
    return { kind: 'postgres', pool, db: drizzle(pool, { schema }), close: () => pool.end() };
  }
  return openEmbedded(opts.dataDir ?? 'memory://', opts.poolSize);
}

async function openEmbedded(dataDir: string, poolSize: number): Promise<Database> {
  // Loaded lazily: a server on PostgreSQL never pays for the WASM build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = path.resolve(dataDir, 'pgdata');
    await mkdir(location, { recursive: true });
  }
  const pglite = await PGlite.create(location);
  // The socket server multiplexes connections onto the single PGlite session; the pool must
  // not open more connections than it accepts.
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: poolSize });
  await server.start();
  const address = server.getServerConn();
  const pool = new pg.Pool({
    connectionString: `postgres://postgres@${address}/postgres`,
    max: poolSize,
  });
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  return {
    kind: 'pglite',
    pool,
    db: drizzle(pool, { schema }),
    async close() {
      await pool.end();
      await server.stop();
      await pglite.close();
    },
  };
}
