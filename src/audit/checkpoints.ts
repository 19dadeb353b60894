import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { canonicalJson } from '../shared/index.js';

/**
 * Anchors of the audit chain outside the database. The hash chain shows a removed or altered row in
 * the middle, but not the deletion of the newest rows or a rewritten tail: whoever can write the
 * database can also re-chain what follows. A checkpoint records the chain head (row count, last id,
 * last hash) signed with an HMAC key kept outside the database (`BIZENV_AUDIT_KEY_FILE`, default
 * `<data dir>/keys/audit-checkpoint.key`, owner-only), appended to `<data dir>/audit-checkpoints.jsonl`.
 * Checkpoints are written at server start, daily, and when a bulletin is issued (the bulletin also
 * prints the head); `bizenv audit verify` checks the chain against every checkpoint.
 */
export interface AuditHead {
  /** Number of rows up to and including `lastId`. */
  count: number;
  lastId: number;
  /** Hash of row `lastId` (64 zeros for an empty log). */
  hash: string;
}

export interface AuditCheckpoint extends AuditHead {
  at: string;
  /** Why it was written, e.g. `start`, `daily`, `bulletin 渝中营商通报〔2021〕3号`. */
  reason: string;
  /** HMAC-SHA256 over the other fields (canonical JSON), hex. */
  mac: string;
}

export interface CheckpointStore {
  /** The append-only file of checkpoints. */
  file: string;
  /** The HMAC key file (created with 32 random bytes on first use). */
  keyFile: string;
}

/** Where the checkpoints and their key live for a data directory (the key file may be configured elsewhere). */
export function checkpointStore(dataDir: string, keyFile?: string): CheckpointStore {
  return { file: path.join(dataDir, 'audit-checkpoints.jsonl'), keyFile: keyFile ?? path.join(dataDir, 'keys', 'audit-checkpoint.key') };
}

function key(store: CheckpointStore): Buffer {
  try {
    fs.mkdirSync(path.dirname(store.keyFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(store.keyFile, crypto.randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return Buffer.from(fs.readFileSync(store.keyFile, 'utf8').trim(), 'hex');
}

const mac = (k: Buffer, c: Omit<AuditCheckpoint, 'mac'>) =>
  crypto
    .createHmac('sha256', k)
    .update(canonicalJson({ count: c.count, lastId: c.lastId, hash: c.hash, at: c.at, reason: c.reason }))
    .digest('hex');

/** The current head of the chain. */
export async function auditHead(db: Kysely<Database>): Promise<AuditHead> {
  const last = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last) return { count: 0, lastId: 0, hash: '0'.repeat(64) };
  const { n } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { count: Number(n), lastId: Number(last.id), hash: last.hash };
}

/** Signs the current head and appends it to the checkpoint file. */
export async function writeAuditCheckpoint(db: Kysely<Database>, store: CheckpointStore, reason: string): Promise<AuditCheckpoint> {
  const head = await auditHead(db);
  const body = { ...head, at: new Date().toISOString(), reason: reason.slice(0, 200) };
  const cp: AuditCheckpoint = { ...body, mac: mac(key(store), body) };
  fs.mkdirSync(path.dirname(store.file), { recursive: true, mode: 0o700 });
  fs.appendFileSync(store.file, `${JSON.stringify(cp)}\n`, { mode: 0o600 });
  return cp;
}

/** Reads the checkpoints; a line that is not valid or whose HMAC does not match is reported, not trusted. */
export function readAuditCheckpoints(store: CheckpointStore): { checkpoints: AuditCheckpoint[]; invalid: number[] } {
  if (!fs.existsSync(store.file)) return { checkpoints: [], invalid: [] };
  const k = key(store);
  const checkpoints: AuditCheckpoint[] = [];
  const invalid: number[] = [];
  fs.readFileSync(store.file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const c = JSON.parse(line) as AuditCheckpoint;
        const expected = Buffer.from(mac(k, c), 'hex');
        const given = Buffer.from(String(c.mac), 'hex');
        if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) checkpoints.push(c);
        else invalid.push(i + 1);
      } catch {
        invalid.push(i + 1);
      }
    });
  return { checkpoints, invalid };
}
