/**
 * Enterprise requests: filing (an enterprise online, or the office's intake from other channels), the steps of the
 * lifecycle (派单, 签收, 退单, 办理记录, 答复, 评价 with 重办), lists and the timeline. Every change is one transaction
 * with its audit entry and its notices (src/inbox). Rules are in ./core (pure, tested).
 */
import type { Kysely, Updateable } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountIdsOfUnits, activeAccountIdsByRole, actorNamer, enterpriseAccountIds, type SessionUser } from '../auth/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays, type ProvisionalWorkingDays } from '../calendar/index.js';
import { advisoryXactLock, type Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { notify, resolveNotices, shortText } from '../inbox/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { findUnitById } from '../units/index.js';
import { timeDetail } from './time-read.js';
import {
  actorSide,
  afterRating,
  answerDaysFor,
  allowedActions,
  DEFAULT_LIMITS,
  dueDates,
  limitProblems,
  maskName,
  maskPhone,
  nextStage,
  overdue,
  parseRequestNumber,
  phoneProblem,
  REQUEST_ACTIONS,
  REQUEST_CATEGORIES,
  ratesAnswer,
  reopenedAnswerDue,
  REPORTER_KINDS,
  requestNumber,
  returnProblem,
  shouldEscalate,
  STAGE_INFO,
  type CategoryLimit,
  type Rating,
  type RequestAction,
  type RequestCategory,
  type RequestChannel,
  type RequestStage,
} from './core/index.js';
import { recordArrivalSuggestion, routedTopicAnswerDays } from './routing-store.js';

type Db = Kysely<Database>;

// ---- time limits ----

/** The limits in force per category: the office's, else the defaults. */
export async function requestLimits(db: Db): Promise<Record<RequestCategory, CategoryLimit>> {
  const rows = await db.selectFrom('request_limit').selectAll().execute();
  const out = { ...DEFAULT_LIMITS };
  for (const r of rows) if (Object.hasOwn(out, r.category)) out[r.category as RequestCategory] = { signDays: r.sign_days, answerDays: r.answer_days };
  return out;
}

/** The office sets the limits of some categories (requests routed from now on use them). */
export async function setRequestLimits(db: Db, actor: string, limits: { category: RequestCategory; signDays: number; answerDays: number }[]) {
  const problems: InputProblem[] = [];
  limits.forEach((l, i) => {
    if (!REQUEST_CATEGORIES.includes(l.category)) problems.push({ row: i + 1, field: 'category', message: '未知的诉求类别' });
    for (const p of limitProblems(l)) problems.push({ row: i + 1, field: p.field, message: `${l.category}：${p.message}` });
  });
  if (problems.length) throw new InputRejectedError('办理时限有误', problems);
  return db.transaction().execute(async (trx) => {
    const before = await requestLimits(trx);
    for (const l of limits)
      await trx
        .insertInto('request_limit')
        .values({ category: l.category, sign_days: l.signDays, answer_days: l.answerDays, updated_by: actor })
        .onConflict((oc) => oc.column('category').doUpdateSet({ sign_days: l.signDays, answer_days: l.answerDays, updated_by: actor, updated_at: new Date() }))
        .execute();
    const after = await requestLimits(trx);
    await recordAudit(trx, { actor, action: 'requests.limits', entity: 'request_limit', before, after });
    return after;
  });
}

// ---- filing ----

export interface NewRequest {
  category: RequestCategory;
  subject: string;
  description: string;
  contactName: string;
  contactPhone: string;
}

/** Problems of a new request's fields (category, subject, description, contact), in Chinese, naming the field. */
export function checkNew(p: NewRequest): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!REQUEST_CATEGORIES.includes(p.category)) problems.push({ field: 'category', message: '请选择诉求类别' });
  if (!p.subject.trim()) problems.push({ field: 'subject', message: '请填写诉求标题' });
  if (!p.description.trim()) problems.push({ field: 'description', message: '请填写诉求内容' });
  if (!p.contactName.trim()) problems.push({ field: 'contactName', message: '请填写联系人' });
  const phone = phoneProblem(p.contactPhone);
  if (phone) problems.push({ field: 'contactPhone', message: phone });
  return problems;
}

/** Files a request inside `trx` (number, first event, audit, the office's notice unless `quiet`: a bulk import tells once); used by every channel. */
export async function insertRequest(
  trx: Db,
  actor: string,
  p: NewRequest & { channel: RequestChannel; enterpriseId: number | null; today: string; note?: string; quiet?: boolean },
): Promise<{ id: number; number: string }> {
  const year = Number(p.today.slice(0, 4));
  await advisoryXactLock(trx, 'requestNumber', year);
  const last = await trx
    .selectFrom('request_item')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('year', '=', year)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const number = requestNumber(year, seq);
  const row = await trx
    .insertInto('request_item')
    .values({
      number,
      year,
      seq,
      category: p.category,
      channel: p.channel,
      subject: p.subject.trim(),
      description: p.description.trim(),
      contact_name: p.contactName.trim(),
      contact_phone: p.contactPhone.trim(),
      enterprise_id: p.enterpriseId,
      filed_by: actor,
      filed_on: p.today,
      stage: '受理',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('request_event')
    .values({ request_id: row.id, action: 'file', stage: '受理', note: p.note ?? `渠道：${p.channel}`, actor, on_day: p.today })
    .execute();
  await recordArrivalSuggestion(trx, row.id, p.subject, p.description);
  await recordAudit(trx, {
    actor,
    action: 'requests.file',
    entity: 'request_item',
    entityId: row.id,
    after: { number, category: p.category, channel: p.channel, subject: p.subject, enterpriseId: p.enterpriseId },
  });
  // The office routes it: tell them.
  if (!p.quiet)
    await notify(trx, {
      userIds: await activeAccountIdsByRole(trx, ['office']),
      kind: 'request.filed',
      title: `新诉求待派单：${number} ${shortText(p.subject, 20)}`,
      body: `${p.category}类诉求（${p.channel}），请确定承办单位并派单。`,
      link: `/requests/${row.id}`,
      dedupeKey: `request:${row.id}:file`,
    });
  return { id: row.id, number };
}

/** Work done in the filing's transaction after the request is written (attachments: ./attachment-store.ts). */
export type WithinFiling = (trx: Db, filed: { id: number; number: string }) => Promise<void>;

/** An enterprise account files a request online (channel 网上) for its own firm. */
export async function fileRequest(db: Db, user: SessionUser, p: NewRequest & { today?: string }, within?: WithinFiling) {
  if (user.role !== 'enterprise' || user.enterpriseId === null) throw new ForbiddenError('只有企业账号可以在线提交诉求');
  const problems = checkNew(p);
  if (problems.length) throw new InputRejectedError('诉求信息有误', problems);
  const enterpriseId = user.enterpriseId;
  return db.transaction().execute(async (trx) => {
    const filed = await insertRequest(trx, user.account, { ...p, channel: '网上', enterpriseId, today: p.today ?? chinaToday() });
    await within?.(trx, filed);
    return filed;
  });
}

/** The office records a request received by phone, visit, 座谈会, a 监督员 or letter (the channel is kept). */
export async function intakeRequest(
  db: Db,
  user: SessionUser,
  p: NewRequest & { channel: RequestChannel; enterpriseId?: number | null; today?: string },
  within?: WithinFiling,
) {
  const problems = checkNew(p);
  if (p.channel === '网上') problems.push({ field: 'channel', message: '请选择受理渠道（电话、来访、座谈会、监督员、信函）' });
  if (p.enterpriseId != null && !(await enterpriseNames(db, [p.enterpriseId])).has(p.enterpriseId))
    problems.push({ field: 'enterpriseId', message: '企业不存在' });
  if (problems.length) throw new InputRejectedError('诉求信息有误', problems);
  return db.transaction().execute(async (trx) => {
    const filed = await insertRequest(trx, user.account, {
      ...p,
      enterpriseId: p.enterpriseId ?? null,
      today: p.today ?? chinaToday(),
      note: `渠道：${p.channel}（工作人员登记）`,
    });
    await within?.(trx, filed);
    return filed;
  });
}

// ---- steps ----

type Row = Updateable<Database['request_item']>;

async function loadForUpdate(trx: Db, id: number) {
  const r = await trx.selectFrom('request_item').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw new NotFoundError('诉求（不存在或已删除）');
  return r;
}

const link = (id: number) => `/requests/${id}`;

/**
 * One step on a request by the office (派单) or the routed unit (签收, 退单, 办理记录, 答复). `today` is for tests
 * (default: the China date).
 */
export async function actOnRequest(
  db: Db,
  user: SessionUser,
  id: number,
  p: { action: Exclude<RequestAction, 'rate'>; unitId?: number; note?: string; today?: string },
) {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  return db.transaction().execute((trx) => actOnRequestIn(trx, calendar, user, id, p));
}

/**
 * `actOnRequest` inside the caller's transaction (the 派单目录's dispatch records its decision in the same one);
 * `answerDays` replaces the kind's answer limit on 派单 (a topic's override, see catalogue-store.ts).
 */
export async function actOnRequestIn(
  trx: Db,
  calendar: ProvisionalWorkingDays,
  user: SessionUser,
  id: number,
  p: { action: Exclude<RequestAction, 'rate'>; unitId?: number; note?: string; today?: string; answerDays?: number },
) {
  const today = p.today ?? chinaToday();
  {
    const r = await loadForUpdate(trx, id);
    const spec = REQUEST_ACTIONS[p.action];
    if (!spec || spec.by === 'enterprise') throw new InputRejectedError(`未知操作：${p.action}`, [{ field: 'action', message: '未知操作' }]);
    const side = actorSide(user, { unitId: r.unit_id, enterpriseId: r.enterprise_id });
    if (side !== spec.by) throw new ForbiddenError(spec.by === 'office' ? `“${spec.label}”由营商办操作` : `“${spec.label}”由承办单位操作`);
    const next = nextStage(r.stage as RequestStage, p.action);
    if ('problem' in next) throw new ConflictError(next.problem);
    const note = p.note?.trim() ?? '';
    const set: Partial<Row> = { stage: next.stage };
    let unitId = r.unit_id;
    if (p.action === 'route') {
      if (p.unitId === undefined || !(await findUnitById(trx, p.unitId)))
        throw new InputRejectedError('请选择承办单位', [{ field: 'unitId', message: '请选择承办单位' }]);
      const limit = { ...(await requestLimits(trx))[r.category as RequestCategory] };
      if (p.answerDays !== undefined) limit.answerDays = p.answerDays;
      let due: { signDue: string; answerDue: string };
      try {
        due = dueDates(calendar, today, limit);
      } catch (e) {
        throw new InputRejectedError(`无法计算办理期限：${(e as Error).message}`, [{ field: 'today', message: '超出工作日历覆盖的年份' }]);
      }
      unitId = p.unitId;
      Object.assign(set, { unit_id: p.unitId, routed_on: today, sign_due: due.signDue, answer_due: due.answerDue, signed_on: null, first_answered_on: null });
    }
    if (p.action === 'sign') set.signed_on = today;
    if (p.action === 'return') {
      if (!note) throw new InputRejectedError('请填写退单理由', [{ field: 'note', message: '请填写退单理由' }]);
      const late = returnProblem(calendar, r.routed_on, today);
      if (late) throw new ConflictError(late);
      Object.assign(set, {
        unit_id: null,
        transfers: r.transfers + 1,
        returned_by: r.unit_id === null ? r.returned_by : [...r.returned_by, r.unit_id],
        sign_due: null,
        answer_due: null,
        signed_on: null,
      });
    }
    if (p.action === 'note' && !note) throw new InputRejectedError('请填写办理情况', [{ field: 'note', message: '请填写办理情况' }]);
    if (r.suspended_on && (p.action === 'answer' || p.action === 'return'))
      throw new ConflictError(`诉求已挂起（${r.suspended_on} 起），请先恢复办理再${spec.label}`);
    if (p.action === 'answer') {
      if (!note) throw new InputRejectedError('请填写答复内容', [{ field: 'note', message: '请填写答复内容' }]);
      Object.assign(set, { answered_on: today, answer: note, first_answered_on: r.first_answered_on ?? today });
      // An ask for suspension or extension still open lapses with the answer.
      await trx
        .updateTable('request_hold')
        .set({ state: '未同意', decided_on: today, decision_note: '诉求已答复，申请自动失效' })
        .where('request_id', '=', id)
        .where('state', '=', '待审批')
        .execute();
    }
    const escalateNow = !r.escalated_on && shouldEscalate({ reopens: r.reopens, transfers: set.transfers ?? r.transfers });
    if (escalateNow) set.escalated_on = today;
    await trx
      .updateTable('request_item')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('request_event')
      .values({
        request_id: id,
        action: p.action,
        stage: next.stage,
        unit_id: p.action === 'return' ? r.unit_id : unitId,
        note: note || null,
        actor: user.account,
        on_day: today,
      })
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: `requests.${p.action}`,
      entity: 'request_item',
      entityId: id,
      before: { stage: r.stage, unit_id: r.unit_id, transfers: r.transfers },
      after: { ...set, note: note || null },
    });
    await noticesAfterStep(trx, { ...r, unit_id: unitId }, p.action, r.unit_id, note, set);
    if (escalateNow) await escalationNotice(trx, r.id, r.number, r.subject, r.reopens, set.transfers ?? r.transfers);
    return { stage: next.stage };
  }
}

async function noticesAfterStep(
  trx: Db,
  r: { id: number; number: string; subject: string; category: string; channel: string; filed_by: string; unit_id: number | null; enterprise_id: number | null },
  action: RequestAction,
  previousUnit: number | null,
  note: string,
  set: Partial<Row>,
) {
  const title = `${r.number} ${shortText(r.subject, 20)}`;
  const office = await activeAccountIdsByRole(trx, ['office']);
  if (action === 'route' && r.unit_id !== null) {
    await resolveNotices(trx, { kind: ['request.filed', 'request.returned'], link: link(r.id), userIds: office });
    await notify(trx, {
      userIds: await accountIdsOfUnits(trx, [r.unit_id]),
      kind: 'request.routed',
      title: `诉求待签收：${title}`,
      body: `${r.category}类诉求，请于 ${set.sign_due} 前签收，${set.answer_due} 前答复；派错可在签收期限内退单。`,
      link: link(r.id),
      dedupeKey: `request:${r.id}:route:${set.routed_on}:${r.unit_id}`,
    });
  }
  if (action === 'sign' && r.unit_id !== null)
    await resolveNotices(trx, {
      kind: ['request.routed', 'request.reminder', 'request.urged'],
      link: link(r.id),
      userIds: await accountIdsOfUnits(trx, [r.unit_id]),
    });
  if (action === 'return' && previousUnit !== null) {
    await resolveNotices(trx, { kind: ['request.routed', 'request.reopened'], link: link(r.id), userIds: await accountIdsOfUnits(trx, [previousUnit]) });
    const unit = await findUnitById(trx, previousUnit);
    await notify(trx, {
      userIds: office,
      kind: 'request.returned',
      title: `诉求退单：${title}`,
      body: `${unit?.name ?? '承办单位'}退单，理由：${shortText(note, 60)}。请重新派单。`,
      link: link(r.id),
      dedupeKey: `request:${r.id}:return:${set.transfers}`,
    });
  }
  if (action === 'answer') {
    if (r.unit_id !== null)
      await resolveNotices(trx, {
        kind: ['request.routed', 'request.reopened', 'request.reminder', 'request.urged', 'request.hold'],
        link: link(r.id),
        userIds: await accountIdsOfUnits(trx, [r.unit_id]),
      });
    const rater = await raterOf(trx, r);
    const raters = rater.filedByReporter
      ? await reporterAccountIds(trx, r)
      : r.enterprise_id !== null
        ? await enterpriseAccountIds(trx, [r.enterprise_id])
        : [];
    if (raters.length)
      await notify(trx, {
        userIds: raters,
        kind: 'request.answered',
        title: `诉求已答复：${title}`,
        body: '承办单位已答复您的诉求，请查看答复并评价（满意、基本满意或不满意）。',
        link: link(r.id),
        dedupeKey: `request:${r.id}:answer:${set.answered_on}:${note.length}`,
      });
  }
}

async function escalationNotice(trx: Db, id: number, number: string, subject: string, reopens: number, transfers: number) {
  await notify(trx, {
    userIds: await activeAccountIdsByRole(trx, ['office', 'leader']),
    kind: 'request.escalated',
    title: `问题工单：${number} ${shortText(subject, 20)}`,
    body: `该诉求已重办 ${reopens} 次、退单 ${transfers} 次，转为问题工单提级督办。`,
    link: link(id),
    dedupeKey: `request:${id}:escalated`,
  });
}

/** The enterprise rates the answer (回访/评价): 满意/基本满意 close the request; 不满意 reopens it (重办) to the same unit. */
export async function rateRequest(db: Db, user: SessionUser, id: number, p: { rating: Rating; comment?: string; today?: string }) {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const today = p.today ?? chinaToday();
  return db.transaction().execute(async (trx) => {
    const r = await loadForUpdate(trx, id);
    const rater = await raterOf(trx, r);
    if (!ratesAnswer(user, rater))
      throw new ForbiddenError(
        user.role === 'supervisor' ? '只能评价本人反映问题的答复' : rater.filedByReporter ? '监督员、专家反映的问题由本人评价' : '只有提出诉求的企业可以评价',
      );
    const done = await applyRating(trx, calendar, user, r, { ...p, today });
    await resolveNotices(trx, { kind: 'request.answered', link: link(id), userIds: [user.id] });
    return done;
  });
}

/** What `ratesAnswer` needs of a request: whether it is a registered 监督员's or expert's own report. */
async function raterOf(db: Db, r: { channel: string; filed_by: string; enterprise_id: number | null }) {
  const filedByReporter =
    (REPORTER_KINDS as readonly string[]).includes(r.channel) &&
    (await db.selectFrom('request_reporter').select('user_id').where('account', '=', r.filed_by).executeTakeFirst()) !== undefined;
  return { filedBy: r.filed_by, filedByReporter, enterpriseId: r.enterprise_id };
}

/** The account of the 监督员 or expert whose own report this is (told of the answer, rates it), or none. */
async function reporterAccountIds(db: Db, r: { channel: string; filed_by: string }): Promise<number[]> {
  if (!(REPORTER_KINDS as readonly string[]).includes(r.channel)) return [];
  const row = await db.selectFrom('request_reporter').select('user_id').where('account', '=', r.filed_by).where('active', '=', true).executeTakeFirst();
  return row ? [row.user_id] : [];
}

/**
 * Applies a rating (the enterprise's own, or the answer staff recorded after a call back: `callback`) to a request
 * loaded for update, inside the caller's transaction: 满意/基本满意 close it, 不满意 reopens it (重办) to the same unit.
 */
export async function applyRating(
  trx: Db,
  calendar: { addWorkingDays(date: string, n: number): string },
  user: SessionUser,
  r: Awaited<ReturnType<typeof loadForUpdate>>,
  p: { rating: Rating; comment?: string; today: string; callback?: { at: Date } },
) {
  const id = r.id;
  const today = p.today;
  const next = nextStage(r.stage as RequestStage, 'rate');
  if ('problem' in next) throw new ConflictError(next.problem);
  const comment = p.comment?.trim() ?? '';
  if (p.rating === '不满意' && !comment)
    throw new InputRejectedError('请说明不满意的原因', [{ field: 'comment', message: '选择“不满意”时请说明原因，承办单位将据此重办' }]);
  const after = afterRating(p.rating);
  const set: Partial<Row> = { stage: after.stage, rating: p.rating, rating_comment: comment || null, rated_on: today };
  if (p.callback) Object.assign(set, { callback_by: user.account, callback_at: p.callback.at });
  if (after.reopen) {
    const limit = { ...(await requestLimits(trx))[r.category as RequestCategory] };
    limit.answerDays = answerDaysFor(r.category, limit.answerDays, await routedTopicAnswerDays(trx, id));
    Object.assign(set, { reopens: r.reopens + 1, answer_due: reopenedAnswerDue(calendar, today, limit), answered_on: null });
  } else set.closed_on = today;
  const escalateNow = !r.escalated_on && shouldEscalate({ reopens: set.reopens ?? r.reopens, transfers: r.transfers });
  if (escalateNow) set.escalated_on = today;
  await trx
    .updateTable('request_item')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  const text = `${p.callback ? `电话回访（${callbackTime(p.callback.at)}）：` : ''}${p.rating}${comment ? `：${comment}` : ''}`;
  await trx
    .insertInto('request_event')
    .values({
      request_id: id,
      action: p.callback ? 'callback' : 'rate',
      stage: after.stage,
      unit_id: r.unit_id,
      note: text,
      actor: user.account,
      on_day: today,
    })
    .execute();
  if (after.reopen)
    await trx
      .insertInto('request_event')
      .values({
        request_id: id,
        action: 'reopen',
        stage: '办理',
        unit_id: r.unit_id,
        note: `第 ${set.reopens} 次重办，答复期限 ${set.answer_due}`,
        actor: user.account,
        on_day: today,
      })
      .execute();
  await recordAudit(trx, {
    actor: user.account,
    action: after.reopen ? 'requests.reopen' : p.callback ? 'requests.callback' : 'requests.rate',
    entity: 'request_item',
    entityId: id,
    before: { stage: r.stage, rating: r.rating, reopens: r.reopens },
    after: set,
  });
  if (after.reopen && r.unit_id !== null)
    await notify(trx, {
      userIds: await accountIdsOfUnits(trx, [r.unit_id]),
      kind: 'request.reopened',
      title: `诉求重办：${r.number} ${shortText(r.subject, 20)}`,
      body: `企业对答复不满意（${shortText(comment, 60)}），请重新办理，于 ${set.answer_due} 前答复。`,
      link: link(id),
      dedupeKey: `request:${id}:reopen:${set.reopens}`,
    });
  if (escalateNow) await escalationNotice(trx, id, r.number, r.subject, set.reopens ?? r.reopens, r.transfers);
  return { stage: after.stage, reopened: after.reopen };
}

/** A call's time as China time, e.g. 2026-11-30 10:05. */
function callbackTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// ---- reading ----

export interface RequestFilter {
  stage?: RequestStage;
  category?: RequestCategory;
  channel?: RequestChannel;
  unitId?: number;
  /** Only overdue (sign or answer) as of today. */
  overdue?: boolean;
  escalated?: boolean;
  /** Number or words of the subject. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** What a user may see: enterprises their own firm's requests, unit staff their units', others all. */
function scoped(db: Db, user: SessionUser) {
  let q = db.selectFrom('request_item as r').leftJoin('unit as u', 'u.id', 'r.unit_id');
  if (user.role === 'enterprise') q = q.where('r.enterprise_id', '=', user.enterpriseId ?? -1);
  else if (user.role === 'unit_staff') q = q.where('r.unit_id', 'in', user.unitIds.length ? user.unitIds : [-1]);
  // A 监督员 or expert: the reports they filed themselves.
  else if (user.role === 'supervisor') q = q.where('r.filed_by', '=', user.account);
  return q;
}

/** Contact data are shown in full to the office, the handling unit, the firm itself and the reporter (own reports only); masked for leaders. */
function seesContact(user: SessionUser, r: { unit_id: number | null; enterprise_id: number | null }): boolean {
  return user.role === 'supervisor' || actorSide(user, { unitId: r.unit_id, enterpriseId: r.enterprise_id }) !== null;
}

export async function listRequests(db: Db, user: SessionUser, f: RequestFilter = {}, today = chinaToday()) {
  let q = scoped(db, user);
  if (f.stage) q = q.where('r.stage', '=', f.stage);
  if (f.category) q = q.where('r.category', '=', f.category);
  if (f.channel) q = q.where('r.channel', '=', f.channel);
  if (f.unitId !== undefined) q = q.where('r.unit_id', '=', f.unitId);
  if (f.escalated) q = q.where('r.escalated_on', 'is not', null);
  if (f.overdue)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('r.stage', '=', '派单'), eb('r.sign_due', '<', today)]),
        eb.and([eb('r.stage', 'in', ['派单', '办理']), eb('r.answer_due', '<', today), eb('r.suspended_on', 'is', null)]),
      ]),
    );
  const text = f.q?.trim();
  if (text) {
    const n = parseRequestNumber(text);
    q = n
      ? q.where('r.year', '=', n.year).where('r.seq', '=', n.seq)
      : q.where((eb) => eb.or([eb('r.subject', 'ilike', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('r.number', '=', text)]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = f.pageSize ?? 20;
  const page = f.page ?? 1;
  const rows = await q
    .selectAll('r')
    .select('u.name as unit_name')
    .orderBy('r.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const firms = await enterpriseNames(db, [...new Set(rows.flatMap((r) => (r.enterprise_id === null ? [] : [r.enterprise_id])))]);
  return { total, page, pageSize, items: rows.map((r) => toSummary(user, r, firms, today)) };
}

type ItemRow = Awaited<ReturnType<typeof loadForUpdate>> & { unit_name: string | null };

function toSummary(user: SessionUser, r: ItemRow, firms: Map<number, { name: string }>, today: string) {
  const late = overdue(
    { stage: r.stage as RequestStage, signDue: r.sign_due, signedOn: r.signed_on, answerDue: r.answer_due, suspendedOn: r.suspended_on },
    today,
  );
  const full = seesContact(user, r);
  return {
    id: r.id,
    number: r.number,
    category: r.category as RequestCategory,
    channel: r.channel as RequestChannel,
    subject: r.subject,
    stage: r.stage as RequestStage,
    stageLabel: STAGE_INFO[r.stage as RequestStage].label,
    waitingFor: STAGE_INFO[r.stage as RequestStage].waitingFor,
    enterpriseName: r.enterprise_id === null ? null : (firms.get(r.enterprise_id)?.name ?? null),
    contactName: full ? r.contact_name : maskName(r.contact_name),
    contactPhone: full ? r.contact_phone : maskPhone(r.contact_phone),
    unitId: r.unit_id,
    unitName: r.unit_name,
    filedOn: r.filed_on,
    routedOn: r.routed_on,
    signDue: r.sign_due,
    signedOn: r.signed_on,
    answerDue: r.answer_due,
    answeredOn: r.answered_on,
    rating: r.rating as Rating | null,
    closedOn: r.closed_on,
    reopens: r.reopens,
    transfers: r.transfers,
    escalated: r.escalated_on !== null,
    suspendedOn: r.suspended_on,
    urges: r.urges,
    signOverdue: late.sign,
    answerOverdue: late.answer,
  };
}

const EVENT_LABELS: Record<string, string> = {
  file: '受理',
  route: '派单',
  sign: '签收',
  return: '退单',
  note: '办理记录',
  answer: '答复',
  rate: '评价',
  reopen: '重办',
  'suspend-ask': '申请挂起',
  'extend-ask': '申请延期',
  'suspend-approve': '同意挂起',
  'extend-approve': '同意延期',
  'suspend-refuse': '不同意挂起',
  'extend-refuse': '不同意延期',
  resume: '恢复办理',
  urge: '催办',
  order: '督办单',
  callback: '回访评价',
};

/** Steps the enterprise sees as 营商办's, and as the unit's (not the staff member's name). */
const OFFICE_EVENTS = new Set(['route', 'suspend-approve', 'extend-approve', 'suspend-refuse', 'extend-refuse', 'urge', 'order', 'callback']);
const UNIT_EVENTS = new Set(['sign', 'return', 'note', 'answer', 'suspend-ask', 'extend-ask', 'resume']);

/** One request with its timeline and the steps the user may take now. */
export async function getRequest(db: Db, user: SessionUser, id: number, today = chinaToday()) {
  const r = await scoped(db, user).selectAll('r').select('u.name as unit_name').where('r.id', '=', id).executeTakeFirst();
  if (!r) {
    const exists = await db.selectFrom('request_item').select('id').where('id', '=', id).executeTakeFirst();
    if (exists)
      throw new ForbiddenError(
        user.role === 'enterprise' ? '只能查看本企业的诉求' : user.role === 'supervisor' ? '只能查看本人反映的问题' : '只能查看派给本单位的诉求',
      );
    throw new NotFoundError('诉求（不存在或已删除）');
  }
  const firms = await enterpriseNames(db, r.enterprise_id === null ? [] : [r.enterprise_id]);
  const events = await db
    .selectFrom('request_event as e')
    .leftJoin('unit as u', 'u.id', 'e.unit_id')
    .select(['e.id', 'e.action', 'e.stage', 'e.note', 'e.actor', 'e.on_day', 'e.at', 'u.name as unit_name'])
    .where('e.request_id', '=', id)
    .orderBy('e.id')
    .execute();
  const name = await actorNamer(
    db,
    events.map((e) => e.actor),
  );
  const side = actorSide(user, { unitId: r.unit_id, enterpriseId: r.enterprise_id });
  const actions = allowedActions(r.stage as RequestStage, side);
  const rates = ratesAnswer(user, await raterOf(db, r));
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  return {
    ...toSummary(user, r, firms, today),
    description: r.description,
    answer: r.answer,
    ratingComment: r.rating_comment,
    ...(await timeDetail(db, user, r)),
    actions: [...actions, ...(user.role === 'supervisor' && r.stage === '答复' ? (['rate'] as const) : [])].filter(
      (a) => (a !== 'return' || returnProblem(calendar, r.routed_on, today) === null) && (a !== 'rate' || rates),
    ),
    timeline: events.map((e) => ({
      action: e.action,
      label: EVENT_LABELS[e.action] ?? e.action,
      stage: e.stage as RequestStage,
      unitName: e.unit_name,
      note: e.note,
      actor: eventActor(user, e, name),
      onDay: e.on_day,
      at: e.at,
    })),
  };
}

/**
 * Who did a step, as a person sees it: staff see the person's name; the enterprise sees 营商办 for the office's
 * steps and the unit's name for the unit's (not the staff member), and names for its own steps (filing, rating).
 */
function eventActor(user: SessionUser, e: { action: string; actor: string; unit_name: string | null }, name: (a: string) => string): string {
  if (user.role !== 'enterprise' && user.role !== 'supervisor') return name(e.actor);
  if (OFFICE_EVENTS.has(e.action)) return '营商办';
  if (UNIT_EVENTS.has(e.action)) return e.unit_name ?? '承办单位';
  return name(e.actor);
}
