import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** Attempts allowed per account name and source address before the pair is locked. */
export const MAX_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

const hash = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** Account names are compared case-insensitively, so `Admin` and `admin` share a counter. */
const accountHash = (account: string) => hash(`account\n${account.trim().toLowerCase()}`);
const pairKey = (account: string, source: string) => hash(`pair\n${account.trim().toLowerCase()}\n${source}`);

export type AttemptVerdict = { allowed: true; attempt: number } | { allowed: false; lockedUntil: Date };

/**
 * Counts a login attempt of `account` from `source` (the client address) BEFORE the password is
 * checked, in one atomic statement, so that parallel attempts cannot slip past the limit: the
 * first MAX_ATTEMPTS attempts of a pair are checked, the next ones are refused until the pair's lock
 * (LOCK_MINUTES) ends. The pair — not the account alone — is locked, so nobody can lock another
 * person out from elsewhere; unknown account names are counted the same way as known ones, so the
 * answers reveal nothing about which accounts exist (等保2.0 身份鉴别：登录失败处理).
 */
export async function beginLoginAttempt(db: Kysely<Database>, account: string, source: string, now = new Date()): Promise<AttemptVerdict> {
  const r = await sql<{ attempts: number; locked_until: Date | null }>`
    insert into login_throttle as t (key, account_hash, attempts, locked_until, updated_at)
    values (${pairKey(account, source)}, ${accountHash(account)}, 1, null, ${now})
    on conflict (key) do update set
      attempts = case when t.locked_until is not null and t.locked_until <= ${now} then 1 else t.attempts + 1 end,
      locked_until = case when t.locked_until is not null and t.locked_until <= ${now} then null else t.locked_until end,
      updated_at = ${now}
    returning attempts, locked_until`.execute(db);
  const row = r.rows[0]!;
  if (row.locked_until && new Date(row.locked_until) > now) return { allowed: false, lockedUntil: new Date(row.locked_until) };
  if (row.attempts > MAX_ATTEMPTS) return { allowed: false, lockedUntil: await lockLoginPair(db, account, source, now) };
  return { allowed: true, attempt: row.attempts };
}

/** Locks a pair now (its MAX_ATTEMPTS-th attempt failed). */
export async function lockLoginPair(db: Kysely<Database>, account: string, source: string, now = new Date()): Promise<Date> {
  const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  await db.updateTable('login_throttle').set({ locked_until: lockedUntil }).where('key', '=', pairKey(account, source)).execute();
  return lockedUntil;
}

/** A successful login clears its pair's count; stale rows (a day old) go too, so the table stays small. */
export async function loginSucceeded(db: Kysely<Database>, account: string, source: string, now = new Date()): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', pairKey(account, source)).execute();
  await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', new Date(now.getTime() - 86_400_000))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}

/** The administrator lifts every lock of an account (all sources). Returns how many pairs were locked. */
export async function unlockAccount(db: Kysely<Database>, account: string): Promise<number> {
  const r = await db.deleteFrom('login_throttle').where('account_hash', '=', accountHash(account)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Delay before answering a failed attempt: 0.2 s, 0.4 s, 0.8 s … at most 3 s (slows guessing, bounded). */
export const failureDelayMs = (attempt: number) => Math.min(200 * 2 ** (attempt - 1), 3000);
