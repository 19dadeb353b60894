/**
 * Draws (双随机): commit the snapshots and parameters publicly, take the witnesses' numbers and the lottery result,
 * run the published algorithm (./core/draw.ts) and keep the teams. Each step is one transaction with its audit
 * entry. The stored snapshots are the exact canonical JSON that was hashed, so the proof can be served as is.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import { chinaToday, tryParseIsoDate } from '../calendar/index.js';
import { advisoryXactLock, type Database } from '../db/index.js';
import type { InspectionDrawTable } from '../db/tables/inspections.js';
import { enterprisePage } from '../enterprises/index.js';
import { ConflictError, ForbiddenError, InputRejectedError, NotFoundError, type InputProblem } from '../shared/index.js';
import { findUnitsByIds } from '../units/index.js';
import {
  ALGORITHM,
  canonicalInspectors,
  canonicalObjects,
  commitDraw as commitCore,
  DRAW_STATUS_LABELS,
  drawNumber,
  drawSeed,
  FULL_SHARE,
  feasibilityProblems,
  industrySection,
  inspectorsJson,
  objectsJson,
  lotteryProblem,
  neutralStrata,
  normaliseLottery,
  normaliseWitnessNumber,
  OBJECT_KINDS,
  perDepartment,
  resultHash,
  runDraw,
  UNCLASSIFIED,
  witnessNumberProblem,
  type DrawInspector,
  type DrawObject,
  type DrawParams,
  type DrawResult,
  type DrawStatus,
  type ObjectKind,
  type PublishedDraw,
  type SeedSource,
} from './core/index.js';
import { enterpriseKey, otherKey } from './directory-store.js';

type Db = Kysely<Database>;

// ---- credit classes (信用分级分类): provided by the credit capability once it exists ----

/**
 * Where the draw reads each enterprise's credit class in force on a date. The credit capability (slot 2026113032)
 * registers one with `setCreditClassSource`; until then every object is in the stratum 未分级 — no class is made up.
 */
export interface CreditClassSource {
  classOn(db: Db, date: string, enterpriseIds: readonly number[]): Promise<Map<number, string>>;
  /** The office's classes in its order: the numbering of the neutral stratum labels (第1层 …) and their names. */
  classes?(db: Db): Promise<Array<{ code: string; name: string }>>;
}
let creditClasses: CreditClassSource | null = null;
export function setCreditClassSource(source: CreditClassSource | null): void {
  creditClasses = source;
}

// ---- snapshots ----

export interface DrawScope {
  /** Draw from the registry's enterprises. */
  enterprises: boolean;
  /** Draw from the other objects of these kinds (专利代理机构 …). */
  otherKinds: ObjectKind[];
  /**
   * Filters of a plan task's scope (年度联合抽查计划): enterprises of these 行业门类, streets, sizes, credit classes
   * (in force on the class date) or with any of these flags (qualification tags); other objects by street. Empty or
   * absent: no restriction. Only which objects enter the snapshot changes; the algorithm is the same.
   */
  filters?: { industries?: string[]; streets?: string[]; sizes?: string[]; creditClasses?: string[]; flags?: string[] };
}

/** The 检查对象名录库 as committed: objects in scope with their stratum and the inspectors of their last check. */
async function objectSnapshot(db: Db, scope: DrawScope, classDate: string): Promise<DrawObject[]> {
  const out: DrawObject[] = [];
  const set = (xs: string[] | undefined) => new Set(xs ?? []);
  const f = {
    industries: set(scope.filters?.industries),
    streets: set(scope.filters?.streets),
    sizes: set(scope.filters?.sizes),
    creditClasses: set(scope.filters?.creditClasses),
    flags: set(scope.filters?.flags),
  };
  if (scope.enterprises) {
    for (let after = 0; ; ) {
      const page = await enterprisePage(db, after, 5000);
      if (!page.length) break;
      after = page[page.length - 1]!.id;
      const classes = creditClasses
        ? await creditClasses.classOn(
            db,
            classDate,
            page.map((e) => e.id),
          )
        : new Map<number, string>();
      for (const e of page) {
        const stratum = classes.get(e.id) ?? UNCLASSIFIED;
        if (f.industries.size && !f.industries.has(industrySection(e.industryCode) ?? '')) continue;
        if (f.streets.size && !f.streets.has(e.street ?? '')) continue;
        if (f.sizes.size && !f.sizes.has(e.sizeClass ?? '')) continue;
        if (f.creditClasses.size && !f.creditClasses.has(stratum)) continue;
        if (f.flags.size && !e.qualifications.some((q) => f.flags.has(q.tag))) continue;
        out.push({ key: enterpriseKey(e.id), name: e.name, code: e.creditCode, stratum, lastInspectors: [] });
      }
    }
  }
  if (scope.otherKinds.length)
    for (const o of await db
      .selectFrom('inspection_object')
      .select(['id', 'name', 'code', 'street'])
      .where('active', '=', true)
      .where('kind', 'in', scope.otherKinds)
      .orderBy('id')
      .execute())
      if (!f.streets.size || f.streets.has(o.street ?? ''))
        out.push({ key: otherKey(o.id), name: o.name, code: o.code, stratum: UNCLASSIFIED, lastInspectors: [] });
  // Rotation: the inspectors of each object's latest check (its latest draw that sent someone).
  const last = await sql<{ object_key: string; inspector_id: number }>`
    select a.object_key, a.inspector_id
    from inspection_assignment a
    join (select object_key, max(draw_id) as draw_id from inspection_assignment group by object_key) l
      on l.object_key = a.object_key and l.draw_id = a.draw_id`.execute(db);
  const byObject = new Map<string, string[]>();
  for (const r of last.rows) {
    const list = byObject.get(r.object_key);
    if (list) list.push(`I${r.inspector_id}`);
    else byObject.set(r.object_key, [`I${r.inspector_id}`]);
  }
  for (const o of out) o.lastInspectors = byObject.get(o.key) ?? [];
  return canonicalObjects(out);
}

/** The 执法检查人员名录库 as committed: active inspectors of the departments, with the objects each must avoid. */
async function inspectorSnapshot(db: Db, unitIds: number[]): Promise<DrawInspector[]> {
  const rows = await db
    .selectFrom('inspection_inspector')
    .select(['id', 'unit_id', 'name', 'cert_no', 'fields'])
    .where('active', '=', true)
    .where('unit_id', 'in', unitIds)
    .execute();
  const rels = rows.length
    ? await db
        .selectFrom('inspection_relation')
        .select(['inspector_id', 'object_key'])
        .where(
          'inspector_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return canonicalInspectors(
    rows.map((r) => ({
      key: `I${r.id}`,
      name: r.name,
      certNo: r.cert_no,
      department: `U${r.unit_id}`,
      fields: r.fields,
      avoid: rels.filter((x) => x.inspector_id === r.id).map((x) => x.object_key),
    })),
  );
}

// ---- commit ----

export interface CommitBody {
  title: string;
  leadUnitId: number;
  jointUnitIds: number[];
  itemIds: number[];
  scope: DrawScope;
  shares: Array<{ stratum: string; bp: number }>;
  defaultShareBp: number;
  field?: string | null;
  witnesses: string[];
  lotteryName: string;
  lotteryDate: string;
}

const shareProblem = (bp: number) => (Number.isInteger(bp) && bp >= 1 && bp <= FULL_SHARE ? null : '抽查比例应在 0.01% 至 100% 之间（不免抽：每一层都要抽）');

/**
 * Commits a draw publicly. The lottery's date must not be before today: its result is unknown now (a lottery drawn
 * later today, e.g. 双色球 at 21:15, also qualifies; the commit's time is published next to it).
 */
export async function commitDraw(
  db: Db,
  user: SessionUser,
  p: CommitBody,
  o: { today?: string; isDemo?: boolean; planTask?: { planId: number; version: number; taskId: number } } = {},
) {
  const today = o.today ?? chinaToday();
  const problems: InputProblem[] = [];
  if (!p.title.trim()) problems.push({ field: 'title', message: '请填写抽查任务名称' });
  const unitIds = [p.leadUnitId, ...p.jointUnitIds];
  if (new Set(unitIds).size !== unitIds.length) problems.push({ field: 'jointUnitIds', message: '参与部门不能重复，也不能与发起部门相同' });
  const units = await findUnitsByIds(db, unitIds);
  if (units.length !== new Set(unitIds).size) problems.push({ field: 'jointUnitIds', message: '部门不存在' });
  if (p.itemIds.length) {
    const items = await db.selectFrom('inspection_item').select(['id', 'unit_id']).where('id', 'in', p.itemIds).execute();
    if (items.length !== new Set(p.itemIds).size) problems.push({ field: 'itemIds', message: '抽查事项不存在' });
    if (items.some((i) => !unitIds.includes(i.unit_id))) problems.push({ field: 'itemIds', message: '抽查事项应属于发起或参与部门' });
  } else problems.push({ field: 'itemIds', message: '请至少选择一项抽查事项' });
  if (!p.scope.enterprises && !p.scope.otherKinds.length) problems.push({ field: 'scope', message: '请选择抽查对象范围' });
  if (p.scope.otherKinds.some((k) => !OBJECT_KINDS.includes(k))) problems.push({ field: 'scope', message: '未知的对象类型' });
  p.shares.forEach((s, i) => {
    const m = shareProblem(s.bp);
    if (m) problems.push({ row: i + 1, field: 'shares', message: `${s.stratum}：${m}` });
  });
  if (new Set(p.shares.map((s) => s.stratum)).size !== p.shares.length) problems.push({ field: 'shares', message: '同一层只能设一个比例' });
  const dm = shareProblem(p.defaultShareBp);
  if (dm) problems.push({ field: 'defaultShareBp', message: dm });
  const witnesses = p.witnesses.map((w) => w.trim());
  if (!witnesses.length || witnesses.some((w) => !w)) problems.push({ field: 'witnesses', message: '请填写监督人姓名（至少一人）' });
  if (new Set(witnesses).size !== witnesses.length) problems.push({ field: 'witnesses', message: '监督人姓名不能重复' });
  if (!p.lotteryName.trim()) problems.push({ field: 'lotteryName', message: '请填写公开开奖的彩票名称' });
  if (Number.isNaN(tryParseIsoDate(p.lotteryDate))) problems.push({ field: 'lotteryDate', message: '开奖日期无效' });
  else if (p.lotteryDate < today) problems.push({ field: 'lotteryDate', message: '开奖日期不能早于今天：种子须取承诺之后才产生的开奖结果' });
  if (problems.length) throw new InputRejectedError('抽查任务有误', problems);

  const params: DrawParams = {
    departments: unitIds.map((u) => `U${u}`),
    shares: p.shares,
    defaultShareBp: p.defaultShareBp,
    field: p.field?.trim() || null,
    classDate: today,
  };
  const seedSource: SeedSource = { witnesses, lottery: { name: p.lotteryName.trim(), drawDate: p.lotteryDate } };
  const objects = await objectSnapshot(db, p.scope, today);
  // Neutral stratum labels (第1层 …): the public proof never names a firm's credit class (core `neutralStrata`).
  const classList = (await creditClasses?.classes?.(db)) ?? [];
  const labels = neutralStrata(
    classList.map((c) => c.code),
    [...objects.map((o) => o.stratum), ...p.shares.map((s) => s.stratum)],
  );
  const className = new Map(classList.map((c) => [c.code, c.name]));
  const stratumNames = [...labels].map(([code, stratum]) => ({ stratum, code, name: className.get(code) ?? code }));
  for (const o of objects) o.stratum = labels.get(o.stratum)!;
  params.shares = p.shares.map((s) => ({ stratum: labels.get(s.stratum)!, bp: s.bp }));
  const inspectors = await inspectorSnapshot(db, unitIds);
  if (!objects.length) throw new InputRejectedError('范围内没有检查对象', [{ field: 'scope', message: '范围内没有检查对象' }]);
  const infeasible = feasibilityProblems(objects, inspectors, params);
  if (infeasible.length) {
    const unitName = new Map(units.map((u) => [`U${u.id}`, u.name]));
    const objectName = new Map(objects.map((x) => [x.key, x.name]));
    throw new InputRejectedError(
      `有 ${infeasible.length} 个对象无法配齐检查人员（每个对象${unitIds.length === 1 ? '需本部门 2 名' : '需每个部门各 1 名'}，回避与上次检查人员除外），请先补充执法检查人员名录`,
      infeasible.slice(0, 20).map((x) => ({
        field: 'inspectors',
        message: `${objectName.get(x.object)}：${unitName.get(x.department)}可派 ${x.eligible} 人，需要 ${x.needed} 人`,
      })),
    );
  }
  const year = Number(today.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 'inspectionDraw', year);
    const last = await trx
      .selectFrom('inspection_draw')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('year', '=', year)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const number = drawNumber(year, seq);
    const header = { number, title: p.title.trim() };
    const c = commitCore(header, objects, inspectors, params, seedSource);
    const row = await trx
      .insertInto('inspection_draw')
      .values({
        number,
        year,
        seq,
        title: header.title,
        lead_unit_id: p.leadUnitId,
        joint_unit_ids: p.jointUnitIds,
        item_ids: p.itemIds,
        status: 'committed',
        params: JSON.stringify(params),
        seed_source: JSON.stringify(seedSource),
        objects_snapshot: objectsJson(objects),
        inspectors_snapshot: inspectorsJson(inspectors),
        objects_hash: c.objectsHash,
        inspectors_hash: c.inspectorsHash,
        commitment: c.commitment,
        object_count: objects.length,
        inspector_count: inspectors.length,
        lottery_date: p.lotteryDate,
        committed_by: user.account,
        is_demo: o.isDemo ?? false,
        stratum_names: JSON.stringify(stratumNames),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (o.planTask)
      await trx
        .insertInto('insp_plan_draw')
        .values({ draw_id: row.id, plan_id: o.planTask.planId, version: o.planTask.version, task_id: o.planTask.taskId })
        .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.draw.commit',
      entity: 'inspection_draw',
      entityId: row.id,
      after: { number, ...c, params, seedSource, objects: objects.length, inspectors: inspectors.length, planTask: o.planTask ?? null },
    });
    return { id: row.id, number, commitment: c.commitment };
  });
}

// ---- seed inputs and run ----

async function lockDraw(trx: Db, id: number) {
  const d = await trx.selectFrom('inspection_draw').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!d) throw new NotFoundError('抽查（不存在或已删除）');
  return d;
}

/**
 * Records the witnesses' numbers (all at once, in the order of the witnesses named at commit), then the lottery
 * result. Order is enforced: numbers before the lottery result, never after it; the lottery result on or after its
 * date; neither changes once entered.
 */
export async function setSeedInputs(
  db: Db,
  user: SessionUser,
  id: number,
  p: { witnessNumbers?: string[]; lotteryResult?: string },
  o: { today?: string } = {},
) {
  const today = o.today ?? chinaToday();
  return db.transaction().execute(async (trx) => {
    const d = await lockDraw(trx, id);
    if (d.status !== 'committed') throw new ConflictError('抽取已完成，种子来源不能再修改');
    const source = JSON.parse(d.seed_source) as SeedSource;
    const problems: InputProblem[] = [];
    const set: { witness_numbers?: string[]; witnesses_at?: Date; lottery_result?: string; lottery_at?: Date } = {};
    if (p.witnessNumbers) {
      if (d.witness_numbers) throw new ConflictError('监督人号码已录入，不能修改');
      if (p.witnessNumbers.length !== source.witnesses.length)
        problems.push({ field: 'witnessNumbers', message: `应录入 ${source.witnesses.length} 位监督人的号码` });
      p.witnessNumbers.forEach((n, i) => {
        const m = witnessNumberProblem(n);
        if (m) problems.push({ row: i + 1, field: 'witnessNumbers', message: `${source.witnesses[i] ?? `第${i + 1}位`}：${m}` });
      });
      if (today > d.lottery_date) problems.push({ field: 'witnessNumbers', message: '开奖日已过：监督人号码须在开奖前录入' });
      set.witness_numbers = p.witnessNumbers.map(normaliseWitnessNumber);
      set.witnesses_at = new Date();
    }
    if (p.lotteryResult !== undefined) {
      if (d.lottery_result) throw new ConflictError('开奖号码已录入，不能修改');
      if (!d.witness_numbers && !set.witness_numbers) problems.push({ field: 'lotteryResult', message: '请先录入全部监督人号码，再录入开奖号码' });
      if (today < d.lottery_date) problems.push({ field: 'lotteryResult', message: `尚未开奖：${source.lottery.name} 开奖日期为 ${d.lottery_date}` });
      const m = lotteryProblem(p.lotteryResult);
      if (m) problems.push({ field: 'lotteryResult', message: m });
      set.lottery_result = normaliseLottery(p.lotteryResult);
      set.lottery_at = new Date();
    }
    if (problems.length) throw new InputRejectedError('种子来源有误', problems);
    if (!Object.keys(set).length) return { ok: true as const };
    await trx.updateTable('inspection_draw').set(set).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.draw.seed-inputs',
      entity: 'inspection_draw',
      entityId: id,
      after: { witnessNumbers: set.witness_numbers, lotteryResult: set.lottery_result },
    });
    return { ok: true as const };
  });
}

/** Runs a committed draw once its seed's inputs are all in; keeps the teams. */
export async function runStoredDraw(db: Db, user: SessionUser, id: number) {
  return db.transaction().execute(async (trx) => {
    const d = await lockDraw(trx, id);
    if (d.status !== 'committed') throw new ConflictError('该抽查已经抽取');
    if (!d.witness_numbers || d.lottery_result === null)
      throw new InputRejectedError('种子来源不全', [{ field: 'seed', message: '请先录入全部监督人号码和开奖号码' }]);
    const objects = JSON.parse(d.objects_snapshot) as DrawObject[];
    const inspectors = JSON.parse(d.inspectors_snapshot) as DrawInspector[];
    const params = JSON.parse(d.params) as DrawParams;
    const seed = drawSeed(d.commitment, d.witness_numbers, d.lottery_result);
    const result = runDraw(objects, inspectors, params, seed);
    const rh = resultHash(result);
    const names = new Map(objects.map((o) => [o.key, o.name]));
    const dept = new Map(inspectors.map((i) => [i.key, Number(i.department.slice(1))]));
    const rows = result.picks.flatMap((p, position) =>
      p.team.map((k) => ({
        draw_id: id,
        position: position + 1,
        object_key: p.object,
        object_name: names.get(p.object)!,
        stratum: p.stratum,
        inspector_id: Number(k.slice(1)),
        unit_id: dept.get(k)!,
      })),
    );
    for (let i = 0; i < rows.length; i += 5000)
      await trx
        .insertInto('inspection_assignment')
        .values(rows.slice(i, i + 5000))
        .execute();
    await trx
      .updateTable('inspection_draw')
      .set({ status: 'run', seed, result: JSON.stringify(result), result_hash: rh, picked: result.picks.length, run_by: user.account, run_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: user.account,
      action: 'inspections.draw.run',
      entity: 'inspection_draw',
      entityId: id,
      after: { seed, resultHash: rh, picked: result.picks.length },
    });
    return { picked: result.picks.length, resultHash: rh };
  });
}

// ---- reading ----

const SUMMARY = [
  'id',
  'number',
  'title',
  'status',
  'lead_unit_id',
  'joint_unit_ids',
  'item_ids',
  'object_count',
  'inspector_count',
  'commitment',
  'committed_at',
  'lottery_date',
  'seed_source',
  'picked',
  'run_at',
  'is_demo',
] as const;
type SummaryRow = Pick<Selectable<InspectionDrawTable>, (typeof SUMMARY)[number]>;

/** Draws of the departments of unit staff; all draws for everyone else (the public list is all draws). */
function scoped(db: Db, user: SessionUser | null) {
  let q = db.selectFrom('inspection_draw');
  if (user?.role === 'unit_staff') {
    const units = user.unitIds.length ? user.unitIds : [-1];
    q = q.where((eb) => eb.or([eb('lead_unit_id', 'in', units), sql<boolean>`joint_unit_ids && ${sql.val(units)}::integer[]`]));
  }
  return q;
}

async function summaries(db: Db, rows: SummaryRow[]) {
  const unitIds = [...new Set(rows.flatMap((r) => [r.lead_unit_id, ...r.joint_unit_ids]))];
  const units = new Map((await findUnitsByIds(db, unitIds)).map((u) => [u.id, u.name]));
  return rows.map((r) => {
    const source = JSON.parse(r.seed_source) as SeedSource;
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      status: r.status as DrawStatus,
      statusLabel: DRAW_STATUS_LABELS[r.status as DrawStatus],
      leadUnitName: units.get(r.lead_unit_id) ?? '',
      jointUnitNames: r.joint_unit_ids.map((u) => units.get(u) ?? ''),
      objectCount: r.object_count,
      inspectorCount: r.inspector_count,
      commitment: r.commitment,
      committedAt: r.committed_at,
      witnesses: source.witnesses,
      lotteryName: source.lottery.name,
      lotteryDate: r.lottery_date,
      picked: r.picked,
      runAt: r.run_at,
      isDemo: r.is_demo,
    };
  });
}

export async function listDraws(db: Db, user: SessionUser | null) {
  const rows = await scoped(db, user).select(SUMMARY).orderBy('id', 'desc').limit(500).execute();
  return summaries(db, rows);
}

/** One draw with its parameters, seed inputs and teams (names and 执法证号 only: public information). */
export async function getDraw(db: Db, user: SessionUser | null, id: number) {
  const d = await scoped(db, user)
    .select([
      ...SUMMARY,
      'params',
      'witness_numbers',
      'witnesses_at',
      'lottery_result',
      'lottery_at',
      'seed',
      'result_hash',
      'objects_hash',
      'inspectors_hash',
      'result',
      'stratum_names',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!d) {
    if (user?.role === 'unit_staff' && (await db.selectFrom('inspection_draw').select('id').where('id', '=', id).executeTakeFirst()))
      throw new ForbiddenError('只能查看本部门发起或参与的抽查');
    throw new NotFoundError('抽查（不存在或已删除）');
  }
  const [summary] = await summaries(db, [d]);
  const params = JSON.parse(d.params) as DrawParams;
  const items = d.item_ids.length
    ? await db.selectFrom('inspection_item').select(['id', 'name', 'method']).where('id', 'in', d.item_ids).orderBy('id').execute()
    : [];
  const result = d.result ? (JSON.parse(d.result) as DrawResult) : null;
  const teams = result
    ? await db
        .selectFrom('inspection_assignment as a')
        .innerJoin('inspection_inspector as i', 'i.id', 'a.inspector_id')
        .innerJoin('unit as u', 'u.id', 'a.unit_id')
        .select(['a.position', 'a.object_key', 'a.object_name', 'a.stratum', 'i.name', 'i.cert_no', 'u.name as unit_name'])
        .where('a.draw_id', '=', id)
        .orderBy('a.position')
        .orderBy('a.id')
        .execute()
    : [];
  const picks: Array<{
    position: number;
    objectKey: string;
    objectName: string;
    stratum: string;
    team: Array<{ name: string; certNo: string; unitName: string }>;
  }> = [];
  for (const t of teams) {
    let p = picks[picks.length - 1];
    if (!p || p.position !== t.position) {
      p = { position: t.position, objectKey: t.object_key, objectName: t.object_name, stratum: t.stratum, team: [] };
      picks.push(p);
    }
    p.team.push({ name: t.name, certNo: t.cert_no, unitName: t.unit_name });
  }
  return {
    ...summary!,
    items: items.map((i) => ({ id: i.id, name: i.name, method: i.method })),
    shares: params.shares.map((s) => ({ stratum: s.stratum, percent: s.bp / 100 })),
    defaultPercent: params.defaultShareBp / 100,
    field: params.field,
    classDate: params.classDate,
    perDepartment: perDepartment(params.departments.length),
    objectsHash: d.objects_hash,
    inspectorsHash: d.inspectors_hash,
    witnessNumbers: d.witness_numbers,
    witnessesAt: d.witnesses_at,
    lotteryResult: d.lottery_result,
    lotteryAt: d.lottery_at,
    seed: d.seed,
    resultHash: d.result_hash,
    strata: result?.strata.map((s) => ({ stratum: s.stratum, population: s.population, percent: s.bp / 100, drawn: s.drawn })) ?? [],
    picks,
    // Staff only: which credit class each neutral label stands for (国市监信发〔2022〕6号: an internal reference).
    stratumNames:
      user && d.stratum_names
        ? (JSON.parse(d.stratum_names) as Array<{ stratum: string; code: string; name: string }>).map((x) => ({ stratum: x.stratum, className: x.name }))
        : [],
  };
}

/** Everything the draw published, enough to recompute it (the public proof, `bizenv inspections verify`). */
export async function drawProof(db: Db, id: number): Promise<PublishedDraw> {
  const d = await db.selectFrom('inspection_draw').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw new NotFoundError('抽查（不存在或已删除）');
  return proofOf(d);
}
export async function drawProofByNumber(db: Db, number: string): Promise<PublishedDraw> {
  const d = await db
    .selectFrom('inspection_draw')
    .selectAll()
    .where((eb) => eb.or([eb('number', '=', number), eb('id', '=', /^\d{1,9}$/.test(number) ? Number(number) : -1)]))
    .executeTakeFirst();
  if (!d) throw new NotFoundError(`抽查 ${number}（不存在）`);
  return proofOf(d);
}

function proofOf(d: Selectable<InspectionDrawTable>): PublishedDraw {
  return {
    algorithm: ALGORITHM,
    draw: { number: d.number, title: d.title },
    objects: JSON.parse(d.objects_snapshot) as DrawObject[],
    inspectors: JSON.parse(d.inspectors_snapshot) as DrawInspector[],
    params: JSON.parse(d.params) as DrawParams,
    seedSource: JSON.parse(d.seed_source) as SeedSource,
    committed: { objectsHash: d.objects_hash, inspectorsHash: d.inspectors_hash, commitment: d.commitment },
    witnessNumbers: d.witness_numbers,
    lotteryResult: d.lottery_result,
    seed: d.seed,
    result: d.result ? (JSON.parse(d.result) as DrawResult) : null,
    resultHash: d.result_hash,
  };
}
