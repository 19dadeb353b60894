import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
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
    pool.on('error', ignoreIdleClientError);
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

/**
 * Opens (creating on first use) an embedded PGlite database in `dir`.
 *
 * The application reaches PGlite through the PostgreSQL wire protocol, served on a Unix socket in a
 * fresh directory of mode 0700 (no TCP listener): no other local account can reach the database,
 * read its password hashes or hold its single connection. The data directory is made 0700 too.
 */
export async function openEmbedded(dir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  const releaseLock = await lockDataDir(dir);
  let lite: InstanceType<typeof PGlite> | undefined;
  let socketDir: string | undefined;
  try {
    lite = await PGlite.create(dir);
    // PGlite (Emscripten's file system) creates its files 0666 whatever the umask: the data
    // directory and its parent are made owner-only, so no other account can reach any of them.
    fs.chmodSync(dir, 0o700);
    fs.chmodSync(path.dirname(dir), 0o700);
    socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-db-')); // created 0700
    const server = new PGLiteSocketServer({ db: lite, path: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) });
    await server.start();
    fs.chmodSync(path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), 0o600);
    const connectionString = `postgres://postgres@/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
    // PGlite is a single session: one pooled connection, so a transaction never interleaves
    // with another request's statements. Inside a transaction use the transaction handle only.
    const pool = new pg.Pool({ host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', max: 1 });
    pool.on('error', ignoreIdleClientError);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    registerCopyTarget(db, { pool, lite });
    const sockets = socketDir;
    const liteDb = lite;
    return {
      db,
      pool,
      backend: 'pglite',
      connectionString,
      close: async () => {
        await db.destroy();
        await server.stop();
        await liteDb.close();
        fs.rmSync(sockets, { recursive: true, force: true });
        releaseLock();
      },
    };
  } catch (e) {
    await lite?.close().catch(() => undefined);
    if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
    releaseLock();
    throw e;
  }
}

/**
 * An idle pooled connection that the server closes (restart, shutdown) emits 'error' on the pool;
 * without a listener that would end the process. pg drops the client; the next query reconnects.
 */
function ignoreIdleClientError(): void {}

/** The port number in the socket's file name (`.s.PGSQL.<port>`, as libpq and pg expect). */
const SOCKET_PORT = 5432;

export class DatabaseInUseError extends Error {
  constructor(dir: string, pid: number | null) {
    super(
      `the embedded database ${dir} is in use by ${pid ? `process ${pid}` : 'another process'} (a running \`bizenv serve\`?): stop it first, or set DATABASE_URL to use a PostgreSQL server`,
    );
    this.name = 'DatabaseInUseError';
  }
}

/**
 * PGlite has one writer: a second process opening the same directory would corrupt it. The lock is
 * an OS-level one that dies with the process, whatever way it ends: a listening socket in Linux's
 * abstract namespace, whose name is derived from the directory's path and a random secret kept next
 * to it (owner-only), so no other account can take the name and block the start. A second opener
 * finds the name in use and learns the holder's pid from it.
 */
async function lockDataDir(dir: string): Promise<() => void> {
  const secretFile = `${dir}.lock-secret`;
  try {
    fs.writeFileSync(secretFile, crypto.randomBytes(16).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const secret = fs.readFileSync(secretFile, 'utf8').trim();
  const name = `\0bizenv-db-${crypto
    .createHash('sha256')
    .update(`${secret}\n${fs.realpathSync(path.dirname(dir))}/${path.basename(dir)}`)
    .digest('hex')
    .slice(0, 40)}`;
  const server = net.createServer((s) => s.end(String(process.pid)));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(name, () => resolve());
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    throw new DatabaseInUseError(dir, await holderPid(name));
  }
  server.unref();
  return () => {
    server.close();
  };
}

function holderPid(name: string): Promise<number | null> {
  return new Promise((resolve) => {
    let data = '';
    const c = net.connect(name);
    c.setTimeout(3000, () => c.destroy()); // the holder answers at once; a machine under load may take a while
    c.on('data', (d) => {
      data += d;
    });
    c.on('close', () => resolve(/^\d+$/.test(data) ? Number(data) : null));
    c.on('error', () => resolve(null));
  });
}
