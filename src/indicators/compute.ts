import { advisoryXactLock } from '../db/index.js';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import { findPlan, measureLeadUnits } from '../plan/index.js';
import { fingerprintOf, saveAggregateState } from './aggregate-state.js';
import { fieldLabel, type Condition, type IndicatorDefinition, type VersionedDefinition, rollUp, type AggregateRow, type PeriodResult } from './core/index.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Set-based computation of indicators in SQL against the `calendar` table: one query per indicator
 * evaluates every case (duration in working days = difference of working-day ordinals, start day
 * excluded; calendar-day limits under 民法典 第二百零一条/第二百零三条), decides whether it counts (and
 * why not), and aggregates by month, responsible unit and exclusion reason. Roll-ups to quarters and
 * year-to-date are sums of those aggregates (core/rollup.ts).
 */

const col = (f: string) => sql.ref(`r.${f}`);

function cond(c: Condition): RawBuilder<unknown> {
  const x = col(c.field);
  switch (c.op) {
    case 'eq':
      return sql`${x} = ${c.value}`;
    case 'ne':
      return sql`${x} is distinct from ${c.value}`;
    case 'in':
      return sql`${x} = any(${c.value}::text[])`;
    case 'true':
      return sql`${x} is true`;
    case 'false':
      return sql`${x} is false`;
    case 'set':
      return sql`${x} is not null`;
    case 'unset':
      return sql`${x} is null`;
  }
}
const all = (cs: Condition[] | undefined): RawBuilder<unknown> =>
  cs?.length
    ? sql.join(
        cs.map((c) => sql`(${cond(c)})`),
        sql` and `,
      )
    : sql`true`;

export interface ComputeOptions {
  year: number;
  /** Open cases overdue on this date count as breaches; months after it are not reported. */
  asOf: string;
  /** Unit responsible for records that name none (the measure's lead unit). */
  defaultUnitId: number | null;
}

/**
 * One row per record of the indicator: id, external_id, unit_id, s (start), e (end), reason (why
 * excluded, null when counted), dur, ok, is_open, num, den, pdate (the date that places it in a period)
 * and, with `deadline`, the last compliant day.
 */
export function recordsSql(
  def: IndicatorDefinition,
  o: ComputeOptions,
  extra: { deadline?: boolean; externalIds?: readonly string[] } = {},
): RawBuilder<unknown> {
  const base = sql`r.id, r.external_id, coalesce(r.unit_id, ${o.defaultUnitId}::int) as unit_id`;
  // `externalIds`: only these records (an import's new records, see incremental.ts), found by the key (type, external_id).
  const only = extra.externalIds ? sql` and r.external_id = any(${[...extra.externalIds]}::text[])` : sql``;
  const where = sql`r.type = ${def.recordType} and ${all(def.where)}${only}`;
  const yearStart = `${o.year}-01-01`,
    yearEnd = `${o.year}-12-31`;
  const t = def.recordType;
  if (def.kind === 'duration') {
    const s = col(def.start),
      e = col(def.end),
      L = def.limit;
    const sl = fieldLabel(t, def.start),
      el = fieldLabel(t, def.end);
    if (def.days === 'working') {
      const durClosed = sql`(ce.workday_ordinal - cs.workday_ordinal)`;
      const durOpen = sql`(ca.workday_ordinal - cs.workday_ordinal)`;
      const overdue = sql`(${e} is null and ca.date is not null and ${durOpen} > ${L})`;
      const inner = sql`select ${base}, ${s} as s, ${e} as e,
          case when ${s} is null then ${`缺少${sl}`}
               when cs.date is null then ${`${sl}不在工作日历覆盖范围内`}
               when ${e} is not null and ce.date is null then ${`${el}不在工作日历覆盖范围内`}
               when ${e} is null and not ${overdue} then '尚未办结（未超期）'
               ${def.mode === 'average' ? sql`when ${e} is null then '尚未办结（平均用时只计已办结）'` : sql``}
               else null end as reason,
          case when ${e} is null then ${durOpen} else ${durClosed} end as dur,
          case when ${e} is null then false else ${durClosed} <= ${L} end as ok,
          (${e} is null) as is_open, null::float8 as num, null::float8 as den,
          case when ${e} is not null then ${e} when ${overdue} then ${o.asOf}::date else ${s} end as pdate
          ${extra.deadline ? sql`, (select d.date from calendar d where d.workday and d.workday_ordinal = cs.workday_ordinal + ${L}) as deadline` : sql``}
        from case_record r
        left join calendar cs on cs.date = ${s}
        left join calendar ce on ce.date = ${e}
        left join calendar ca on ca.date = ${o.asOf}::date
        where ${where}`;
      return sql`select * from (${inner}) x where x.pdate is null or x.pdate between ${yearStart}::date and ${yearEnd}::date`;
    }
    // Calendar days: last day = start + limit; on a rest day it moves to the next working day (cn).
    const inner = sql`select ${base}, ${s} as s, ${e} as e,
          case when ${s} is null then ${`缺少${sl}`}
               when cn.date is null then '期限末日不在工作日历覆盖范围内'
               when ${e} is null and ${o.asOf}::date <= cn.date then '尚未办结（未超期）'
               ${def.mode === 'average' ? sql`when ${e} is null then '尚未办结（平均用时只计已办结）'` : sql``}
               else null end as reason,
          case when ${e} is null then ${o.asOf}::date - ${s} else ${e} - ${s} end as dur,
          case when ${e} is null then false else ${e} <= cn.date end as ok,
          (${e} is null) as is_open, null::float8 as num, null::float8 as den,
          case when ${e} is not null then ${e} when ${o.asOf}::date > cn.date then ${o.asOf}::date else ${s} end as pdate
          ${extra.deadline ? sql`, cn.date as deadline` : sql``}
        from case_record r
        left join calendar cd on cd.date = ${s} + ${L}::int
        left join calendar cn on cn.workday and cn.workday_ordinal = cd.workday_ordinal + case when cd.workday then 0 else 1 end
        where ${where}`;
    return sql`select * from (${inner}) x where x.pdate is null or x.pdate between ${yearStart}::date and ${yearEnd}::date`;
  }
  if (def.kind === 'count') {
    const d = col(def.dateField);
    return sql`select ${base}, null::date as s, ${d} as e,
        case when ${d} is null then ${`尚未实现（缺少${fieldLabel(t, def.dateField)}）`} else null end as reason,
        null::int as dur, true as ok, false as is_open, null::float8 as num, null::float8 as den, ${d} as pdate ${extra.deadline ? sql`, null::date as deadline` : sql``}
      from case_record r where ${where} and (${d} is null or ${d} <= ${yearEnd}::date)`;
  }
  const dateField = def.dateField;
  const d = dateField ? col(dateField) : sql`null::date`;
  const needs =
    def.kind === 'share'
      ? [...(def.needs ?? []), ...(dateField && !(def.needs ?? []).includes(dateField) ? [dateField] : [])]
      : [def.denominator, ...(def.numeratorBlankIsZero ? [] : [def.numerator]), ...(dateField ? [dateField] : [])];
  const reason = needs.length
    ? sql`case ${sql.join(
        needs.map((f) => sql`when ${col(f)} is null then ${`缺少${fieldLabel(t, f)}`}`),
        sql` `,
      )} else null end`
    : sql`null::text`;
  const values =
    def.kind === 'share'
      ? sql`null::int as dur, coalesce((${all(def.property)}), false) as ok, false as is_open, null::float8 as num, null::float8 as den`
      : sql`null::int as dur, coalesce(coalesce(${col(def.numerator)}, 0) * 100 >= ${def.percent}::float8 * ${col(def.denominator)}, false) as ok, false as is_open,
          coalesce(${col(def.numerator)}, 0)::float8 as num, ${col(def.denominator)}::float8 as den`;
  return sql`select ${base}, null::date as s, ${d} as e, ${reason} as reason, ${values}, ${d} as pdate ${extra.deadline ? sql`, null::date as deadline` : sql``}
    from case_record r where ${where} ${dateField ? sql`and (${d} is null or ${d} between ${yearStart}::date and ${yearEnd}::date)` : sql``}`;
}

/** Aggregates by month, unit and reason (a few hundred rows at most). */
export async function aggregate(db: Db, def: IndicatorDefinition, o: ComputeOptions): Promise<AggregateRow[]> {
  return (await aggregateWithSnapshot(db, def, o)).rows;
}

/**
 * `aggregate`, with the snapshot of the statement (`pg_current_snapshot()`: which transactions' records it saw),
 * optionally over some records only (`externalIds`).
 */
export async function aggregateWithSnapshot(
  db: Db,
  def: IndicatorDefinition,
  o: ComputeOptions,
  externalIds?: readonly string[],
): Promise<{ rows: AggregateRow[]; snapshot: string }> {
  const rows = await sql<{
    snap: string;
    month: string | null;
    unit_id: number | null;
    reason: string | null;
    n: number;
    ok: number;
    dur_sum: number;
    dur_max: number | null;
    num: number;
    den: number;
  }>`
    select s.snap, a.* from (select pg_current_snapshot()::text as snap) s left join (
    select case when x.pdate is null then null when x.pdate < ${`${o.year}-01-01`}::date then 'base' else to_char(x.pdate, 'YYYY-MM') end as month,
      x.unit_id, x.reason, count(*)::int as n, (count(*) filter (where x.ok))::int as ok,
      coalesce(sum(x.dur), 0)::float8 as dur_sum, max(x.dur)::float8 as dur_max,
      coalesce(sum(x.num), 0)::float8 as num, coalesce(sum(x.den), 0)::float8 as den
    from (${recordsSql(def, o, { externalIds })}) x group by 1, 2, 3) a on true`.execute(db);
  const snapshot = rows.rows[0]!.snap;
  const list = rows.rows
    .filter((r) => r.n !== null)
    .map((r) => ({
      month: r.month,
      unitId: r.unit_id,
      reason: r.reason,
      n: r.n,
      ok: r.ok,
      durSum: r.dur_sum,
      durMax: r.dur_max,
      num: r.num,
      den: r.den,
    }));
  return { rows: list, snapshot };
}

/** Lead unit of a measure of the plan of `year` (the latest plan when none is of that year). */
// TODO(plan read API): reads the plan, measure and measure_unit tables; to be replaced by src/plan's
// "plan of a year" (the year's, else the latest) and "lead units of a plan's measures".
export async function leadUnits(db: Db, year: number): Promise<Map<number, number>> {
  const plan = await findPlan(db, { year, orLatest: true });
  return plan ? measureLeadUnits(db, plan.id) : new Map();
}

export function computeOne(def: IndicatorDefinition, rows: AggregateRow[], o: ComputeOptions): PeriodResult[] {
  return rollUp(def, rows, { year: o.year, asOf: o.asOf });
}

/** Computes one definition version and replaces its stored results for the year. */
export async function computeAndStore(db: Kysely<Database>, def: VersionedDefinition, o: ComputeOptions): Promise<PeriodResult[]> {
  return db.transaction().execute(async (trx) => {
    // One writer per indicator and year: concurrent recomputes (two imports at once) queue here, and
    // each aggregates after the lock, so the last one to write has seen every committed record.
    await advisoryXactLock(trx, 'indicatorCompute', `${def.code}/${o.year}`);
    const { rows, snapshot } = await aggregateWithSnapshot(trx, def, o);
    const results = computeOne(def, rows, o);
    // The aggregates are kept: an import of new records adds its own to them (incremental.ts).
    await saveAggregateState(trx, def, o.year, { fingerprint: fingerprintOf(def, o), snapshot, rows });
    await trx.deleteFrom('indicator_result').where('code', '=', def.code).where('version', '=', def.version).where('year', '=', o.year).execute();
    await insertResults(trx, def, o, results);
    return results;
  });
}

/** Inserts result rows of one definition version and year: one statement, the rows as arrays (a few thousand rows: months × units). */
export async function insertResults(trx: Db, def: VersionedDefinition, o: ComputeOptions, results: PeriodResult[]): Promise<void> {
  if (!results.length) return;
  {
    const col = <T>(f: (r: PeriodResult) => T) => results.map(f);
    await sql`insert into indicator_result (code, version, year, period_kind, period, unit_id, scope, counted, compliant, excluded, excluded_reasons,
        value, average, worst, numerator, denominator, status, as_of)
      select ${def.code}, ${def.version}::int, ${o.year}::int, t.* from unnest(
        ${col((r) => r.periodKind)}::text[], ${col((r) => r.period)}::text[], ${col((r) => r.unitId)}::int[], ${col((r) => (r.unitId === null ? 'all' : 'unit'))}::text[],
        ${col((r) => r.counted)}::int[], ${col((r) => r.compliant)}::int[], ${col((r) => r.excluded)}::int[], ${col((r) => JSON.stringify(r.excludedReasons))}::jsonb[],
        ${col((r) => r.value)}::float8[], ${col((r) => r.average)}::float8[], ${col((r) => r.worst)}::float8[], ${col((r) => r.numerator)}::float8[], ${col((r) => r.denominator)}::float8[],
        ${col((r) => r.status)}::text[], ${col(() => o.asOf)}::date[]) as t`.execute(trx);
  }
}

export interface CaseRow {
  id: number;
  externalId: string;
  unitId: number | null;
  unitName: string | null;
  start: string | null;
  end: string | null;
  duration: number | null;
  open: boolean;
  deadline: string | null;
  reason: string | null;
  numerator: number | null;
  denominator: number | null;
  periodDate: string | null;
}

/**
 * Records of an indicator: `breaching` — counted but not compliant (longest first); `excluded` — with
 * the reason; optionally of one unit and within [from, to] of the period date.
 */
export async function listCases(
  db: Db,
  def: IndicatorDefinition,
  o: ComputeOptions & { which: 'breaching' | 'excluded' | 'counted'; unitId?: number; from?: string; to?: string; limit?: number },
): Promise<{ total: number; items: CaseRow[] }> {
  const filter = sql.join(
    [
      o.which === 'breaching' ? sql`x.reason is null and not x.ok` : o.which === 'excluded' ? sql`x.reason is not null` : sql`x.reason is null`,
      o.unitId !== undefined ? sql`x.unit_id = ${o.unitId}` : sql`true`,
      o.from ? sql`x.pdate >= ${o.from}::date` : sql`true`,
      o.to ? sql`x.pdate <= ${o.to}::date` : sql`true`,
    ],
    sql` and `,
  );
  const rows = await sql<{
    id: number;
    external_id: string;
    unit_id: number | null;
    unit_name: string | null;
    s: string | null;
    e: string | null;
    dur: number | null;
    is_open: boolean;
    deadline: string | null;
    reason: string | null;
    num: number | null;
    den: number | null;
    pdate: string | null;
    total: number;
  }>`
    select x.*, u.name as unit_name, count(*) over ()::int as total from (${recordsSql(def, o, { deadline: true })}) x left join unit u on u.id = x.unit_id
    where ${filter} order by x.dur desc nulls last, x.num / nullif(x.den, 0) asc nulls last, x.external_id limit ${o.limit ?? 200}`.execute(db);
  return {
    total: rows.rows[0]?.total ?? 0,
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      externalId: r.external_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      start: r.s,
      end: r.e,
      duration: r.dur === null ? null : Number(r.dur),
      open: r.is_open,
      deadline: r.deadline,
      reason: r.reason,
      numerator: r.num,
      denominator: r.den,
      periodDate: r.pdate,
    })),
  };
}
