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
  /** Embedded only: the whole data directory as one uncompressed tarball (see `embeddedSeed`). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** Embedded only: folder for the database files; `memory://` keeps it in memory. */
  dataDir?: string;
  /**
   * Embedded only: start from this data directory (a `dumpDataDir()` tarball) instead of an empty
   * one. Creating an empty PGlite database runs initdb inside WASM, which takes seconds; loading a
   * dump of one that is already initialised and migrated takes a fraction of that.
   */
  embeddedSeed?: Blob;
  poolSize: number;
}

/**
 * A connection the server ends (a restart, a failover, an administrator) raises an error event on
 * its client: the pool drops an idle one and the next query opens a new one, and a query in flight
 * fails on its own, so the event itself must not take the process down. `pool.end()` resolves
 * before the connections have closed; the function returned waits until they have.
 */
function watchConnections(pool: pg.Pool): () => Promise<void> {
  const open = new Set<pg.PoolClient>();
  let allClosed: (() => void) | undefined;
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    open.add(client);
    client.on('error', () => undefined);
    client.once('end', () => {
      open.delete(client);
      if (open.size === 0) allClosed?.();
    });
  });
  return () => (open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allClosed = resolve)));
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize });
    const closed = watchConnections(pool);
    await pool.query('SELECT 1');
    return {
      kind: 'postgres',
      pool,
      db: drizzle(pool, { schema }),
      async close() {
        await pool.end();
        await closed();
      },
    };
  }
  return openEmbedded(opts.dataDir ?? 'memory://', opts.embeddedSeed);
}

// PGlite is one Postgres session. The socket server multiplexes several client connections onto
// it, but a statement from one connection arriving while another connection is inside a
// transaction is answered wrongly ("unnamed prepared statement does not exist", or rows from
// the other session's view). One connection makes the pool queue statements instead; PGlite
// executes one at a time anyway, so nothing is lost. Code inside a transaction must therefore
// use its transaction handle, never the pool (it would wait for itself).
const EMBEDDED_POOL_SIZE = 1;
// pg's pool drops a client after a query error and connects anew at once, before the socket
// server has noticed the old socket closing; headroom above the pool size keeps that reconnect
// from being refused as "too many connections".
const EMBEDDED_SOCKET_CONNECTIONS = 8;

async function openEmbedded(dataDir: string, seed?: Blob): Promise<Database> {
  const poolSize = EMBEDDED_POOL_SIZE;
  // Loaded lazily: a server on PostgreSQL never pays for the WASM build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = path.resolve(dataDir, 'pgdata');
    await mkdir(location, { recursive: true });
  }
  const pglite = await PGlite.create(location, seed ? { loadDataDir: seed } : {});
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_SOCKET_CONNECTIONS,
  });
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
    dumpDataDir: () => pglite.dumpDataDir('none') as Promise<Blob>,
    async close() {
      await pool.end();
      await server.stop();
      await pglite.close();
    },
  };
}
