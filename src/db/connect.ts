import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';
import type { DbConfig } from './config.js';
import { registerCopyTarget } from './copy.js';

// pg returns bigint/numeric as strings; counts in this code base are small enough for numbers.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
// Dates (no time) stay ISO strings: a calendar date must not shift with the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  backend: 'pglite' | 'postgres';
  /** Connection string other tools can use (the embedded server listens on 127.0.0.1). */
  connectionString: string;
  close(): Promise<void>;
}

/**
 * Opens the database. Both backends are reached through the same `pg` driver and Kysely
 * PostgresDialect: PGlite is served over the PostgreSQL wire protocol by pglite-socket on a
 * loopback port, so store code, type parsing and COPY behave identically on both.
 */
export async function openDatabase(config: DbConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 8 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    registerCopyTarget(db, { pool });
    return {
      db,
      pool,
      backend: 'postgres',
      connectionString: config.databaseUrl,
      close: async () => {
        await db.destroy();
      },
    };
  }
  return openEmbedded(path.join(config.dataDir, 'pgdata'));
}

/** Opens (creating on first use) an embedded PGlite database in `dir`. */
export async function openEmbedded(dir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const releaseLock = lockDataDir(dir);
  const lite = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0 });
  await server.start();
  const connectionString = `postgres://postgres@${server.getServerConn()}/postgres`;
  // PGlite is a single session: one pooled connection, so a transaction never interleaves
  // with another request's statements. Inside a transaction use the transaction handle only.
  const pool = new pg.Pool({ connectionString, max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerCopyTarget(db, { pool, lite });
  return {
    db,
    pool,
    backend: 'pglite',
    connectionString,
    close: async () => {
      await db.destroy();
      await server.stop();
      await lite.close();
      releaseLock();
    },
  };
}

export class DatabaseInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `the embedded database ${dir} is in use by process ${pid} (a running \`bizenv serve\`?): stop it first, or set DATABASE_URL to use a PostgreSQL server`,
    );
    this.name = 'DatabaseInUseError';
  }
}

/** PGlite has one writer: a second process opening the same directory would corrupt it. */
function lockDataDir(dir: string): () => void {
  const lock = `${dir}.lock`;
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new DatabaseInUseError(dir, pid);
      } catch (e) {
        if (e instanceof DatabaseInUseError) throw e;
      }
    }
  } catch (e) {
    if (e instanceof DatabaseInUseError) throw e;
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => {
    try {
      fs.rmSync(lock);
    } catch {
      /* already gone */
    }
  };
}
