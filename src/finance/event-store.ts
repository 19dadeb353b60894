/**
 * 银企对接 events (专项对接活动, 培训) kept by 区金融办: date, banks, enterprises invited and present, needs raised and
 * deals signed, with the figures per event (`core/events.ts`). Create and edit are one transaction each, audited.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { InputRejectedError, NotFoundError } from '../shared/index.js';
import { EVENT_KIND_LABELS, eventFigures, eventProblems, type EventDeal, type EventFigures, type EventKind, type EventParticipant } from './core/index.js';

type Db = Kysely<Database>;

export interface EventInput {
  kind: EventKind;
  title: string;
  heldOn: string;
  place: string | null;
  note: string | null;
  institutionIds: number[];
  participants: EventParticipant[];
  needsRaised: number;
  deals: EventDeal[];
}

export interface EventItem extends EventInput {
  id: number;
  kindLabel: string;
  institutions: Array<{ id: number; name: string }>;
  participantNames: Array<EventParticipant & { name: string }>;
  dealNames: Array<EventDeal & { enterpriseName: string; institutionName: string }>;
  figures: EventFigures;
  isDemo: boolean;
}

async function institutionNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('finance_institution').select(['id', 'name', 'branch']).where('id', 'in', ids).execute();
  return new Map(rows.map((i) => [i.id, i.branch ? `${i.name}${i.branch}` : i.name]));
}

async function check(db: Db, input: EventInput): Promise<void> {
  const problems = eventProblems(input);
  const inst = await institutionNames(db, [...new Set([...input.institutionIds, ...input.deals.map((d) => d.institutionId)])]);
  if (input.institutionIds.some((id) => !inst.has(id))) problems.push({ field: '参加机构', message: '金融机构不存在' });
  const firmIds = [...new Set(input.participants.map((p) => p.enterpriseId))];
  const firms = await enterpriseNames(db, firmIds);
  if (firmIds.some((id) => !firms.has(id))) problems.push({ field: '参会企业', message: '企业不存在' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn)) problems.push({ field: '活动日期', message: '日期格式应为 YYYY-MM-DD' });
  if (problems.length) throw new InputRejectedError('对接活动信息有误', problems);
}

async function writeRows(trx: Db, id: number, input: EventInput): Promise<void> {
  await trx.deleteFrom('finance_event_enterprise').where('event_id', '=', id).execute();
  await trx.deleteFrom('finance_event_deal').where('event_id', '=', id).execute();
  if (input.participants.length)
    await trx
      .insertInto('finance_event_enterprise')
      .values(input.participants.map((p) => ({ event_id: id, enterprise_id: p.enterpriseId, invited: p.invited, present: p.present })))
      .execute();
  if (input.deals.length)
    await trx
      .insertInto('finance_event_deal')
      .values(input.deals.map((d) => ({ event_id: id, enterprise_id: d.enterpriseId, institution_id: d.institutionId, amount: d.amount })))
      .execute();
}

const columns = (input: EventInput) => ({
  kind: input.kind,
  title: input.title.trim(),
  held_on: input.heldOn,
  place: input.place,
  note: input.note,
  institution_ids: [...new Set(input.institutionIds)],
  needs_raised: input.needsRaised,
});

export async function createEvent(db: Db, actor: string, input: EventInput, opts: { isDemo?: boolean } = {}): Promise<EventItem> {
  await check(db, input);
  const id = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('finance_event')
      .values({ ...columns(input), is_demo: opts.isDemo ?? false, created_by: actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeRows(trx, r.id, input);
    await recordAudit(trx, { actor, action: 'finance.event.create', entity: 'finance_event', entityId: r.id, after: input });
    return r.id;
  });
  return getEvent(db, id);
}

export async function updateEvent(db: Db, actor: string, id: number, input: EventInput): Promise<EventItem> {
  const before = await getEvent(db, id);
  await check(db, input);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('finance_event')
      .set({ ...columns(input), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await writeRows(trx, id, input);
    await recordAudit(trx, { actor, action: 'finance.event.update', entity: 'finance_event', entityId: id, before, after: input });
  });
  return getEvent(db, id);
}

async function describe(db: Db, ids: number[]): Promise<EventItem[]> {
  if (!ids.length) return [];
  const events = await db.selectFrom('finance_event').selectAll().where('id', 'in', ids).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
  const parts = await db.selectFrom('finance_event_enterprise').selectAll().where('event_id', 'in', ids).orderBy('enterprise_id').execute();
  const deals = await db.selectFrom('finance_event_deal').selectAll().where('event_id', 'in', ids).orderBy('id').execute();
  const inst = await institutionNames(db, [...new Set([...events.flatMap((e) => e.institution_ids), ...deals.map((d) => d.institution_id)])]);
  const firms = await enterpriseNames(db, [...new Set([...parts.map((p) => p.enterprise_id), ...deals.map((d) => d.enterprise_id)])]);
  return events.map((e) => {
    const participants = parts.filter((p) => p.event_id === e.id).map((p) => ({ enterpriseId: p.enterprise_id, invited: p.invited, present: p.present }));
    const dealRows = deals
      .filter((d) => d.event_id === e.id)
      .map((d) => ({ enterpriseId: d.enterprise_id, institutionId: d.institution_id, amount: Number(d.amount) }));
    return {
      id: e.id,
      kind: e.kind,
      kindLabel: EVENT_KIND_LABELS[e.kind],
      title: e.title,
      heldOn: e.held_on,
      place: e.place,
      note: e.note,
      institutionIds: e.institution_ids,
      institutions: e.institution_ids.map((id) => ({ id, name: inst.get(id) ?? '' })),
      participants,
      participantNames: participants.map((p) => ({ ...p, name: firms.get(p.enterpriseId)?.name ?? '' })),
      needsRaised: e.needs_raised,
      deals: dealRows,
      dealNames: dealRows.map((d) => ({ ...d, enterpriseName: firms.get(d.enterpriseId)?.name ?? '', institutionName: inst.get(d.institutionId) ?? '' })),
      figures: eventFigures({ institutionIds: e.institution_ids, participants, needsRaised: e.needs_raised, deals: dealRows }),
      isDemo: e.is_demo,
    };
  });
}

export async function getEvent(db: Db, id: number): Promise<EventItem> {
  const [e] = await describe(db, [id]);
  if (!e) throw new NotFoundError('对接活动不存在');
  return e;
}

/** Events held in a year (newest first), each with its figures, and the year's totals. */
export async function listEvents(db: Db, year?: number): Promise<{ items: EventItem[]; totals: EventFigures & { events: number } }> {
  let q = db.selectFrom('finance_event').select('id');
  if (year !== undefined) q = q.where('held_on', '>=', `${year}-01-01`).where('held_on', '<=', `${year}-12-31`);
  const ids = (await q.execute()).map((r) => r.id);
  const items = await describe(db, ids);
  const sum = (f: (x: EventFigures) => number) => items.reduce((s, e) => s + f(e.figures), 0);
  const invited = sum((f) => f.invited);
  const presentInvited = items.reduce((s, e) => s + e.participants.filter((p) => p.invited && p.present).length, 0);
  return {
    items,
    totals: {
      events: items.length,
      banks: new Set(items.flatMap((e) => e.institutionIds)).size,
      invited,
      present: sum((f) => f.present),
      attendanceRate: invited ? Math.round((presentInvited / invited) * 10000) / 100 : null,
      walkIns: sum((f) => f.walkIns),
      needsRaised: sum((f) => f.needsRaised),
      deals: sum((f) => f.deals),
      dealAmount: Math.round(sum((f) => f.dealAmount) * 100) / 100,
      enterprisesWithDeals: new Set(items.flatMap((e) => e.deals.map((d) => d.enterpriseId))).size,
    },
  };
}
