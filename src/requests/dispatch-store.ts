/**
 * 派单 by the 派单目录: the office picks the topic and the unit (the suggestion pre-filled, which it confirms or
 * changes); the decision is recorded with the suggestion of that moment and whether it was taken, and the request is
 * routed in the same transaction (with the topic's answer-limit override for 求决 and 投诉举报).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { actorNamer, type SessionUser } from '../auth/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { InputRejectedError, NotFoundError } from '../shared/index.js';
import { OVERRIDABLE_CATEGORIES, type RouteSuggestion } from './core/index.js';
import { actOnRequestIn } from './request-store.js';
import { suggestForText } from './routing-store.js';

type Db = Kysely<Database>;

export async function dispatchRequest(db: Db, user: SessionUser, id: number, p: { topicId: number; unitId: number; today?: string }) {
  const calendar = provisionalWorkingDays(await loadCalendar(db));
  const today = p.today ?? chinaToday();
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('request_item').select(['subject', 'description', 'category']).where('id', '=', id).executeTakeFirst();
    if (!r) throw new NotFoundError('诉求（不存在或已删除）');
    const topic = await trx.selectFrom('request_topic').select(['id', 'name', 'answer_days', 'active']).where('id', '=', p.topicId).executeTakeFirst();
    if (!topic?.active) throw new InputRejectedError('请选择事项类别', [{ field: 'topicId', message: '事项类别不存在或已停用' }]);
    const top = (await suggestForText(trx, r.subject, r.description))[0];
    const override = topic.answer_days !== null && (OVERRIDABLE_CATEGORIES as readonly string[]).includes(r.category) ? topic.answer_days : undefined;
    const moved = await actOnRequestIn(trx, calendar, user, id, { action: 'route', unitId: p.unitId, today, answerDays: override });
    const topicTaken = top?.topicId === p.topicId;
    const unitTaken = top?.unitId === p.unitId;
    await trx
      .insertInto('request_dispatch')
      .values({
        request_id: id,
        topic_id: p.topicId,
        unit_id: p.unitId,
        suggested_topic_id: top?.topicId ?? null,
        suggested_unit_id: top?.unitId ?? null,
        topic_taken: topicTaken,
        unit_taken: unitTaken,
        actor: user.account,
        on_day: today,
      })
      .execute();
    await trx
      .insertInto('request_routing')
      .values({ request_id: id, suggestion: '[]', topic_id: p.topicId })
      .onConflict((oc) => oc.column('request_id').doUpdateSet({ topic_id: p.topicId }))
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.dispatch',
      entity: 'request_item',
      entityId: id,
      after: { topicId: p.topicId, unitId: p.unitId, suggested: top ? { topicId: top.topicId, unitId: top.unitId } : null, topicTaken, unitTaken },
    });
    return { ...moved, topicTaken, unitTaken };
  });
}

/** The 派单 screen: the suggestion at arrival, the live one, the topic chosen and every 派单 decision. */
export async function requestRouting(db: Db, id: number) {
  const r = await db.selectFrom('request_item').select(['subject', 'description']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError('诉求（不存在或已删除）');
  const routing = await db
    .selectFrom('request_routing as r')
    .leftJoin('request_topic as t', 't.id', 'r.topic_id')
    .select(['r.suggestion', 'r.topic_id', 't.name as topic_name'])
    .where('r.request_id', '=', id)
    .executeTakeFirst();
  const decisions = await db
    .selectFrom('request_dispatch as d')
    .innerJoin('request_topic as t', 't.id', 'd.topic_id')
    .innerJoin('unit as u', 'u.id', 'd.unit_id')
    .select(['d.topic_id', 't.name as topic_name', 'u.name as unit_name', 'd.topic_taken', 'd.unit_taken', 'd.actor', 'd.on_day'])
    .where('d.request_id', '=', id)
    .orderBy('d.id')
    .execute();
  const name = await actorNamer(
    db,
    decisions.map((d) => d.actor),
  );
  const atArrival = Array.isArray(routing?.suggestion) ? (routing.suggestion as RouteSuggestion[]) : [];
  return {
    current: await suggestForText(db, r.subject, r.description),
    atArrival,
    topicId: routing?.topic_id ?? null,
    topicName: routing?.topic_name ?? null,
    decisions: decisions.map((d) => ({
      topicName: d.topic_name,
      unitName: d.unit_name,
      topicTaken: d.topic_taken,
      unitTaken: d.unit_taken,
      actor: name(d.actor),
      onDay: d.on_day,
    })),
  };
}

/** How often the office took the suggestion (per 派单 decision, days inclusive): a quality figure of the catalogue. */
export async function suggestionTaken(db: Db, from: string, to: string) {
  const r = await db
    .selectFrom('request_dispatch')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('id').filterWhere('topic_taken', '=', true).as('topics'),
      eb.fn.count<number>('id').filterWhere('unit_taken', '=', true).as('units'),
    ])
    .where('on_day', '>=', from)
    .where('on_day', '<=', to)
    .executeTakeFirstOrThrow();
  return { dispatches: Number(r.n), topicTaken: Number(r.topics), unitTaken: Number(r.units) };
}
