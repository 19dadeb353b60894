import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { NotFoundError } from '../shared/index.js';

export interface NotifyParams {
  userIds: number[];
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /** Same key for the same user is delivered once (e.g. `policy:12:v3`). */
  dedupeKey?: string | null;
}

/** Delivers a message to each user's inbox; returns how many were newly delivered. */
export async function notify(db: Kysely<Database>, p: NotifyParams): Promise<number> {
  if (p.userIds.length === 0) return 0;
  const rows = p.userIds.map((user_id) => ({ user_id, kind: p.kind, title: p.title, body: p.body, link: p.link ?? null, dedupe_key: p.dedupeKey ?? null }));
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db
      .insertInto('notification')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    n += r.length;
  }
  return n;
}

export async function listInbox(db: Kysely<Database>, userId: number, opts: { unreadOnly?: boolean; limit?: number; offset?: number } = {}) {
  let q = db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 50)
    .offset(opts.offset ?? 0);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q.execute();
}

export async function unreadCount(db: Kysely<Database>, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one message read; only its owner can (another user's id is "not found"). */
export async function markRead(db: Kysely<Database>, userId: number, id: number): Promise<void> {
  const r = await db
    .updateTable('notification')
    .set({ read_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const exists = await db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!exists) throw new NotFoundError('消息（不存在或已删除）');
  }
}
