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
 * The calendar as arrays, one row (`k`) computed once per statement and cross-joined (the planner keeps it
 * as the one-row outer side): `k.o[d - k.base]` is the working-day ordinal of date `d` (null when the calendar
 * does not cover it, as a left join on `calendar` gives), `k.nw[d - k.base]` the first working day on or
 * after `d` (the 民法典 rule for a calendar-day limit's last day), `k.oa` the ordinal of the as-of date. An
 * array subscript per record is much cheaper than a hash join on `calendar` per record and date column
 * (issue 18: 10M records); the arrays are built from `calendar` itself (2,557 days), so the results are the
 * same as with the joins.
 */
function calendarRow(o: ComputeOptions, nextWorkday: boolean): RawBuilder<unknown> {
  return sql`(select array_agg(c.workday_ordinal order by g.d) as o, min(g.d)::date - 1 as base,
      ${nextWorkday ? sql`array_agg(cn.date order by g.d)` : sql`null::date[]`} as nw,
      (select a.workday_ordinal from calendar a where a.date = ${o.asOf}::date) as oa
    from generate_series((select min(date) from calendar), (select max(date) from calendar), interval '1 day') g(d)
    left join calendar c on c.date = g.d::date
    ${nextWorkday ? sql`left join calendar cn on cn.workday and cn.workday_ordinal = c.workday_ordinal + case when c.workday then 0 else 1 end` : sql``}) k`;
}

/** Month of each day of `year` (index: day of the year, 1-based). */
function monthsOfYear(year: number): number[] {
  const out: number[] = [];
  for (let d = Date.UTC(year, 0, 1); new Date(d).getUTCFullYear() === year; d += 86_400_000) out.push(new Date(d).getUTCMonth() + 1);
  return out;
}

/**
 * One row per record of the indicator: id, external_id, unit_id, s (start), e (end), rc (why excluded: an index
 * into `reasons`, 1-based; null when counted), dur, ok, is_open, num, den, pdate (the date that places it in a
 * period) and, with `deadline`, the last compliant day. Only records whose period date is in the year (or
 * before it, for counts), or that have none.
 */
function evaluated(
  def: IndicatorDefinition,
  o: ComputeOptions,
  extra: { deadline?: boolean; externalIds?: readonly string[]; yearByGroup?: boolean } = {},
): { sql: RawBuilder<unknown>; reasons: string[] } {
  const reasons: string[] = [];
  const reasonCase = (branches: Array<[RawBuilder<unknown>, string]>) => {
    for (const [, label] of branches) if (!reasons.includes(label)) reasons.push(label);
    return branches.length
      ? sql`case ${sql.join(
          branches.map(([c, label]) => sql`when ${c} then ${sql.lit(reasons.indexOf(label) + 1)}`),
          sql` `,
        )} else null end`
      : sql`null::int`;
  };
  const base = sql`r.id, r.external_id, coalesce(r.unit_id, ${o.defaultUnitId}::int) as unit_id`;
  // `externalIds`: only these records (an import's new records, see incremental.ts), found by the key (type, external_id).
  const only = extra.externalIds ? sql` and r.external_id = any(${[...extra.externalIds]}::text[])` : sql``;
  const where = sql`r.type = ${def.recordType} and ${all(def.where)}${only}`;
  const yearStart = sql`${`${o.year}-01-01`}::date`,
    yearEnd = sql`${`${o.year}-12-31`}::date`;
  // A duration's period date is an expression (end, as-of date or start): with `yearByGroup` the caller keeps only
  // the groups of the year (the expression is evaluated once per record, in the group key), and the records are
  // only pre-filtered on the end date (a record with one has it as its period date).
  const inYear = (pdate: RawBuilder<unknown>, e: RawBuilder<unknown>) =>
    extra.yearByGroup
      ? sql`(${e} is null or ${e} between ${yearStart} and ${yearEnd})`
      : sql`coalesce(${pdate}, ${yearStart}) between ${yearStart} and ${yearEnd}`;
  const t = def.recordType;
  if (def.kind === 'duration') {
    const s = col(def.start),
      e = col(def.end),
      L = def.limit;
    const sl = fieldLabel(t, def.start),
      el = fieldLabel(t, def.end);
    if (def.days === 'working') {
      const os = sql`k.o[${s} - k.base]`,
        oe = sql`k.o[${e} - k.base]`;
      const durClosed = sql`(${oe} - ${os})`;
      const durOpen = sql`(k.oa - ${os})`;
      const overdue = sql`(${e} is null and k.oa is not null and ${durOpen} > ${L})`;
      const rc = reasonCase([
        [sql`${s} is null`, `缺少${sl}`],
        [sql`${os} is null`, `${sl}不在工作日历覆盖范围内`],
        [sql`${e} is not null and ${oe} is null`, `${el}不在工作日历覆盖范围内`],
        [sql`${e} is null and not ${overdue}`, '尚未办结（未超期）'],
        ...(def.mode === 'average' ? [[sql`${e} is null`, '尚未办结（平均用时只计已办结）'] as [RawBuilder<unknown>, string]] : []),
      ]);
      const pdate = sql`case when ${e} is not null then ${e} when ${overdue} then ${o.asOf}::date else ${s} end`;
      const sql_ = sql`select ${base}, ${s} as s, ${e} as e, ${rc} as rc,
          case when ${e} is null then ${durOpen} else ${durClosed} end as dur,
          case when ${e} is null then false else ${durClosed} <= ${L} end as ok,
          (${e} is null) as is_open, null::float8 as num, null::float8 as den, ${pdate} as pdate
          ${extra.deadline ? sql`, (select d.date from calendar d where d.workday and d.workday_ordinal = ${os} + ${L}) as deadline` : sql``}
        from ${calendarRow(o, false)} cross join case_record r
        where ${where} and ${inYear(pdate, e)}`;
      return { sql: sql_, reasons };
    }
    // Calendar days: last day = start + limit; on a rest day it moves to the next working day (k.nw).
    const last = sql`k.nw[${s} + ${L}::int - k.base]`;
    const rc = reasonCase([
      [sql`${s} is null`, `缺少${sl}`],
      [sql`${last} is null`, '期限末日不在工作日历覆盖范围内'],
      [sql`${e} is null and ${o.asOf}::date <= ${last}`, '尚未办结（未超期）'],
      ...(def.mode === 'average' ? [[sql`${e} is null`, '尚未办结（平均用时只计已办结）'] as [RawBuilder<unknown>, string]] : []),
    ]);
    const pdate = sql`case when ${e} is not null then ${e} when ${o.asOf}::date > ${last} then ${o.asOf}::date else ${s} end`;
    const sql_ = sql`select ${base}, ${s} as s, ${e} as e, ${rc} as rc,
          case when ${e} is null then ${o.asOf}::date - ${s} else ${e} - ${s} end as dur,
          case when ${e} is null then false else ${e} <= ${last} end as ok,
          (${e} is null) as is_open, null::float8 as num, null::float8 as den, ${pdate} as pdate
          ${extra.deadline ? sql`, ${last} as deadline` : sql``}
        from ${calendarRow(o, true)} cross join case_record r
        where ${where} and ${inYear(pdate, e)}`;
    return { sql: sql_, reasons };
  }
  if (def.kind === 'count') {
    const d = col(def.dateField);
    const rc = reasonCase([[sql`${d} is null`, `尚未实现（缺少${fieldLabel(t, def.dateField)}）`]]);
    const sql_ = sql`select ${base}, null::date as s, ${d} as e, ${rc} as rc,
        null::int as dur, true as ok, false as is_open, null::float8 as num, null::float8 as den, ${d} as pdate ${extra.deadline ? sql`, null::date as deadline` : sql``}
      from case_record r where ${where} and (${d} is null or ${d} <= ${yearEnd})`;
    return { sql: sql_, reasons };
  }
  const dateField = def.dateField;
  const d = dateField ? col(dateField) : sql`null::date`;
  const needs =
    def.kind === 'share'
      ? [...(def.needs ?? []), ...(dateField && !(def.needs ?? []).includes(dateField) ? [dateField] : [])]
      : [def.denominator, ...(def.numeratorBlankIsZero ? [] : [def.numerator]), ...(dateField ? [dateField] : [])];
  const rc = reasonCase(needs.map((f) => [sql`${col(f)} is null`, `缺少${fieldLabel(t, f)}`]));
  const values =
    def.kind === 'share'
      ? sql`null::int as dur, coalesce((${all(def.property)}), false) as ok, false as is_open, null::float8 as num, null::float8 as den`
      : sql`null::int as dur, coalesce(coalesce(${col(def.numerator)}, 0) * 100 >= ${def.percent}::float8 * ${col(def.denominator)}, false) as ok, false as is_open,
          coalesce(${col(def.numerator)}, 0)::float8 as num, ${col(def.denominator)}::float8 as den`;
  const sql_ = sql`select ${base}, null::date as s, ${d} as e, ${rc} as rc, ${values}, ${d} as pdate ${extra.deadline ? sql`, null::date as deadline` : sql``}
    from case_record r where ${where} ${dateField ? sql`and (${d} is null or ${d} between ${yearStart} and ${yearEnd})` : sql``}`;
  return { sql: sql_, reasons };
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
  const x = evaluated(def, o, extra);
  return sql`select x.*, (${x.reasons}::text[])[x.rc] as reason from (${x.sql}) x`;
}

/** Aggregates by month, unit and reason (a few hundred rows at most). */
export async function aggregate(db: Db, def: IndicatorDefinition, o: ComputeOptions): Promise<AggregateRow[]> {
  return (await aggregateWithSnapshot(db, def, o)).rows;
}

/**
 * `aggregate`, with the snapshot of the statement (`pg_current_snapshot()`: which transactions' records it saw),
 * optionally over some records only (`externalIds`). The group keys are small integers (the month of the year from
 * an array, 0 for before the year; the reason's index), turned into 'YYYY-MM' and the reason's text here: no text
 * is formatted or hashed per record.
 */
export async function aggregateWithSnapshot(
  db: Db,
  def: IndicatorDefinition,
  o: ComputeOptions,
  externalIds?: readonly string[],
): Promise<{ rows: AggregateRow[]; snapshot: string }> {
  const x = evaluated(def, o, { externalIds, yearByGroup: true });
  // Month key from the period date, the date evaluated once: 0 before the year ('base'), 1–12, 13 after it, null
  // without a date (int4larger/int4smaller are strict, unlike greatest/least, which skip a null).
  const months = [0, ...monthsOfYear(o.year), 13];
  const m = sql`(${months}::int[])[int4larger(int4smaller(x.pdate - ${`${o.year}-01-01`}::date + 2, ${months.length}::int), 1)]`;
  const dur = def.kind === 'duration';
  const num = def.kind === 'ratio';
  const rows = await sql<{
    snap: string;
    m: number | null;
    unit_id: number | null;
    rc: number | null;
    n: number;
    ok: number;
    dur_sum: number;
    dur_max: number | null;
    num: number;
    den: number;
  }>`
    select s.snap, a.* from (select pg_current_snapshot()::text as snap) s left join (
    select ${m} as m, x.unit_id, x.rc, count(*)::int as n, (count(*) filter (where x.ok))::int as ok,
      ${dur ? sql`coalesce(sum(x.dur), 0)::float8` : sql`0::float8`} as dur_sum, ${dur ? sql`max(x.dur)::float8` : sql`null::float8`} as dur_max,
      ${num ? sql`coalesce(sum(x.num), 0)::float8` : sql`0::float8`} as num, ${num ? sql`coalesce(sum(x.den), 0)::float8` : sql`0::float8`} as den
    from (${x.sql}) x group by 1, 2, 3) a on true`.execute(db);
  const snapshot = rows.rows[0]!.snap;
  // Counts include the records dated before the year; the other kinds only the year's (or undated) records. (Kept
  // here, not in SQL: the planner would push the condition on the group key down to every record.)
  const inYear = (m: number | null) => m === null || (m <= 12 && (m >= 1 || def.kind === 'count'));
  const list = rows.rows
    .filter((r) => r.n !== null && inYear(r.m))
    .map((r) => ({
      month: r.m === null ? null : r.m === 0 ? 'base' : `${o.year}-${String(r.m).padStart(2, '0')}`,
      unitId: r.unit_id,
      reason: r.rc === null ? null : x.reasons[r.rc - 1]!,
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
