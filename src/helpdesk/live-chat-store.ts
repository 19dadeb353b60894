/**
 * 在线人工 (live chat, issue 17): a visitor (addressed by an unguessable token; only its sha256 is stored) or an
 * enterprise (by its session) starts a chat during the office hours; office staff (the general queue) or a unit's
 * staff (chats transferred to their unit) accept, reply (canned answers from the FAQ), transfer and close. Every change
 * by staff is one transaction with its audit entry; the visitor's own messages are not audited (no account).
 * The transport is polling with a cursor (`since`, the last message id seen): see README.md, "Live chat".
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountNames, activeAccountIdsByRole, type SessionUser } from '../auth/index.js';
import { loadCalendar } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import type { HelpdeskChatTable } from '../db/tables/helpdesk-live-chat.js';
import { getEnterprise } from '../enterprises/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { listUnitRows } from '../units/index.js';
import {
  CHAT_STATUS_LABELS,
  DEFAULT_HOURS,
  hoursProblems,
  LIVE_CHAT_LIMITS,
  onDuty,
  POLL_MS,
  type ChatAuthor,
  type ChatStatus,
  type OfficeHours,
  type OnDuty,
} from './core/index.js';
import { listFaq } from './faq-store.js';

type Db = Kysely<Database>;

/** Who may take live chats: the office (the general queue) and unit staff (their units' chats); admin as the office. */
export const LIVE_STAFF = ['office', 'unit_staff', 'admin'] as const;
const isOffice = (u: SessionUser) => u.role === 'office' || u.role === 'admin';

export interface ChatView {
  id: number;
  status: ChatStatus;
  statusLabel: string;
  visitorName: string;
  enterpriseName: string | null;
  topic: string;
  unitName: string | null;
  staffName: string | null;
  messageCount: number;
  createdAt: Date;
  acceptedAt: Date | null;
  closedAt: Date | null;
  isDemo: boolean;
}

export interface ChatMessage {
  id: number;
  author: ChatAuthor;
  staffName: string | null;
  body: string;
  faqCode: string | null;
  at: Date;
}

export interface ChatPoll {
  chat: ChatView;
  messages: ChatMessage[];
  /** The cursor for the next poll (the last message id returned, or the `since` given). */
  cursor: number;
  pollAfterMs: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// ---------------------------------------------------------------- office hours

export async function getOfficeHours(db: Db): Promise<OfficeHours & { updatedBy: string | null; updatedAt: Date | null }> {
  const r = await db.selectFrom('helpdesk_hours').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!r) return { ...DEFAULT_HOURS, updatedBy: null, updatedAt: null };
  return { periods: r.periods, everyDay: r.every_day, updatedBy: r.updated_by, updatedAt: r.updated_at };
}

/** The office sets the hours (audited). */
export async function setOfficeHours(db: Db, actor: string, h: OfficeHours): Promise<OfficeHours & { updatedBy: string | null; updatedAt: Date | null }> {
  const problems = hoursProblems(h);
  if (problems.length) throw new InputRejectedError(`值守时间有${problems.length}处问题，未保存`, problems);
  const periods = [...h.periods].sort((a, b) => a.from.localeCompare(b.from));
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('helpdesk_hours').select(['periods', 'every_day']).where('id', '=', 1).forUpdate().executeTakeFirst();
    const row = { periods: JSON.stringify(periods), every_day: h.everyDay, updated_by: actor, updated_at: new Date() };
    if (before) await trx.updateTable('helpdesk_hours').set(row).where('id', '=', 1).execute();
    else
      await trx
        .insertInto('helpdesk_hours')
        .values({ id: 1, ...row })
        .execute();
    await recordAudit(trx, {
      actor,
      action: 'helpdesk.hours.set',
      entity: 'helpdesk_hours',
      entityId: 1,
      before: before ? { periods: before.periods, everyDay: before.every_day } : { ...DEFAULT_HOURS },
      after: { periods, everyDay: h.everyDay },
    });
  });
  return getOfficeHours(db);
}

/** Whether live chat is open now (office hours on a day of service of the working-day calendar). */
export async function liveChatStatus(db: Db, now = new Date()): Promise<OnDuty & { pollAfterMs: number }> {
  const [hours, cal] = await Promise.all([getOfficeHours(db), loadCalendar(db)]);
  return { ...onDuty(hours, cal, now), pollAfterMs: POLL_MS };
}

// ---------------------------------------------------------------- views

async function views(db: Db, rows: Array<Selectable<HelpdeskChatTable>>): Promise<ChatView[]> {
  const unitIds = new Set(rows.map((r) => r.unit_id).filter((x): x is number => x !== null));
  const units = unitIds.size ? new Map((await listUnitRows(db)).map((u) => [u.id, u.name])) : new Map<number, string>();
  const firms = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.enterprise_id).filter((x): x is number => x !== null))) {
    firms.set(id, (await getEnterprise(db, id)).name);
  }
  return rows.map((r) => ({
    id: r.id,
    status: r.status as ChatStatus,
    statusLabel: CHAT_STATUS_LABELS[r.status as ChatStatus] ?? r.status,
    visitorName: r.visitor_name,
    enterpriseName: r.enterprise_id === null ? null : (firms.get(r.enterprise_id) ?? null),
    topic: r.topic,
    unitName: r.unit_id === null ? null : (units.get(r.unit_id) ?? null),
    staffName: r.staff_name,
    messageCount: r.message_count,
    createdAt: r.created_at,
    acceptedAt: r.accepted_at,
    closedAt: r.closed_at,
    isDemo: r.is_demo,
  }));
}

async function row(db: Db, chatId: number): Promise<Selectable<HelpdeskChatTable>> {
  const r = await db.selectFrom('helpdesk_chat').selectAll().where('id', '=', chatId).executeTakeFirst();
  if (!r) throw new NotFoundError('在线会话（不存在）');
  return r;
}

/** Staff see a chat when they are the office, it is addressed to one of their units, or it is theirs. */
function staffMaySee(u: SessionUser, r: Selectable<HelpdeskChatTable>): boolean {
  if (isOffice(u)) return true;
  if (u.role !== 'unit_staff') return false;
  return r.staff_account_id === u.id || (r.unit_id !== null && u.unitIds.includes(r.unit_id));
}

async function poll(db: Db, r: Selectable<HelpdeskChatTable>, since: number): Promise<ChatPoll> {
  const messages = await db
    .selectFrom('helpdesk_chat_message')
    .select(['id', 'author', 'staff_name', 'body', 'faq_code', 'at'])
    .where('chat_id', '=', r.id)
    .where('id', '>', since)
    .orderBy('id')
    .limit(LIVE_CHAT_LIMITS.page)
    .execute();
  const [chat] = await views(db, [r]);
  return {
    chat: chat!,
    messages: messages.map((m) => ({ id: m.id, author: m.author as ChatAuthor, staffName: m.staff_name, body: m.body, faqCode: m.faq_code, at: m.at })),
    cursor: messages.at(-1)?.id ?? since,
    pollAfterMs: POLL_MS,
  };
}

// ---------------------------------------------------------------- the visitor's / enterprise's side

export type ChatParty = { kind: 'visitor'; token: string } | { kind: 'enterprise'; enterpriseId: number };

/** The chat of a party: a visitor's by its token, an enterprise's latest (its session). */
async function partyRow(db: Db, party: ChatParty): Promise<Selectable<HelpdeskChatTable>> {
  const q = db.selectFrom('helpdesk_chat').selectAll();
  const r =
    party.kind === 'visitor'
      ? await q.where('token_hash', '=', hashToken(party.token)).executeTakeFirst()
      : await q.where('enterprise_id', '=', party.enterpriseId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!r) throw new NotFoundError('在线会话（不存在或已失效）');
  return r;
}

function cleanBody(body: string, field = '消息'): string {
  const t = body.trim();
  if (!t) throw new InputRejectedError(`${field}不能为空`, [{ field, message: '不能为空' }]);
  if (t.length > LIVE_CHAT_LIMITS.message) throw new InputRejectedError(`${field}过长`, [{ field, message: `最多${LIVE_CHAT_LIMITS.message}字` }]);
  return t;
}

/**
 * Starts a live chat during office hours (otherwise a ConflictError: the page offers 转人工 as a request instead).
 * A visitor gets a new token (shown once); an enterprise with a chat still open gets that chat back.
 */
export async function startChat(
  db: Db,
  p: { party: { kind: 'visitor' } | { kind: 'enterprise'; enterpriseId: number }; name: string | null; question: string; now?: Date; isDemo?: boolean },
): Promise<{ token: string | null; poll: ChatPoll }> {
  const question = cleanBody(p.question, '问题');
  const status = await liveChatStatus(db, p.now);
  if (!status.open && !p.isDemo) throw new ConflictError(`${status.message}。请转人工留言，我们会在工作时间回复`);
  let name = (p.name ?? '').trim();
  if (name.length > LIVE_CHAT_LIMITS.name) throw new InputRejectedError('称呼过长', [{ field: '称呼', message: `最多${LIVE_CHAT_LIMITS.name}字` }]);
  let enterpriseId: number | null = null;
  if (p.party.kind === 'enterprise') {
    enterpriseId = p.party.enterpriseId;
    const open = await db
      .selectFrom('helpdesk_chat')
      .selectAll()
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '<>', 'closed')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (open) return { token: null, poll: await poll(db, open, 0) };
    if (!name) name = (await getEnterprise(db, enterpriseId)).name;
  }
  const token = p.party.kind === 'visitor' ? randomBytes(24).toString('base64url') : null;
  const id = await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('helpdesk_chat')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '<>', 'closed')
      .executeTakeFirstOrThrow();
    if (Number(open.n) >= LIVE_CHAT_LIMITS.open) throw new ConflictError('当前排队人数已满，请稍后再试或转人工留言');
    const chat = await trx
      .insertInto('helpdesk_chat')
      .values({
        token_hash: token === null ? null : hashToken(token),
        enterprise_id: enterpriseId,
        visitor_name: name || '访客',
        topic: question.slice(0, 100),
        status: 'waiting',
        message_count: 1,
        is_demo: p.isDemo ?? false,
        ...(p.now ? { created_at: p.now } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('helpdesk_chat_message')
      .values({ chat_id: chat.id, author: 'visitor', body: question, ...(p.now ? { at: p.now } : {}) })
      .execute();
    return chat.id;
  });
  return { token, poll: await poll(db, await row(db, id), 0) };
}

/** The party's chat and the messages after `since`. */
export async function partyPoll(db: Db, party: ChatParty, since: number): Promise<ChatPoll> {
  return poll(db, await partyRow(db, party), since);
}

async function appendMessage(
  trx: Db,
  chatId: number,
  m: { author: ChatAuthor; body: string; staffName?: string | null; faqCode?: string | null; at?: Date },
): Promise<void> {
  const r = await trx.selectFrom('helpdesk_chat').select(['status', 'message_count']).where('id', '=', chatId).forUpdate().executeTakeFirstOrThrow();
  if (r.status === 'closed' && m.author !== 'system') throw new ConflictError('会话已结束，不能再发送消息');
  if (r.message_count >= LIVE_CHAT_LIMITS.messages) throw new ConflictError(`本次会话消息已达${LIVE_CHAT_LIMITS.messages}条上限，请结束后重新发起`);
  await trx
    .insertInto('helpdesk_chat_message')
    .values({ chat_id: chatId, author: m.author, body: m.body, staff_name: m.staffName ?? null, faq_code: m.faqCode ?? null, ...(m.at ? { at: m.at } : {}) })
    .execute();
  await trx
    .updateTable('helpdesk_chat')
    .set({ message_count: r.message_count + 1 })
    .where('id', '=', chatId)
    .execute();
}

export async function partySend(db: Db, party: ChatParty, body: string, since: number): Promise<ChatPoll> {
  const text = cleanBody(body);
  const r = await partyRow(db, party);
  await db.transaction().execute((trx) => appendMessage(trx, r.id, { author: 'visitor', body: text }));
  return poll(db, await row(db, r.id), since);
}

export async function partyClose(db: Db, party: ChatParty, since: number): Promise<ChatPoll> {
  const r = await partyRow(db, party);
  if (r.status !== 'closed') {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('helpdesk_chat').set({ status: 'closed', closed_at: new Date(), closed_by: 'visitor' }).where('id', '=', r.id).execute();
      await appendMessage(trx, r.id, { author: 'system', body: '访客已结束会话' });
    });
  }
  return poll(db, await row(db, r.id), since);
}

// ---------------------------------------------------------------- staff console

export interface ChatQueue {
  waiting: ChatView[];
  active: ChatView[];
  closedToday: number;
  pollAfterMs: number;
}

/** The console's queue: the office sees every open chat; unit staff their units' and their own. */
export async function chatQueue(db: Db, u: SessionUser, now = new Date()): Promise<ChatQueue> {
  let q = db.selectFrom('helpdesk_chat').selectAll().where('status', '<>', 'closed');
  if (!isOffice(u)) {
    q = q.where((eb) => {
      const ors = [eb('staff_account_id', '=', u.id)];
      if (u.unitIds.length) ors.push(eb('unit_id', 'in', u.unitIds));
      return eb.or(ors);
    });
  }
  const rows = await q.orderBy('id').limit(LIVE_CHAT_LIMITS.open).execute();
  const all = await views(db, rows);
  const dayStart = new Date(`${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`);
  let closed = db
    .selectFrom('helpdesk_chat')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'closed')
    .where('closed_at', '>=', dayStart);
  if (!isOffice(u)) closed = closed.where('staff_account_id', '=', u.id);
  const n = await closed.executeTakeFirstOrThrow();
  return {
    waiting: all.filter((c) => c.status === 'waiting'),
    active: all.filter((c) => c.status === 'active'),
    closedToday: Number(n.n),
    pollAfterMs: POLL_MS,
  };
}

async function visibleRow(db: Db, u: SessionUser, chatId: number): Promise<Selectable<HelpdeskChatTable>> {
  const r = await row(db, chatId);
  if (!staffMaySee(u, r)) throw new ForbiddenError('该会话不在您的接待范围内');
  return r;
}

export async function staffPoll(db: Db, u: SessionUser, chatId: number, since: number): Promise<ChatPoll> {
  return poll(db, await visibleRow(db, u, chatId), since);
}

/** Takes a waiting chat (the first to accept gets it; a second gets a ConflictError). */
export async function acceptChat(db: Db, u: SessionUser, chatId: number, at?: Date): Promise<ChatPoll> {
  await visibleRow(db, u, chatId);
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('helpdesk_chat').selectAll().where('id', '=', chatId).forUpdate().executeTakeFirstOrThrow();
    if (r.status !== 'waiting') throw new ConflictError(r.status === 'closed' ? '会话已结束' : `该会话已由${r.staff_name ?? '其他工作人员'}接待`);
    await trx
      .updateTable('helpdesk_chat')
      .set({ status: 'active', staff_account_id: u.id, staff_name: u.name, accepted_at: at ?? new Date() })
      .where('id', '=', chatId)
      .execute();
    await appendMessage(trx, chatId, { author: 'system', body: `工作人员${u.name}已接入，为您服务`, at });
    await recordAudit(trx, { actor: u.account, action: 'helpdesk.chat.accept', entity: 'helpdesk_chat', entityId: chatId, after: { staff: u.name } });
  });
  return poll(db, await row(db, chatId), 0);
}

function assertAssignee(u: SessionUser, r: Selectable<HelpdeskChatTable>, what: string): void {
  if (r.status === 'closed') throw new ConflictError('会话已结束');
  if (r.status !== 'active') throw new ConflictError(`请先接入该会话再${what}`);
  if (r.staff_account_id !== u.id && !isOffice(u)) throw new ForbiddenError(`该会话由${r.staff_name ?? '其他工作人员'}接待，您不能${what}`);
}

/** A staff reply (audited); `faqCode` when it was a canned answer from the FAQ. */
export async function staffReply(
  db: Db,
  u: SessionUser,
  chatId: number,
  p: { body: string; faqCode: string | null; since: number; at?: Date },
): Promise<ChatPoll> {
  const body = cleanBody(p.body, '回复');
  const r = await visibleRow(db, u, chatId);
  assertAssignee(u, r, '回复');
  await db.transaction().execute(async (trx) => {
    await appendMessage(trx, chatId, { author: 'staff', body, staffName: u.name, faqCode: p.faqCode, at: p.at });
    await recordAudit(trx, { actor: u.account, action: 'helpdesk.chat.reply', entity: 'helpdesk_chat', entityId: chatId, after: { body, faqCode: p.faqCode } });
  });
  return poll(db, await row(db, chatId), p.since);
}

export interface TransferTargets {
  staff: Array<{ id: number; name: string }>;
  units: Array<{ id: number; name: string }>;
}

/** Whom a chat can be passed to: the office's staff by name, or a unit (its staff's queue). */
export async function transferTargets(db: Db): Promise<TransferTargets> {
  const ids = await activeAccountIdsByRole(db, ['office']);
  const names = await accountNames(db, ids);
  return {
    staff: ids
      .map((id) => ({ id, name: names.get(id) ?? '' }))
      .filter((s) => s.name)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    units: (await listUnitRows(db)).map((x) => ({ id: x.id, name: x.name })),
  };
}

/**
 * Passes an active chat on (audited): to an office staff member (it stays active, theirs), or to a unit (it waits in
 * that unit's queue). The assignee or the office may transfer.
 */
export async function transferChat(db: Db, u: SessionUser, chatId: number, to: { accountId: number | null; unitId: number | null }): Promise<ChatPoll> {
  if ((to.accountId === null) === (to.unitId === null))
    throw new InputRejectedError('请选择转给一位工作人员或一个单位', [{ field: '转给', message: '二选一' }]);
  const r = await visibleRow(db, u, chatId);
  assertAssignee(u, r, '转接');
  const targets = await transferTargets(db);
  const staff = to.accountId === null ? undefined : targets.staff.find((s) => s.id === to.accountId);
  const unit = to.unitId === null ? undefined : targets.units.find((x) => x.id === to.unitId);
  if (to.accountId !== null && !staff) throw new InputRejectedError('转给的工作人员不存在或不是营商办在岗人员', [{ field: '转给', message: '请重新选择' }]);
  if (to.unitId !== null && !unit) throw new InputRejectedError('转给的单位不存在', [{ field: '转给', message: '请重新选择' }]);
  if (staff && staff.id === r.staff_account_id) throw new ConflictError('会话已由该工作人员接待');
  await db.transaction().execute(async (trx) => {
    if (staff)
      await trx.updateTable('helpdesk_chat').set({ staff_account_id: staff.id, staff_name: staff.name, unit_id: null }).where('id', '=', chatId).execute();
    else
      await trx
        .updateTable('helpdesk_chat')
        .set({ status: 'waiting', staff_account_id: null, staff_name: null, unit_id: unit!.id })
        .where('id', '=', chatId)
        .execute();
    await appendMessage(trx, chatId, { author: 'system', body: staff ? `已转接给工作人员${staff.name}` : `已转接至${unit!.name}，请稍候` });
    await recordAudit(trx, {
      actor: u.account,
      action: 'helpdesk.chat.transfer',
      entity: 'helpdesk_chat',
      entityId: chatId,
      before: { staff: r.staff_name, unitId: r.unit_id },
      after: staff ? { staff: staff.name } : { unit: unit!.name },
    });
  });
  return poll(db, await row(db, chatId), 0);
}

/** Closes a chat from the console (audited): the assignee, or the office for any chat (e.g. a visitor who left). */
export async function staffClose(db: Db, u: SessionUser, chatId: number, at?: Date): Promise<ChatPoll> {
  const r = await visibleRow(db, u, chatId);
  if (r.status === 'closed') throw new ConflictError('会话已结束');
  if (!isOffice(u) && r.staff_account_id !== u.id) throw new ForbiddenError('只能结束自己接待的会话');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('helpdesk_chat')
      .set({ status: 'closed', closed_at: at ?? new Date(), closed_by: u.account })
      .where('id', '=', chatId)
      .execute();
    await appendMessage(trx, chatId, { author: 'system', body: '工作人员已结束会话，感谢您的咨询', at });
    await recordAudit(trx, { actor: u.account, action: 'helpdesk.chat.close', entity: 'helpdesk_chat', entityId: chatId, before: { status: r.status } });
  });
  return poll(db, await row(db, chatId), 0);
}

/** Canned answers: FAQ entries whose question, 相似问法 or answer contain the words (at most 10). */
export async function cannedAnswers(db: Db, q: string): Promise<Array<{ code: string; question: string; answer: string }>> {
  if (!q.trim()) return [];
  return (await listFaq(db, { q: q.trim() })).slice(0, 10).map((f) => ({ code: f.code, question: f.question, answer: f.answer }));
}
