/**
 * Key investment firms (重点招商企业) and their visits (回访, measure 52). The flag and the unit in charge live here,
 * keyed by enterprise id (see README.md, "政企沟通 and 回访" for why not on the enterprise). Plans per quarter,
 * visit records with the needs found (each may become a request, channel 走访), and the coverage (全覆盖回访) per
 * unit and quarter computed in one SQL statement.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { chinaToday, tryParseIsoDate } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterpriseNames } from '../enterprises/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { findUnitById } from '../units/index.js';
import {
  coverageRate,
  maskName,
  maskPhone,
  periodProblem,
  periodRange,
  phoneProblem,
  REQUEST_CATEGORIES,
  STAGE_INFO,
  VISIT_METHODS,
  type RequestCategory,
  type RequestStage,
  type VisitMethod,
} from './core/index.js';
import { insertRequest } from './request-store.js';

type Db = Kysely<Database>;

const isOffice = (user: SessionUser) => user.role === 'office' || user.role === 'admin';
/** Unit ids a user is limited to: unit staff their units, others none (undefined: all). */
const unitScope = (user: SessionUser): number[] | undefined => (user.role === 'unit_staff' ? (user.unitIds.length ? user.unitIds : [-1]) : undefined);

function checkPeriod(period: string) {
  const p = periodProblem(period);
  if (p) throw new InputRejectedError(p, [{ field: 'period', message: p }]);
  return periodRange(period);
}

// ---- key firms ----

/** The office marks a firm as a key investment firm with the unit in charge of visiting it (or changes the unit). */
export async function setKeyFirm(
  db: Db,
  user: SessionUser,
  enterpriseId: number,
  p: { unitId: number; since?: string; note?: string | null },
  today = chinaToday(),
) {
  const problems: InputProblem[] = [];
  if (!(await enterpriseNames(db, [enterpriseId])).has(enterpriseId)) throw new NotFoundError('企业（不存在）');
  if (!(await findUnitById(db, p.unitId))) problems.push({ field: 'unitId', message: '请选择负责回访的单位' });
  if (p.since !== undefined && Number.isNaN(tryParseIsoDate(p.since))) problems.push({ field: 'since', message: '请填写正确的日期' });
  if (problems.length) throw new InputRejectedError('重点招商企业信息有误', problems);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('request_key_firm').selectAll().where('enterprise_id', '=', enterpriseId).forUpdate().executeTakeFirst();
    const row = { unit_id: p.unitId, since: p.since ?? before?.since ?? today, note: p.note?.trim() || null, set_by: user.account };
    await trx
      .insertInto('request_key_firm')
      .values({ enterprise_id: enterpriseId, ...row })
      .onConflict((oc) => oc.column('enterprise_id').doUpdateSet({ ...row, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.key-firm.set',
      entity: 'request_key_firm',
      entityId: enterpriseId,
      before: before ?? null,
      after: row,
    });
    return { enterpriseId };
  });
}

export async function removeKeyFirm(db: Db, user: SessionUser, enterpriseId: number) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom('request_key_firm').where('enterprise_id', '=', enterpriseId).returningAll().executeTakeFirst();
    if (!before) throw new NotFoundError('重点招商企业（该企业未被标记）');
    await recordAudit(trx, { actor: user.account, action: 'requests.key-firm.remove', entity: 'request_key_firm', entityId: enterpriseId, before });
    return { enterpriseId };
  });
}

/** Key firms (unit staff: those their units are in charge of), with the last visit by the unit in charge. */
export async function listKeyFirms(db: Db, user: SessionUser, f: { unitId?: number } = {}) {
  let q = db
    .selectFrom('request_key_firm as k')
    .innerJoin('unit as u', 'u.id', 'k.unit_id')
    .select([
      'k.enterprise_id',
      'k.unit_id',
      'u.name as unit_name',
      'k.since',
      'k.note',
      (eb) =>
        eb
          .selectFrom('request_visit as v')
          .select((e) => e.fn.max('v.visited_on').as('d'))
          .whereRef('v.enterprise_id', '=', 'k.enterprise_id')
          .whereRef('v.unit_id', '=', 'k.unit_id')
          .as('last_visit'),
    ])
    .orderBy('u.name')
    .orderBy('k.enterprise_id');
  const scope = unitScope(user);
  if (scope) q = q.where('k.unit_id', 'in', scope);
  if (f.unitId !== undefined) q = q.where('k.unit_id', '=', f.unitId);
  const rows = await q.execute();
  const names = await enterpriseNames(
    db,
    rows.map((r) => r.enterprise_id),
  );
  return rows.map((r) => ({
    enterpriseId: r.enterprise_id,
    enterpriseName: names.get(r.enterprise_id)?.name ?? '',
    unitId: r.unit_id,
    unitName: r.unit_name,
    since: r.since,
    note: r.note,
    lastVisit: (r.last_visit as string | null) ?? null,
  }));
}

// ---- plans ----

/** The office plans a quarter: one row per key firm flagged by the quarter's end (those already planned stay). */
export async function planPeriod(db: Db, user: SessionUser, period: string) {
  const { end } = checkPeriod(period);
  return db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('request_visit_plan')
      .columns(['period', 'enterprise_id', 'unit_id', 'created_by'])
      .expression((eb) =>
        eb
          .selectFrom('request_key_firm as k')
          .select([sql.lit(period).as('period'), 'k.enterprise_id', 'k.unit_id', sql.lit(user.account).as('created_by')])
          .where('k.since', '<=', end),
      )
      .onConflict((oc) => oc.columns(['period', 'enterprise_id']).doNothing())
      .returning('id')
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.visit-plan.create',
      entity: 'request_visit_plan',
      entityId: period,
      after: { period, added: added.length },
    });
    return { added: added.length };
  });
}

/** The unit in charge (or the office) sets the planned day and who will visit. */
export async function updatePlan(db: Db, user: SessionUser, planId: number, p: { plannedOn: string | null; visitors?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('request_visit_plan').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('回访计划（不存在）');
    if (!isOffice(user) && !user.unitIds.includes(before.unit_id)) throw new ForbiddenError('只能安排本单位负责的回访');
    if (p.plannedOn !== null) {
      const { start, end } = periodRange(before.period);
      if (Number.isNaN(tryParseIsoDate(p.plannedOn)) || p.plannedOn < start || p.plannedOn > end)
        throw new InputRejectedError('计划日期应在本季度内', [{ field: 'plannedOn', message: `计划日期应在 ${start} 至 ${end} 之间` }]);
    }
    const set = { planned_on: p.plannedOn, visitors: p.visitors?.trim() || null };
    await trx
      .updateTable('request_visit_plan')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', planId)
      .execute();
    await recordAudit(trx, { actor: user.account, action: 'requests.visit-plan.update', entity: 'request_visit_plan', entityId: planId, before, after: set });
    return { id: planId };
  });
}

/** A quarter's plan with, per firm, the first visit by the unit in charge within the quarter. */
export async function listPlans(db: Db, user: SessionUser, period: string, f: { unitId?: number } = {}) {
  const { start, end } = checkPeriod(period);
  let q = db
    .selectFrom('request_visit_plan as p')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.enterprise_id',
      'p.unit_id',
      'u.name as unit_name',
      'p.planned_on',
      'p.visitors',
      (eb) =>
        eb
          .selectFrom('request_visit as v')
          .select((e) => e.fn.min('v.visited_on').as('d'))
          .whereRef('v.enterprise_id', '=', 'p.enterprise_id')
          .whereRef('v.unit_id', '=', 'p.unit_id')
          .where('v.visited_on', '>=', start)
          .where('v.visited_on', '<=', end)
          .as('visited_on'),
    ])
    .where('p.period', '=', period)
    .orderBy('u.name')
    .orderBy('p.planned_on')
    .orderBy('p.id');
  const scope = unitScope(user);
  if (scope) q = q.where('p.unit_id', 'in', scope);
  if (f.unitId !== undefined) q = q.where('p.unit_id', '=', f.unitId);
  const rows = await q.execute();
  const names = await enterpriseNames(
    db,
    rows.map((r) => r.enterprise_id),
  );
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: names.get(r.enterprise_id)?.name ?? '',
    unitId: r.unit_id,
    unitName: r.unit_name,
    plannedOn: r.planned_on,
    visitors: r.visitors,
    visitedOn: (r.visited_on as string | null) ?? null,
  }));
}

// ---- visits ----

export interface NewVisit {
  enterpriseId: number;
  visitedOn: string;
  method: VisitMethod;
  visitors: string;
  contactName: string;
  contactPhone: string;
  findings: string;
  needs: readonly string[];
}

/** A visit to a key firm, by the unit in charge (or the office on its behalf); the unit is the firm's unit in charge. */
export async function recordVisit(db: Db, user: SessionUser, p: NewVisit, today = chinaToday()) {
  const problems: InputProblem[] = [];
  if (Number.isNaN(tryParseIsoDate(p.visitedOn)) || p.visitedOn > today) problems.push({ field: 'visitedOn', message: '回访日期应为今天或以前的日期' });
  if (!VISIT_METHODS.includes(p.method)) problems.push({ field: 'method', message: '请选择回访方式（上门、电话、视频）' });
  if (!p.visitors.trim()) problems.push({ field: 'visitors', message: '请填写回访人员' });
  if (!p.contactName.trim()) problems.push({ field: 'contactName', message: '请填写企业联系人' });
  const phone = phoneProblem(p.contactPhone);
  if (phone) problems.push({ field: 'contactPhone', message: phone });
  if (!p.findings.trim()) problems.push({ field: 'findings', message: '请填写回访情况' });
  const needs = p.needs.map((n) => n.trim()).filter(Boolean);
  return db.transaction().execute(async (trx) => {
    const key = await trx.selectFrom('request_key_firm').select(['unit_id']).where('enterprise_id', '=', p.enterpriseId).executeTakeFirst();
    if (!key) problems.push({ field: 'enterpriseId', message: '该企业不是重点招商企业' });
    else if (!isOffice(user) && !user.unitIds.includes(key.unit_id)) throw new ForbiddenError('只能登记本单位负责的重点招商企业的回访');
    if (problems.length || !key) throw new InputRejectedError('回访记录有误', problems);
    const row = await trx
      .insertInto('request_visit')
      .values({
        enterprise_id: p.enterpriseId,
        unit_id: key.unit_id,
        visited_on: p.visitedOn,
        method: p.method,
        visitors: p.visitors.trim(),
        contact_name: p.contactName.trim(),
        contact_phone: p.contactPhone.trim(),
        findings: p.findings.trim(),
        created_by: user.account,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (needs.length)
      await trx
        .insertInto('request_visit_need')
        .values(needs.map((text) => ({ visit_id: row.id, text })))
        .execute();
    await recordAudit(trx, { actor: user.account, action: 'requests.visit.record', entity: 'request_visit', entityId: row.id, after: { ...p, needs } });
    return { id: row.id };
  });
}

/** Visits (unit staff: their units'), newest first, with the needs and the requests they became. */
export async function listVisits(db: Db, user: SessionUser, f: { period?: string; unitId?: number; enterpriseId?: number } = {}) {
  let q = db
    .selectFrom('request_visit as v')
    .innerJoin('unit as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select('u.name as unit_name')
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.id', 'desc')
    .limit(500);
  if (f.period) {
    const { start, end } = checkPeriod(f.period);
    q = q.where('v.visited_on', '>=', start).where('v.visited_on', '<=', end);
  }
  const scope = unitScope(user);
  if (scope) q = q.where('v.unit_id', 'in', scope);
  if (f.unitId !== undefined) q = q.where('v.unit_id', '=', f.unitId);
  if (f.enterpriseId !== undefined) q = q.where('v.enterprise_id', '=', f.enterpriseId);
  const rows = await q.execute();
  const needs = rows.length
    ? await db
        .selectFrom('request_visit_need as n')
        .leftJoin('request_item as r', 'r.id', 'n.request_id')
        .select(['n.id', 'n.visit_id', 'n.text', 'n.request_id', 'r.number', 'r.stage'])
        .where(
          'n.visit_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('n.id')
        .execute()
    : [];
  const names = await enterpriseNames(db, [...new Set(rows.map((r) => r.enterprise_id))]);
  return rows.map((v) => ({
    id: v.id,
    enterpriseId: v.enterprise_id,
    enterpriseName: names.get(v.enterprise_id)?.name ?? '',
    unitId: v.unit_id,
    unitName: v.unit_name,
    visitedOn: v.visited_on,
    method: v.method as VisitMethod,
    visitors: v.visitors,
    // Masked for leaders, as in the request lists: in full for the office and the unit in charge (unit staff see only their units' visits).
    contactName: user.role === 'leader' ? maskName(v.contact_name) : v.contact_name,
    contactPhone: user.role === 'leader' ? maskPhone(v.contact_phone) : v.contact_phone,
    findings: v.findings,
    needs: needs
      .filter((n) => n.visit_id === v.id)
      .map((n) => ({
        id: n.id,
        text: n.text,
        requestId: n.request_id,
        requestNumber: n.number,
        requestStage: n.stage === null ? null : STAGE_INFO[n.stage as RequestStage].label,
      })),
  }));
}

/** A need found on a visit becomes a request (channel 走访) about the firm, its contact the person met. */
export async function needToRequest(
  db: Db,
  user: SessionUser,
  visitId: number,
  needId: number,
  p: { category: RequestCategory; subject?: string },
  today = chinaToday(),
) {
  if (!REQUEST_CATEGORIES.includes(p.category)) throw new InputRejectedError('请选择诉求类别', [{ field: 'category', message: '请选择诉求类别' }]);
  return db.transaction().execute(async (trx) => {
    const n = await trx
      .selectFrom('request_visit_need as n')
      .innerJoin('request_visit as v', 'v.id', 'n.visit_id')
      .select([
        'n.id',
        'n.text',
        'n.request_id',
        'v.id as visit_id',
        'v.enterprise_id',
        'v.unit_id',
        'v.visited_on',
        'v.contact_name',
        'v.contact_phone',
        'v.findings',
      ])
      .where('n.id', '=', needId)
      .where('n.visit_id', '=', visitId)
      .forUpdate()
      .executeTakeFirst();
    if (!n) throw new NotFoundError('回访中提出的需求（不存在）');
    if (!isOffice(user) && !user.unitIds.includes(n.unit_id)) throw new ForbiddenError('只能处理本单位回访中提出的需求');
    if (n.request_id !== null) throw new ConflictError('该需求已转为诉求');
    const subject = (p.subject?.trim() || n.text).slice(0, 100);
    const filed = await insertRequest(trx, user.account, {
      category: p.category,
      subject,
      description: `${n.text}\n（${n.visited_on} 回访重点招商企业时企业提出；回访情况：${n.findings}）`,
      contactName: n.contact_name,
      contactPhone: n.contact_phone,
      channel: '走访',
      enterpriseId: n.enterprise_id,
      today,
      note: `渠道：走访（${n.visited_on} 回访重点招商企业）`,
    });
    await trx.updateTable('request_visit_need').set({ request_id: filed.id }).where('id', '=', needId).execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'requests.visit.need',
      entity: 'request_visit',
      entityId: visitId,
      after: { needId, requestId: filed.id },
    });
    return filed;
  });
}

// ---- coverage ----

/**
 * 全覆盖回访 per unit in a quarter, one statement: the key firms in the unit's charge (flagged by the quarter's end),
 * how many have a plan row, how many the unit visited in the quarter, and the firms not visited yet.
 */
export async function visitCoverage(db: Db, user: SessionUser, period: string) {
  const { start, end } = checkPeriod(period);
  const scope = unitScope(user);
  const rows = await sql<{ unit_id: number; unit_name: string; key_firms: number; planned: number; visited: number; unvisited: number[] }>`
    with visited as (
      select distinct enterprise_id, unit_id from request_visit where visited_on between ${start} and ${end}
    )
    select k.unit_id, u.name as unit_name,
           count(*)::int as key_firms,
           count(p.id)::int as planned,
           count(v.enterprise_id)::int as visited,
           coalesce(array_agg(k.enterprise_id order by k.enterprise_id) filter (where v.enterprise_id is null), '{}') as unvisited
      from request_key_firm k
      join unit u on u.id = k.unit_id
      left join request_visit_plan p on p.period = ${period} and p.enterprise_id = k.enterprise_id
      left join visited v on v.enterprise_id = k.enterprise_id and v.unit_id = k.unit_id
     where k.since <= ${end} ${scope ? sql`and k.unit_id in (${sql.join(scope)})` : sql``}
     group by k.unit_id, u.name
     order by u.name`.execute(db);
  const names = await enterpriseNames(db, [...new Set(rows.rows.flatMap((r) => r.unvisited))]);
  const units = rows.rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    keyFirms: r.key_firms,
    planned: r.planned,
    visited: r.visited,
    rate: coverageRate(r.visited, r.key_firms),
    unvisited: r.unvisited.map((id) => names.get(id)?.name ?? '').filter(Boolean),
  }));
  const keyFirms = units.reduce((s, u) => s + u.keyFirms, 0);
  const visited = units.reduce((s, u) => s + u.visited, 0);
  return { period, start, end, units, total: { keyFirms, visited, rate: coverageRate(visited, keyFirms) } };
}
