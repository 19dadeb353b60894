/**
 * The figures of enterprise requests, counted set-based in SQL: one scan of `request_item` (the steps are stored
 * on the row: first answer, 退单 and 重办 counts; working days from the `calendar` table's ordinals) grouped by
 * GROUPING SETS — the district, each unit, category, channel and month at once — and, for the per-unit 退单率, the
 * 派单/退单 steps of the requests returned at least once.
 * Definitions and the counts → rates arithmetic are in `core/figures.ts`; the README lists the definitions.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import { listUnitRows } from '../units/index.js';
import { type FigureCounts, type Period, type Rates, ratesOf, REQUEST_CATEGORIES, REQUEST_CHANNELS, ZERO_COUNTS } from './core/index.js';
import { hotKeywords, keywordCounts, risingKeywords, type KeywordRow } from './core/keywords.js';
import { previousPeriod, type RequestChannel } from './core/index.js';

type Db = Kysely<Database>;

export type FigureDimension = 'unit' | 'category' | 'channel' | 'month';

/** Counts per group: `district` and, for each dimension asked for, a map from its value (unit id, category, channel, month 1–12) to the counts. */
export interface GroupedCounts {
  district: FigureCounts;
  unit: Map<number | null, FigureCounts>;
  category: Map<string, FigureCounts>;
  channel: Map<string, FigureCounts>;
  month: Map<number, FigureCounts>;
}

const DIM_COLUMN: Record<FigureDimension, string> = { unit: 'unit_id', category: 'category', channel: 'channel', month: 'month' };

interface Row {
  g_unit: number;
  g_category: number;
  g_channel: number;
  g_month: number;
  unit_id: number | null;
  category: string | null;
  channel: string | null;
  month: number | null;
}

/**
 * Counts of the requests filed from `from` to `to` (inclusive) as of the data date `asOf` (a deadline before it and
 * nothing done is overdue), for the district and each dimension in `dims`. `unitIds`: only requests routed to these
 * units (and their steps), for a unit's own figures.
 */
export async function countRequests(
  db: Db,
  p: { from: string; to: string; asOf: string; dims: readonly FigureDimension[]; unitIds?: readonly number[] },
): Promise<GroupedCounts> {
  const sets = [sql`()`, ...p.dims.map((d) => sql`(r.${sql.ref(DIM_COLUMN[d])})`)];
  // GROUPING() only takes expressions of the grouping sets: a dimension not asked for is a constant.
  const groupCols = (expr: (d: FigureDimension) => RawBuilder<unknown>) =>
    sql.join(
      (['unit', 'category', 'channel', 'month'] as const).map((d) =>
        p.dims.includes(d)
          ? sql`grouping(${expr(d)}) as ${sql.ref(`g_${d}`)}, ${expr(d)} as ${sql.ref(DIM_COLUMN[d])}`
          : sql`1 as ${sql.ref(`g_${d}`)}, null as ${sql.ref(DIM_COLUMN[d])}`,
      ),
    );
  const unitScope = p.unitIds ? sql`and r.unit_id in (${sql.join(p.unitIds.length ? [...p.unitIds] : [-1])})` : sql``;
  // One scan of the period's requests, counted first per (unit, category, channel, month) — a few thousand groups —
  // and those rolled up by GROUPING SETS (every count is a sum). The stored columns stand for the steps: a request is
  // routed once more than it was returned (`transfers`) when it has a unit now, rated once per 重办 (`reopens`) plus
  // once when closed, and its first answer since the current 派单 is `first_answered_on`. Working days: the calendar's
  // ordinals as one array indexed by the day (the calendar table has every day of the years it covers), as scalar
  // subqueries: computed once, and the scan stays parallel.
  const ordinal = (day: RawBuilder<unknown>) =>
    sql`(select array_agg(workday_ordinal order by date) from calendar)[${day} - (select min(date) from calendar) + 1]`;
  const fineCols = p.dims.map((d) => sql.ref(DIM_COLUMN[d]));
  const main = await sql<Row & Record<string, number>>`
    with r as (
      select r.unit_id, r.category, r.channel, extract(month from r.filed_on)::int as month, r.stage, r.sign_due, r.signed_on,
             r.answer_due, r.answered_on, r.rating, r.reopens, r.transfers,
             ${ordinal(sql`r.first_answered_on`)} - ${ordinal(sql`r.routed_on`)} as answer_days
      from request_item r
      where r.filed_on between ${p.from}::date and ${p.to}::date ${unitScope}
    ),
    fine as (
      select ${sql.join([...fineCols, sql`1 as one`])},
             count(*) as received,
             count(*) filter (where r.sign_due is not null and (r.signed_on is not null or r.sign_due < ${p.asOf}::date)) as sign_due,
             count(*) filter (where r.signed_on is not null and r.signed_on <= r.sign_due) as signed_on_time,
             count(*) filter (where r.stage = '办结') as closed,
             count(*) filter (where r.answer_due is not null and (r.answered_on is not null or r.answer_due < ${p.asOf}::date)) as answer_due,
             count(*) filter (where r.answered_on is not null and r.answered_on <= r.answer_due) as answered_on_time,
             count(*) filter (where r.rating is not null) as rated,
             count(*) filter (where r.rating is not null and r.reopens > 0) as reopened,
             count(r.answer_days) as answered,
             coalesce(sum(r.answer_days), 0) as answer_days,
             count(r.unit_id) + coalesce(sum(r.transfers), 0) as routes,
             count(r.unit_id) as routed_now,
             coalesce(sum(r.transfers), 0) as returns,
             coalesce(sum(r.reopens), 0) + count(*) filter (where r.stage = '办结') as ratings
      from r
      group by ${sql.join([...fineCols, sql`one`])}
    )
    select ${groupCols((d) => sql`r.${sql.ref(DIM_COLUMN[d])}`)},
           ${sql.join(
             [
               'received',
               'sign_due',
               'signed_on_time',
               'closed',
               'answer_due',
               'answered_on_time',
               'rated',
               'reopened',
               'answered',
               'answer_days',
               'routes',
               'routed_now',
               'returns',
               'ratings',
             ].map((c) => sql`coalesce(sum(r.${sql.ref(c)}), 0)::int as ${sql.ref(c)}`),
           )}
    from fine r
    group by grouping sets (${sql.join(sets)})`.execute(db);
  // 退单率 per unit: a 派单 counts for the unit routed to, a 退单 for the unit that returned it. Only a request returned
  // at least once has steps of more than one unit: each unit in its `returned_by` was routed to and returned it once
  // (read from the partial index alone).
  const stepScope = p.unitIds ? sql`and u.unit_id in (${sql.join(p.unitIds.length ? [...p.unitIds] : [-1])})` : sql``;
  const steps = p.dims.includes('unit')
    ? (
        await sql<{ unit_id: number; n: number }>`
          select u.unit_id, count(*)::int as n
          from request_item r cross join lateral unnest(r.returned_by) as u(unit_id)
          where r.transfers > 0 and r.filed_on between ${p.from}::date and ${p.to}::date ${stepScope}
          group by u.unit_id`.execute(db)
      ).rows
    : [];
  const out: GroupedCounts = { district: { ...ZERO_COUNTS }, unit: new Map(), category: new Map(), channel: new Map(), month: new Map() };
  const slot = (r: Row): FigureCounts => {
    const get = <K>(m: Map<K, FigureCounts>, k: K) => {
      let c = m.get(k);
      if (!c) m.set(k, (c = { ...ZERO_COUNTS }));
      return c;
    };
    if (r.g_unit === 0) return get(out.unit, r.unit_id);
    if (r.g_category === 0) return get(out.category, r.category!);
    if (r.g_channel === 0) return get(out.channel, r.channel!);
    if (r.g_month === 0) return get(out.month, r.month!);
    return out.district;
  };
  for (const r of main.rows)
    Object.assign(slot(r), {
      received: r.received,
      signDue: r.sign_due,
      signedOnTime: r.signed_on_time,
      closed: r.closed,
      answerDue: r.answer_due,
      answeredOnTime: r.answered_on_time,
      rated: r.rated,
      reopened: r.reopened,
      answered: r.answered,
      answerDays: r.answer_days,
      routes: r.g_unit === 0 ? r.routed_now : r.routes,
      returns: r.g_unit === 0 ? 0 : r.returns,
      ratings: r.ratings,
      satisfiedRatings: r.closed,
    });
  for (const r of steps) {
    let c = out.unit.get(r.unit_id);
    if (!c) out.unit.set(r.unit_id, (c = { ...ZERO_COUNTS }));
    c.routes += r.n;
    c.returns += r.n;
  }
  return out;
}

export interface FigureRow extends Rates {
  key: string;
  label: string;
  counts: FigureCounts;
}

export interface RequestFigures {
  period: Period;
  previous: Period;
  asOf: string;
  district: FigureRow;
  /** The district in the period before (the change of each rate). */
  districtPrevious: FigureRow;
  units: FigureRow[];
  categories: FigureRow[];
  channels: FigureRow[];
  /** Each month of the period's year up to the data date (the trend chart). */
  months: FigureRow[];
  /** 热点类别: topics of the 派单目录 by received (see `hotTopics`), with the count of the period before. */
  hotCategories: HotTopic[];
  hotKeywords: KeywordRow[];
  risingKeywords: KeywordRow[];
}

export interface HotTopic {
  category: string;
  count: number;
  previous: number;
}

/** The label of requests without a topic in the hot categories. */
export const NO_TOPIC = '未分类';

/**
 * 热点类别: the 派单目录 topics (事项类别) of the requests filed in the period and in the period before, the most
 * received first (at most `limit`). A request's topic is the one the office chose at 派单; before that (or when it was
 * routed without a topic) the first topic suggested on arrival; else 未分类.
 */
export async function hotTopics(db: Db, cur: { from: string; to: string }, prev: { from: string; to: string }, limit = 10): Promise<HotTopic[]> {
  const rows = await sql<{ name: string | null; count: number; previous: number }>`
    select t.name,
           count(*) filter (where r.filed_on between ${cur.from}::date and ${cur.to}::date)::int as count,
           count(*) filter (where r.filed_on between ${prev.from}::date and ${prev.to}::date)::int as previous
    from request_item r
    left join request_routing rr on rr.request_id = r.id
    left join request_topic t
      on t.id = coalesce(rr.topic_id, case when jsonb_typeof(rr.suggestion::jsonb) = 'array' then (rr.suggestion::jsonb -> 0 ->> 'topicId')::int end)
    where (r.filed_on between ${cur.from}::date and ${cur.to}::date) or (r.filed_on between ${prev.from}::date and ${prev.to}::date)
    group by t.name`.execute(db);
  return rows.rows
    .filter((r) => r.count > 0)
    .map((r) => ({ category: r.name ?? NO_TOPIC, count: r.count, previous: r.previous }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.category.localeCompare(b.category, 'zh-Hans-CN'))
    .slice(0, limit);
}

const row = (key: string, label: string, counts: FigureCounts): FigureRow => ({ key, label, counts, ...ratesOf(counts) });

async function subjects(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db.selectFrom('request_item').select('subject').where('filed_on', '>=', from).where('filed_on', '<=', to).execute();
  return rows.map((r) => r.subject);
}

/** Everything the figures page, the public page and the bulletin show for one period, as of `asOf`. */
export async function requestFigures(db: Db, period: Period, asOf: string): Promise<RequestFigures> {
  const previous = previousPeriod(period);
  const to = period.to < asOf ? period.to : asOf;
  const cur = await countRequests(db, { from: period.from, to, asOf, dims: ['unit', 'category', 'channel'] });
  const prevTo = previous.to < asOf ? previous.to : asOf;
  const prev = await countRequests(db, { from: previous.from, to: prevTo, asOf, dims: ['category'] });
  const yearTo = `${period.year}-12-31` < asOf ? `${period.year}-12-31` : asOf;
  const year = await countRequests(db, { from: `${period.year}-01-01`, to: yearTo, asOf, dims: ['month'] });
  const names = new Map((await listUnitRows(db)).map((u) => [u.id, u.name]));
  const units = [...cur.unit]
    .map(([id, c]) => row(id === null ? 'none' : String(id), id === null ? '待派单' : (names.get(id) ?? String(id)), c))
    .sort((a, b) => (a.key === 'none' ? 1 : b.key === 'none' ? -1 : b.received - a.received || a.label.localeCompare(b.label, 'zh-Hans-CN')));
  const categories = REQUEST_CATEGORIES.map((c) => row(c, c, cur.category.get(c) ?? { ...ZERO_COUNTS }));
  const channels = REQUEST_CHANNELS.map((c: RequestChannel) => row(c, c, cur.channel.get(c) ?? { ...ZERO_COUNTS }));
  const lastMonth = yearTo < `${period.year}-01-01` ? 0 : Number(yearTo.slice(5, 7));
  const months = Array.from({ length: lastMonth }, (_, i) => row(String(i + 1), `${i + 1}月`, year.month.get(i + 1) ?? { ...ZERO_COUNTS }));
  const hotCategories = await hotTopics(db, { from: period.from, to }, { from: previous.from, to: prevTo });
  const [curWords, prevWords] = await Promise.all([
    period.from <= to ? subjects(db, period.from, to) : [],
    previous.from <= prevTo ? subjects(db, previous.from, prevTo) : [],
  ]).then(([a, b]) => [keywordCounts(a), keywordCounts(b)] as const);
  return {
    period,
    previous,
    asOf,
    district: row('district', '全区', cur.district),
    districtPrevious: row('district', '全区（上期）', prev.district),
    units,
    categories,
    channels,
    months,
    hotCategories,
    hotKeywords: hotKeywords(curWords, prevWords),
    risingKeywords: risingKeywords(curWords, prevWords),
  };
}

/**
 * Per unit, the counts of 按时办结 (answered on time / due) of the requests filed in `year` up to `asOf`, with the
 * unit's other rates as details: the ledger's annual assessment reads this (item 企业诉求按时办结, weighted by the office).
 */
export async function requestAssessmentCounts(
  db: Db,
  year: number,
  asOf: string,
): Promise<Array<{ unitId: number; numerator: number; denominator: number; details: string[] }>> {
  const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const c = await countRequests(db, { from: `${year}-01-01`, to, asOf, dims: ['unit'] });
  const fmt = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
  return [...c.unit]
    .filter((e): e is [number, FigureCounts] => e[0] !== null && e[1].answerDue > 0)
    .map(([unitId, k]) => {
      const r = ratesOf(k);
      return {
        unitId,
        numerator: k.answeredOnTime,
        denominator: k.answerDue,
        details: [
          `${year}年受理诉求 ${k.received} 件（截至 ${to}），应办结 ${k.answerDue} 件，按时办结 ${k.answeredOnTime} 件`,
          `按时签收率 ${fmt(r.signOnTime)}，办结率 ${fmt(r.closed)}，满意率 ${fmt(r.satisfied)}，重办率 ${fmt(r.reopened)}，退单率 ${fmt(r.returned)}`,
        ],
      };
    });
}

/**
 * The district 按时办结率 of the requests filed in `year`, as of `asOf` (target 100 %: the plan names no lower figure).
 * Measure 48's indicator on 指标监测 (企业诉求按时办结率) is computed by the indicators from `onTimeRecords`; this is the
 * same rate from the figures, the check that both agree.
 */
export async function requestOnTimeIndicator(
  db: Db,
  year: number,
  asOf: string,
): Promise<{ code: string; name: string; measureNumber: number; value: number | null; target: number; met: boolean | null; due: number; late: number }> {
  const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const c = await countRequests(db, { from: `${year}-01-01`, to, asOf, dims: [] });
  const value = ratesOf(c.district).answerOnTime;
  return {
    code: 'request-on-time',
    name: '企业诉求按时办结率',
    measureNumber: 48,
    value,
    target: 100,
    met: value === null ? null : value >= 100,
    due: c.district.answerDue,
    late: c.district.answerDue - c.district.answeredOnTime,
  };
}

/** Years with requests, the latest first (the figures pages' year choice). */
export async function requestYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('request_item').select('year').distinct().orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}
