/**
 * Handling time of a request (issue 14, "Handling and time limits"): the unit asks to suspend (挂起) or extend (延期)
 * with a reason, the office approves or refuses; a suspended request is resumed by the unit or the office and its
 * answer deadline moves by the working days suspended; the office urges (催办) the unit; staff record the rating of
 * a call back (回访) for requests filed by staff; the ledger links a supervision order raised on the request's unit.
 * Every change is one transaction with its timeline event, audit entry and notices. Rules: ./core/time.ts.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { accountIdsOfUnits, activeAccountIdsByRole, type SessionUser } from '../auth/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { notify, resolveNotices, shortText } from '../inbox/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError } from '../shared/index.js';
import { actorSide, afterResume, callbackProblem, extendedDue, holdAskProblem, type HoldKind, type Rating, type RequestStage } from './core/index.js';
import { applyRating } from './request-store.js';

type Db = Kysely<Database>;

const link = (id: number) => `/requests/${id}`;

async function lockRequest(trx: Db, id: number) {
  const r = await trx.selectFrom('request_item').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw new NotFoundError('诉求（不存在或已删除）');
  return r;
}
type ItemRow = Awaited<ReturnType<typeof lockRequest>>;

const sideOf = (user: SessionUser, r: ItemRow) => actorSide(user, { unitId: r.unit_id, enterpriseId: r.enterprise_id });
const titleOf = (r: ItemRow) => `${r.number} ${shortText(r.subject, 20)}`;

function timeState(r: ItemRow, set: Partial<Pick<ItemRow, 'answer_due' | 'suspended_on' | 'suspended_days' | 'extended_days' | 'urges'>>) {
  const v = { ...r, ...set };
  return { answerDue: v.answer_due, suspendedOn: v.suspended_on, suspendedDays: v.suspended_days, extendedDays: v.extended_days, urges: v.urges };
}

async function event(trx: Db, r: ItemRow, action: string, actor: string, note: string, today: string) {
  await trx.insertInto('request_event').values({ request_id: r.id, action, stage: r.stage, unit_id: r.unit_id, note, actor, on_day: today }).execute();
}

/** The routed unit asks the office to suspend (挂起) or extend (延期) a request it is handling. */
export async function askHold(db: Db, user: SessionUser, id: number, p: { kind: HoldKind; reason: string; days?: number; today?: string }) {
  const today = p.today ?? chinaToday();
  return db.transaction().execute(async (trx) => {
    const r = await lockRequest(trx, id);
    if (sideOf(user, r) !== 'unit') throw new ForbiddenError(`“申请${p.kind}”由承办单位操作`);
    const reason = p.reason.trim();
    if (!reason) throw new InputRejectedError(`请填写${p.kind}理由`, [{ field: 'reason', message: `请填写${p.kind}理由` }]);
    const pending = await trx.selectFrom('request_hold').select('id').where('request_id', '=', id).where('state', '=', '待审批').executeTakeFirst();
    const problem = holdAskProblem({ stage: r.stage as RequestStage, suspendedOn: r.suspended_on, pending: !!pending }, p.kind, p.days);
    if (problem) throw problem.field === 'days' ? new InputRejectedError(problem.message, [problem]) : new ConflictError(problem.message);
    const days = p.kind === '延期' ? p.days! : null;
    const h = await trx
      .insertInto('request_hold')
      .values({ request_id: id, kind: p.kind, reason, days, state: '待审批', asked_by: user.account, asked_on: today })
      .returning('id')
      .executeTakeFirstOrThrow();
    const what = p.kind === '延期' ? `延期 ${days} 个工作日` : '挂起';
    await event(trx, r, p.kind === '挂起' ? 'suspend-ask' : 'extend-ask', user.account, `申请${what}：${reason}`, today);
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.hold.ask',
      entity: 'request_hold',
      entityId: h.id,
      after: { requestId: id, kind: p.kind, reason, days },
    });
    await notify(trx, {
      userIds: await activeAccountIdsByRole(trx, ['office']),
      kind: 'request.hold',
      title: `诉求申请${p.kind}待审批：${titleOf(r)}`,
      body: `承办单位申请${what}，理由：${shortText(reason, 60)}。答复期限 ${r.answer_due}。`,
      link: link(id),
      dedupeKey: `request:${id}:hold:${h.id}`,
    });
    return { holdId: h.id };
  });
}

/** The office approves or refuses the open ask. Approving a suspension stops the clock today; an extension moves the deadline. */
export async function decideHold(db: Db, user: SessionUser, id: number, p: { approve: boolean; note?: string; today?: string }) {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const today = p.today ?? chinaToday();
  return db.transaction().execute(async (trx) => {
    const r = await lockRequest(trx, id);
    if (sideOf(user, r) !== 'office') throw new ForbiddenError('挂起、延期由营商办审批');
    const h = await trx.selectFrom('request_hold').selectAll().where('request_id', '=', id).where('state', '=', '待审批').forUpdate().executeTakeFirst();
    if (!h) throw new ConflictError('没有待审批的挂起或延期申请');
    const note = p.note?.trim() ?? '';
    if (!p.approve && !note) throw new InputRejectedError('请填写不同意的理由', [{ field: 'note', message: '请填写不同意的理由' }]);
    if (p.approve && r.stage !== '办理') throw new ConflictError(`诉求处于“${r.stage}”状态，不能批准${h.kind}`);
    const set: Partial<ItemRow> = {};
    if (p.approve && h.kind === '挂起') set.suspended_on = today;
    if (p.approve && h.kind === '延期') {
      if (!r.answer_due) throw new ConflictError('诉求没有答复期限，不能延期');
      try {
        set.answer_due = extendedDue(calendar, r.answer_due, h.days!);
      } catch (e) {
        throw new InputRejectedError(`无法计算延期后的期限：${(e as Error).message}`, [{ field: 'days', message: '超出工作日历覆盖的年份' }]);
      }
      set.extended_days = r.extended_days + h.days!;
    }
    await trx
      .updateTable('request_hold')
      .set({ state: p.approve ? '已批准' : '未同意', decided_by: user.account, decided_on: today, decision_note: note || null })
      .where('id', '=', h.id)
      .execute();
    if (Object.keys(set).length)
      await trx
        .updateTable('request_item')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    const verb = p.approve ? '同意' : '不同意';
    const result = p.approve
      ? h.kind === '挂起'
        ? `自 ${today} 起挂起，恢复办理后答复期限顺延`
        : `延期 ${h.days} 个工作日，答复期限由 ${r.answer_due} 改为 ${set.answer_due}`
      : `答复期限仍为 ${r.answer_due}`;
    await event(
      trx,
      r,
      `${h.kind === '挂起' ? 'suspend' : 'extend'}-${p.approve ? 'approve' : 'refuse'}`,
      user.account,
      `${verb}${h.kind}：${result}${note ? `。${note}` : ''}`,
      today,
    );
    await recordAudit(trx, {
      actor: user.account,
      action: p.approve ? 'requests.hold.approve' : 'requests.hold.refuse',
      entity: 'request_hold',
      entityId: h.id,
      before: { state: h.state, answer_due: r.answer_due, suspended_on: r.suspended_on },
      after: { requestId: id, ...set, note: note || null },
    });
    await resolveNotices(trx, { kind: 'request.hold', link: link(id), userIds: await activeAccountIdsByRole(trx, ['office']) });
    if (r.unit_id !== null)
      await notify(trx, {
        userIds: await accountIdsOfUnits(trx, [r.unit_id]),
        kind: 'request.hold',
        title: `营商办${verb}${h.kind}：${titleOf(r)}`,
        body: `${result}${note ? `。审批意见：${shortText(note, 60)}` : ''}。`,
        link: link(id),
        dedupeKey: `request:${id}:hold:${h.id}:decided`,
      });
    return timeState(r, set);
  });
}

/** The unit (materials received) or the office resumes a suspended request: the answer deadline moves by the working days suspended. */
export async function resumeRequest(db: Db, user: SessionUser, id: number, p: { note?: string; today?: string } = {}) {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const today = p.today ?? chinaToday();
  return db.transaction().execute(async (trx) => {
    const r = await lockRequest(trx, id);
    const side = sideOf(user, r);
    if (side !== 'unit' && side !== 'office') throw new ForbiddenError('“恢复办理”由承办单位或营商办操作');
    if (!r.suspended_on || !r.answer_due) throw new ConflictError('诉求未挂起');
    if (today < r.suspended_on) throw new ConflictError(`恢复日期不能早于挂起日期 ${r.suspended_on}`);
    let moved: { days: number; answerDue: string };
    try {
      moved = afterResume(calendar, r.answer_due, r.suspended_on, today);
    } catch (e) {
      throw new InputRejectedError(`无法计算恢复后的期限：${(e as Error).message}`, [{ field: 'today', message: '超出工作日历覆盖的年份' }]);
    }
    const set = { suspended_on: null, answer_due: moved.answerDue, suspended_days: r.suspended_days + moved.days };
    await trx
      .updateTable('request_item')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const hold = await trx
      .selectFrom('request_hold')
      .select('id')
      .where('request_id', '=', id)
      .where('kind', '=', '挂起')
      .where('state', '=', '已批准')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (hold) await trx.updateTable('request_hold').set({ state: '已恢复', ended_on: today, days: moved.days }).where('id', '=', hold.id).execute();
    const note = p.note?.trim() ?? '';
    const text = `挂起 ${r.suspended_on} 至 ${today}，扣除 ${moved.days} 个工作日，答复期限由 ${r.answer_due} 改为 ${moved.answerDue}${note ? `。${note}` : ''}`;
    await event(trx, r, 'resume', user.account, text, today);
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.resume',
      entity: 'request_item',
      entityId: id,
      before: { suspended_on: r.suspended_on, answer_due: r.answer_due, suspended_days: r.suspended_days },
      after: set,
    });
    if (side === 'office' && r.unit_id !== null)
      await notify(trx, {
        userIds: await accountIdsOfUnits(trx, [r.unit_id]),
        kind: 'request.hold',
        title: `诉求恢复办理：${titleOf(r)}`,
        body: `营商办已恢复办理，${text}。`,
        link: link(id),
        dedupeKey: `request:${id}:resume:${r.suspended_on}`,
      });
    return timeState(r, set);
  });
}

/** 催办: the office urges the unit on a request waiting for its signature or answer (a notice, counted). */
export async function urgeRequest(db: Db, user: SessionUser, id: number, p: { note: string; today?: string }) {
  const today = p.today ?? chinaToday();
  return db.transaction().execute(async (trx) => {
    const r = await lockRequest(trx, id);
    if (sideOf(user, r) !== 'office') throw new ForbiddenError('“催办”由营商办操作');
    if ((r.stage !== '派单' && r.stage !== '办理') || r.unit_id === null) throw new ConflictError('只能催办待签收或办理中的诉求');
    const note = p.note.trim();
    if (!note) throw new InputRejectedError('请填写催办意见', [{ field: 'note', message: '请填写催办意见' }]);
    const urges = r.urges + 1;
    await trx.updateTable('request_item').set({ urges, updated_at: new Date() }).where('id', '=', id).execute();
    await event(trx, r, 'urge', user.account, `第 ${urges} 次催办：${note}`, today);
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.urge',
      entity: 'request_item',
      entityId: id,
      before: { urges: r.urges },
      after: { urges, note },
    });
    const due = r.stage === '派单' ? `签收期限 ${r.sign_due}` : `答复期限 ${r.answer_due}`;
    await notify(trx, {
      userIds: await accountIdsOfUnits(trx, [r.unit_id]),
      kind: 'request.urged',
      title: `营商办催办（第 ${urges} 次）：${titleOf(r)}`,
      body: `${note}（${due}）`,
      link: link(id),
      dedupeKey: `request:${id}:urge:${urges}`,
    });
    return timeState(r, { urges });
  });
}

/** Staff (the office) record the rating the contact gave on a call back (回访) for a request filed by staff. */
export async function recordCallback(
  db: Db,
  user: SessionUser,
  id: number,
  p: { rating: Rating; comment?: string; calledAt: string; today?: string; now?: Date },
) {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const today = p.today ?? chinaToday();
  const at = new Date(p.calledAt);
  return db.transaction().execute(async (trx) => {
    const r = await lockRequest(trx, id);
    if (sideOf(user, r) !== 'office') throw new ForbiddenError('回访评价由营商办登记');
    const problem = callbackProblem({ channel: r.channel, stage: r.stage as RequestStage, enterpriseId: r.enterprise_id }, at, p.now ?? new Date());
    if (problem) throw problem.field === 'calledAt' ? new InputRejectedError(problem.message, [problem]) : new ConflictError(problem.message);
    return applyRating(trx, calendar, user, r, { rating: p.rating, comment: p.comment, today, callback: { at } });
  });
}

/**
 * Records, inside the ledger's transaction, that a supervision order was raised on the request's unit (the ledger's
 * `orderForRequest` calls it): the link both ways and a timeline event.
 */
export async function linkOrderToRequest(trx: Db, p: { requestId: number; orderId: number; number: string; actor: string; today: string }) {
  const r = await lockRequest(trx, p.requestId);
  await trx
    .insertInto('request_order')
    .values({ request_id: p.requestId, order_id: p.orderId, number: p.number, raised_by: p.actor, raised_on: p.today })
    .execute();
  await event(trx, r, 'order', p.actor, `营商办就本诉求向承办单位发出督办单 ${p.number}`, p.today);
  await recordAudit(trx, {
    actor: p.actor,
    action: 'requests.order',
    entity: 'request_item',
    entityId: p.requestId,
    after: { orderId: p.orderId, number: p.number },
  });
}
