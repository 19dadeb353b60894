/**
 * The inbox's read API: what other capabilities (policies) call instead of querying the inbox's
 * table (notification). Every function takes a `Kysely<Database>` or a transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** `prefix` as a LIKE pattern matching the strings that start with it (`%`, `_` and `\` taken literally). */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The users who hold a message whose dedupe key starts with `dedupeKeyPrefix` (e.g. every version of
 * one policy item's push: `policy:12:v`), each with whether they have read any of those messages:
 * user id → { read }. Users without such a message are absent.
 *
 * @example
 *   const reached = await notifiedUsers(db, 'policy:12:v'); // Map { 7 => { read: true }, 9 => { read: false } }
 */
export async function notifiedUsers(db: Kysely<Database>, dedupeKeyPrefix: string): Promise<Map<number, { read: boolean }>> {
  const rows = await db
    .selectFrom('notification')
    .select('user_id')
    .select((eb) => eb.fn.count<number>('read_at').as('reads'))
    .where('dedupe_key', 'like', startsWith(dedupeKeyPrefix))
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, { read: Number(r.reads) > 0 }]));
}
