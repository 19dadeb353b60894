import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { Database } from './schema.js';

/** What `copyTransaction` needs of an open database: its pool, and the PGlite instance when embedded. */
interface CopyTarget {
  pool: pg.Pool;
  /** PGlite's own COPY (`/dev/blob`): COPY FROM STDIN does not pass through pglite-socket. */
  lite?: { query(sql: string, params: unknown[], options: { blob: Blob }): Promise<{ affectedRows?: number }> };
}

const targets = new WeakMap<Kysely<Database>, CopyTarget>();

/** Called by `openDatabase`: makes `copyTransaction` available on this database. */
export function registerCopyTarget(db: Kysely<Database>, target: CopyTarget): void {
  targets.set(db, target);
}

/**
 * True for the embedded database (PGlite): one session, so a transaction holds back every other
 * request until it ends. Long imports do their CPU work before opening it (progress stays visible).
 */
export function singleSession(db: Kysely<Database>): boolean {
  return targets.get(db)?.lite !== undefined;
}

export interface CopyTransaction {
  /** Kysely bound to the transaction's connection. */
  trx: Kysely<Database>;
  /**
   * COPY … FROM in text format (tab-separated, `\N` for null; see `copyText`) into `table`, inside the
   * transaction. Chunks may be produced while the server is already reading earlier ones.
   */
  copyIn(table: string, columns: readonly string[], chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>, options?: CopyOptions): Promise<number>;
}

/** COPY's own CSV reading (with a header line), for comparing with PostgreSQL's COPY of a file. */
export interface CopyOptions {
  csv?: boolean;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A transaction that can also bulk-load with COPY, the fastest way into PostgreSQL (about 10× batched
 * INSERT). On PostgreSQL the data streams through pg-copy-streams; on PGlite, which is one session, PGlite's
 * own COPY from a blob runs between the transaction's statements, inside the same transaction.
 * Needs the database opened by `openDatabase` (not a transaction).
 */
export async function copyTransaction<T>(db: Kysely<Database>, fn: (t: CopyTransaction) => Promise<T>): Promise<T> {
  const target = targets.get(db);
  if (!target) throw new Error('copyTransaction needs the database returned by openDatabase, not a transaction');
  const client = await target.pool.connect();
  // Kysely over this one connection: its statements and the COPY share the transaction.
  const single: PostgresPool = { connect: async () => wrapped, end: async () => {} };
  const wrapped = { query: client.query.bind(client), release: () => {} } as unknown as Awaited<ReturnType<PostgresPool['connect']>>;
  const trx = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  const copyIn: CopyTransaction['copyIn'] = async (table, columns, chunks, options) => {
    const cols = columns.map(ident).join(', ');
    const format = options?.csv ? ' with (format csv, header true)' : '';
    if (target.lite) {
      const parts: Array<string | Buffer> = [];
      for await (const c of chunks) parts.push(c);
      const r = await target.lite.query(`copy ${ident(table)} (${cols}) from '/dev/blob'${format}`, [], { blob: new Blob(parts as BlobPart[]) });
      return r.affectedRows ?? 0;
    }
    const stream = client.query(copyFrom(`copy ${ident(table)} (${cols}) from stdin${format}`));
    await pipeline(Readable.from(chunks, { objectMode: false }), stream);
    return stream.rowCount;
  };
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const out = await fn({ trx, copyIn });
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch((err: Error) => {
      broken = err;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

/** A value as COPY text format writes it: `\N` for null, backslash escapes for \, tab, newline and CR. */
export function copyText(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}
