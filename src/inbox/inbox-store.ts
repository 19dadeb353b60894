/**
 * The inbox: notices delivered to users (`notify`), read one page at a time with filters, marked read, and
 * resolved (已处理) by the capability whose task a notice asked for, inside the transaction that did the task.
 *
 * A user's read marks are their own reading state, not a change of the platform's data: they are not audited
 * (the notices themselves come with the audited change that sent them).
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { NotFoundError } from '../shared/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type NoticeKind } from './core/index.js';

export interface NotifyParams {
  userIds: number[];
  kind: NoticeKind;
  /** Names the task and unit, so that a person can act without opening the notice (e.g. 「进展报告待审核：2-3 …」). */
  title: string;
  /** Says what to do. */
  body: string;
  link?: string | null;
  /** Same key for the same user is delivered once (e.g. `policy:12:v3`). */
  dedupeKey?: string | null;
}

/** Delivers a message to each user's inbox; returns how many were newly delivered. */
export async function notify(db: Kysely<Database>, p: NotifyParams): Promise<number> {
  if (p.userIds.length === 0) return 0;
  const rows = [...new Set(p.userIds)].map((user_id) => ({
    user_id,
    kind: p.kind,
    title: p.title,
    body: p.body,
    link: p.link ?? null,
    dedupe_key: p.dedupeKey ?? null,
  }));
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

/** Which of a user's notices: only the unread ones (not read, not done), of one kind. */
export interface InboxFilter {
  unreadOnly?: boolean;
  kind?: NoticeKind;
}

/** Unread: neither read nor done (a done notice needs no attention any more). */
const unread = (eb: ExpressionBuilder<Database, 'notification'>) => eb.and([eb('read_at', 'is', null), eb('done_at', 'is', null)]);

function filtered(db: Kysely<Database>, userId: number, f: InboxFilter) {
  let q = db.selectFrom('notification').where('user_id', '=', userId);
  if (f.unreadOnly) q = q.where(unread);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return q;
}

/**
 * One page of a user's notices, newest first, with the number matching the filter (`total`) and the user's
 * unread count (all kinds, for the header).
 */
export async function listInbox(db: Kysely<Database>, userId: number, opts: InboxFilter & { page?: number; pageSize?: number } = {}) {
  const pageSize = Math.min(Math.max(1, opts.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const page = Math.max(1, opts.page ?? 1);
  const items = await filtered(db, userId, opts)
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at', 'done_at'])
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await filtered(db, userId, opts)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n), page, pageSize, unread: await unreadCount(db, userId) };
}

export async function unreadCount(db: Kysely<Database>, userId: number): Promise<number> {
  const r = await filtered(db, userId, { unreadOnly: true })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one message read; only its owner can (another user's id is "not found"). Marking it again changes nothing. */
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

/** Marks every unread notice of the user matching the filter read (e.g. all of one kind); returns how many. */
export async function markAllRead(db: Kysely<Database>, userId: number, f: Pick<InboxFilter, 'kind'> = {}): Promise<number> {
  let q = db.updateTable('notification').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (f.kind) q = q.where('kind', '=', f.kind);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Marks the open notices of `kind` that point to `link` done (已处理): called by the capability whose task the
 * notice asked for, in the transaction that did it (e.g. the ledger's review of the report the office was asked to
 * review). `userIds` limits it to those users' notices (e.g. only the side that acted). Returns how many.
 *
 * @example
 *   await resolveNotices(trx, { kind: 'ledger.report', link: `/ledger/reports/${reportId}` });
 */
export async function resolveNotices(db: Kysely<Database>, p: { kind: NoticeKind | NoticeKind[]; link: string; userIds?: number[] }): Promise<number> {
  const kinds = Array.isArray(p.kind) ? p.kind : [p.kind];
  if (kinds.length === 0 || (p.userIds && p.userIds.length === 0)) return 0;
  let q = db.updateTable('notification').set({ done_at: new Date() }).where('link', '=', p.link).where('kind', 'in', kinds).where('done_at', 'is', null);
  if (p.userIds) q = q.where('user_id', 'in', p.userIds);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
