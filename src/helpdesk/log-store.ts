/**
 * The 智能客服 logs: every question asked in a chat window (conversation), the answers shown, the one clicked, 👍/👎,
 * the hand-off (转人工) to an enterprise request; the misses grouped for the office and turned into FAQ entries.
 *
 * A visitor's conversation keeps nothing personal beyond what was typed (no address, no account); a logged-in
 * enterprise's keeps its enterprise id. Staff (office, units, leaders, admins) trying questions are not logged (the
 * knowledge page's 试问 would otherwise fill the misses). The logs are records of what askers did, not changes by
 * the office: they carry no audit entry (one per question would serialise every asker on the audit chain); the FAQ
 * made from a miss and the request filed by a hand-off are audited by their owners.
 */
import { personalAnswer } from './personal.js';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { STAFF_ROLES, type SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import type { LoggedAnswer } from '../db/tables/helpdesk-log.js';
import { fileAnonymousRequest, fileRequest, suggestForText } from '../requests/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { ask, type AskResult } from './ask.js';
import { groupMisses, textTerms, type MissGroup } from './core/index.js';
import { createFaq, type FaqEntry } from './faq-store.js';
import type { FaqFields } from './core/index.js';
import { helpdeskKnowledge } from './knowledge-cache.js';

type Db = Kysely<Database>;

export interface Asked extends AskResult {
  /** The chat window's id (null: a staff member trying, not logged). */
  conversationId: string | null;
  /** The logged question (for the click and the rating). */
  questionId: number | null;
}

const isStaff = (user: SessionUser | null) => !!user && STAFF_ROLES.includes(user.role);
const enterpriseOf = (user: SessionUser | null) => (user?.role === 'enterprise' ? user.enterpriseId : null);

/** Who may act on a conversation: the enterprise that asked, or anyone holding a visitor's id. */
async function conversationOf(db: Db, token: string, user: SessionUser | null) {
  if (isStaff(user)) throw new ForbiddenError('工作人员的试问不记录对话');
  const c = await db.selectFrom('helpdesk_conversation').selectAll().where('token', '=', token).executeTakeFirst();
  if (!c || c.enterprise_id !== enterpriseOf(user)) throw new NotFoundError('对话不存在或已过期，请重新提问');
  return c;
}

/** Answers and logs a question in its conversation (a new one when none is given or it is not the asker's). */
export async function askAndLog(db: Db, body: { question: string; conversationId?: string }, user: SessionUser | null): Promise<Asked> {
  const asked = await ask(db, body.question);
  if (isStaff(user)) return { ...asked, conversationId: null, questionId: null };
  const enterpriseId = enterpriseOf(user);
  // A logged-in enterprise: its own firm's possible policies (anonymous answers unchanged).
  const personal = enterpriseId ? await personalAnswer(db, enterpriseId, asked) : null;
  const r = personal ? { ...asked, personal } : asked;
  const answers: LoggedAnswer[] = r.answers.map((a) => ({ key: a.key, title: a.title, coverage: Math.round(a.coverage * 1000) / 1000 }));
  return db.transaction().execute(async (trx) => {
    let c = body.conversationId
      ? await trx.selectFrom('helpdesk_conversation').select(['id', 'token', 'enterprise_id']).where('token', '=', body.conversationId).executeTakeFirst()
      : undefined;
    if (!c || c.enterprise_id !== enterpriseId)
      c = await trx
        .insertInto('helpdesk_conversation')
        .values({ token: crypto.randomUUID(), enterprise_id: enterpriseId })
        .returning(['id', 'token', 'enterprise_id'])
        .executeTakeFirstOrThrow();
    const q = await trx
      .insertInto('helpdesk_question')
      .values({ conversation_id: c.id, question: body.question.trim(), confident: r.confident, answers: JSON.stringify(answers) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...r, conversationId: c.token, questionId: q.id };
  });
}

async function questionIn(db: Db, conversationId: number, questionId: number) {
  const q = await db
    .selectFrom('helpdesk_question')
    .select(['id', 'answers'])
    .where('id', '=', questionId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  if (!q) throw new NotFoundError('该问题不在本对话中');
  return q;
}

/** The asker opened an answer (its source or follow-up). */
export async function recordClick(db: Db, token: string, user: SessionUser | null, p: { questionId: number; key: string }): Promise<void> {
  const c = await conversationOf(db, token, user);
  const q = await questionIn(db, c.id, p.questionId);
  if (!q.answers.some((a) => a.key === p.key)) throw new InputRejectedError('该回答不在本问题的回答中', [{ field: 'key', message: '回答不存在' }]);
  await db.updateTable('helpdesk_question').set({ clicked_key: p.key }).where('id', '=', q.id).execute();
}

/** 👍/👎 on the answers to a question (the last rating counts). */
export async function recordRating(db: Db, token: string, user: SessionUser | null, p: { questionId: number; rating: 'up' | 'down' }): Promise<void> {
  const c = await conversationOf(db, token, user);
  const q = await questionIn(db, c.id, p.questionId);
  await db.updateTable('helpdesk_question').set({ rating: p.rating }).where('id', '=', q.id).execute();
}

export interface HandOff {
  number: string;
  /** For a visitor: the code to follow the request (shown once). */
  queryCode: string | null;
  /** The requests capability's suggested topic (事项) and unit, when it has one. */
  topicName: string | null;
  unitName: string | null;
}

/**
 * 转人工: the conversation becomes an enterprise request (category 咨询: a question the platform could not answer),
 * its questions as the description; a visitor files as the anonymous form does (name and mobile, its rules), a
 * logged-in enterprise as its own request. Once per conversation.
 */
export async function handOff(
  db: Db,
  dataDir: string,
  token: string,
  user: SessionUser | null,
  p: { contactName: string; contactPhone: string },
): Promise<HandOff> {
  const c = await conversationOf(db, token, user);
  if (c.request_number) throw new ConflictError(`本对话已转为诉求 ${c.request_number}`);
  const qs = await db.selectFrom('helpdesk_question').select(['question', 'confident', 'rating']).where('conversation_id', '=', c.id).orderBy('id').execute();
  if (!qs.length) throw new InputRejectedError('请先提出问题再转人工', [{ field: 'question', message: '对话中还没有问题' }]);
  const open = qs.filter((q) => !q.confident || q.rating === 'down');
  const first = (open[0] ?? qs[qs.length - 1]!).question;
  const subject = `智能客服转人工：${first}`.slice(0, 100);
  const lines = qs.map((q, i) => `${i + 1}. ${q.question}${q.confident && q.rating !== 'down' ? '' : '（智能客服未能回答）'}`);
  const description = `来自智能客服的对话，请人工答复。\n对话中的问题：\n${lines.join('\n')}`.slice(0, 5000);
  const suggestion = (await suggestForText(db, subject, description))[0] ?? null;
  const request = { category: '咨询' as const, subject, description, contactName: p.contactName, contactPhone: p.contactPhone };
  const filed = user?.role === 'enterprise' ? { ...(await fileRequest(db, user, request)), queryCode: null } : await fileAnonymousRequest(db, dataDir, request);
  await db
    .updateTable('helpdesk_conversation')
    .set({ handoff_kind: 'request', handoff_at: new Date(), request_number: filed.number, suggested_topic: suggestion?.topicName ?? null })
    .where('id', '=', c.id)
    .execute();
  return { number: filed.number, queryCode: filed.queryCode, topicName: suggestion?.topicName ?? null, unitName: suggestion?.unitName ?? null };
}

/**
 * 在线人工 started from a chat window: its conversation is logged as handed off to a live chat (kind `live`), once;
 * an id that is not the asker's (another firm's, or unknown) is ignored, as a lost log must not stop the chat.
 */
export async function noteLiveHandOff(db: Db, token: string, enterpriseId: number | null): Promise<void> {
  await db
    .updateTable('helpdesk_conversation')
    .set({ handoff_kind: 'live', handoff_at: new Date() })
    .where('token', '=', token)
    .where((eb) => (enterpriseId === null ? eb('enterprise_id', 'is', null) : eb('enterprise_id', '=', enterpriseId)))
    .where('handoff_kind', 'is', null)
    .execute();
}

/** Misses kept for the office: the last 90 days, not yet made into an FAQ entry. */
export const MISS_DAYS = 90;
const MISS_LIMIT = 5000;

/** Unanswered (not confident) and 👎 questions, grouped by similarity (core/misses.ts), most asked first. */
export async function listMisses(db: Db): Promise<MissGroup[]> {
  const since = new Date(Date.now() - MISS_DAYS * 86_400_000);
  const rows = await db
    .selectFrom('helpdesk_question')
    .innerJoin('helpdesk_conversation as c', 'c.id', 'helpdesk_question.conversation_id')
    .select(['helpdesk_question.id', 'question', 'confident', 'rating', 'asked_at', 'c.is_demo'])
    .where('resolved_faq_id', 'is', null)
    .where('asked_at', '>=', since)
    .where((eb) => eb.or([eb('confident', '=', false), eb('rating', '=', 'down')]))
    .orderBy('helpdesk_question.id', 'desc')
    .limit(MISS_LIMIT)
    .execute();
  const k = await helpdeskKnowledge(db);
  return groupMisses(
    rows.map((r) => ({ id: r.id, question: r.question, unanswered: !r.confident, down: r.rating === 'down', askedAt: r.asked_at, demo: r.is_demo })),
    (text) => textTerms(text, k.cut, k.synonyms),
  );
}

/**
 * One step from a group of misses to an FAQ entry: the entry is created (audited, the revision bumped so the next
 * question is answered from it) and the group's questions are marked as resolved by it, in the same transaction.
 */
export async function faqFromMisses(db: Db, actor: string, p: { questionIds: number[]; faq: FaqFields }): Promise<{ faq: FaqEntry; resolved: number }> {
  const ids = [...new Set(p.questionIds)];
  if (!ids.length) throw new InputRejectedError('请选择未答问题', [{ field: 'questionIds', message: '未选择问题' }]);
  let resolved = 0;
  const faq = await createFaq(db, actor, p.faq, {
    within: async (trx, faqId) => {
      const r = await trx
        .updateTable('helpdesk_question')
        .set({ resolved_faq_id: faqId })
        .where('id', 'in', ids)
        .where('resolved_faq_id', 'is', null)
        .executeTakeFirst();
      resolved = Number(r.numUpdatedRows);
    },
  });
  return { faq, resolved };
}
