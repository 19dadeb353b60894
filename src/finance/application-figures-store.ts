/**
 * The figures of 渝中融, counted set-based in SQL: one statement over `finance_application` (working days to decision
 * from the `calendar` table's ordinals) grouped by GROUPING SETS — the district, each bank (institution row), product
 * type, industry section, size class and month at once — one for the decline reasons (district and per bank), and
 * one for the needs per enterprise and month (the needs carry no industry or size: the enterprise registry's
 * `getEnterprises` gives them, one batch read, and the rows are summed here). Definitions: `core/application-figures.ts`.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import { getEnterprises, resolveIndustry, SECTIONS, SIZE_CLASSES } from '../enterprises/index.js';
import {
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  FINANCE_PRODUCT_TYPES,
  financeRates,
  previousPeriod,
  ZERO_FINANCE_COUNTS,
  type DeclineReason,
  type FinanceCounts,
  type FinanceRates,
  type Period,
} from './core/index.js';

type Db = Kysely<Database>;

export type FinanceDimension = 'bank' | 'productType' | 'industry' | 'size' | 'month';
const DIMS: readonly FinanceDimension[] = ['bank', 'productType', 'industry', 'size', 'month'];
const COLUMN: Record<FinanceDimension, string> = {
  bank: 'institution_id',
  productType: 'product_type',
  industry: 'industry_section',
  size: 'size_class',
  month: 'month',
};

export interface GroupedFinanceCounts {
  district: FinanceCounts;
  bank: Map<number, FinanceCounts>;
  productType: Map<string, FinanceCounts>;
  /** Section letter, or '' when the enterprise has no industry. */
  industry: Map<string, FinanceCounts>;
  /** Size class, or '' when unknown. */
  size: Map<string, FinanceCounts>;
  month: Map<number, FinanceCounts>;
  /** Decline reasons: district and per bank. */
  declineReasons: Map<DeclineReason, number>;
  bankDeclineReasons: Map<number, Map<DeclineReason, number>>;
}

interface AppRow {
  g_bank: number;
  g_productType: number;
  g_industry: number;
  g_size: number;
  g_month: number;
  institution_id: number | null;
  product_type: string | null;
  industry_section: string | null;
  size_class: string | null;
  month: number | null;
  applied: number;
  accept_due: number;
  accepted_on_time: number;
  decide_due: number;
  decided_on_time: number;
  decided: number;
  decision_days: number;
  approved: number;
  approved_amount: string | number;
  disbursed: number;
  disbursed_amount: string | number;
  declined: number;
  first_loans: number;
  first_loan_amount: string | number;
  no_repayment: number;
  no_repayment_amount: string | number;
  small_micro: number;
  small_micro_amount: string | number;
}

/**
 * Counts of the applications submitted and needs posted from `from` to `to` (inclusive), as of the data date
 * `asOf` (a deadline before it with the step not done counts as due and missed). `institutionIds`: only
 * applications addressed to these institution rows (a bank's own figures; needs are then not counted).
 */
export async function countFinance(
  db: Db,
  p: { from: string; to: string; asOf: string; dims: readonly FinanceDimension[]; institutionIds?: readonly number[] },
): Promise<GroupedFinanceCounts> {
  const groupCols = sql.join(
    DIMS.map((d) =>
      p.dims.includes(d)
        ? sql`grouping(a.${sql.ref(COLUMN[d])})::int as ${sql.ref(`g_${d}`)}, a.${sql.ref(COLUMN[d])} as ${sql.ref(COLUMN[d])}`
        : sql`1 as ${sql.ref(`g_${d}`)}, null as ${sql.ref(COLUMN[d])}`,
    ),
  );
  const sets: RawBuilder<unknown>[] = [sql`()`, ...p.dims.map((d) => sql`(a.${sql.ref(COLUMN[d])})`)];
  const scope = p.institutionIds ? sql`and a.institution_id in (${sql.join(p.institutionIds.length ? [...p.institutionIds] : [-1])})` : sql``;
  const asOf = sql`${p.asOf}::date`;
  const disbursed = sql`a.status = 'disbursed'`;
  const main = await sql<AppRow>`
    with a as (
      select a.*, extract(month from a.submitted_on)::int as month
      from finance_application a
      where a.submitted_on between ${p.from}::date and ${p.to}::date ${scope}
    )
    select ${groupCols},
      count(*)::int as applied,
      count(*) filter (where a.accepted_on is not null or (a.status = 'declined' and a.accepted_on is null)
                          or (a.status = 'submitted' and a.accept_due < ${asOf}))::int as accept_due,
      count(*) filter (where a.accepted_on <= a.accept_due
                          or (a.status = 'declined' and a.accepted_on is null and a.decided_on <= a.accept_due))::int as accepted_on_time,
      count(*) filter (where a.decided_on is not null or (a.status = 'accepted' and a.decide_due < ${asOf}))::int as decide_due,
      count(*) filter (where a.decided_on <= coalesce(a.decide_due, a.accept_due))::int as decided_on_time,
      count(*) filter (where a.decided_on is not null)::int as decided,
      coalesce(sum(cd.workday_ordinal - cs.workday_ordinal), 0)::int as decision_days,
      count(*) filter (where a.status in ('approved', 'disbursed'))::int as approved,
      coalesce(sum(a.credit_amount) filter (where a.status in ('approved', 'disbursed')), 0) as approved_amount,
      count(*) filter (where ${disbursed})::int as disbursed,
      coalesce(sum(a.disbursed_amount) filter (where ${disbursed}), 0) as disbursed_amount,
      count(*) filter (where a.status = 'declined')::int as declined,
      count(*) filter (where ${disbursed} and a.first_loan_confirmed)::int as first_loans,
      coalesce(sum(a.disbursed_amount) filter (where ${disbursed} and a.first_loan_confirmed), 0) as first_loan_amount,
      count(*) filter (where ${disbursed} and a.renewal_kind = 'no_repayment_renewal')::int as no_repayment,
      coalesce(sum(a.disbursed_amount) filter (where ${disbursed} and a.renewal_kind = 'no_repayment_renewal'), 0) as no_repayment_amount,
      count(*) filter (where ${disbursed} and a.size_class in ('小型', '微型'))::int as small_micro,
      coalesce(sum(a.disbursed_amount) filter (where ${disbursed} and a.size_class in ('小型', '微型')), 0) as small_micro_amount
    from a
    left join calendar cs on cs.date = a.submitted_on and a.decided_on is not null
    left join calendar cd on cd.date = a.decided_on and cs.date is not null
    group by grouping sets (${sql.join(sets)})`.execute(db);
  const reasons = await sql<{ g: number; institution_id: number | null; decline_reason: string; n: number }>`
    select grouping(a.institution_id)::int as g, a.institution_id, a.decline_reason, count(*)::int as n
    from finance_application a
    where a.status = 'declined' and a.submitted_on between ${p.from}::date and ${p.to}::date ${scope}
    group by grouping sets ((a.decline_reason), (a.institution_id, a.decline_reason))`.execute(db);
  const out: GroupedFinanceCounts = {
    district: { ...ZERO_FINANCE_COUNTS },
    bank: new Map(),
    productType: new Map(),
    industry: new Map(),
    size: new Map(),
    month: new Map(),
    declineReasons: new Map(),
    bankDeclineReasons: new Map(),
  };
  const get = <K>(m: Map<K, FinanceCounts>, k: K) => {
    let c = m.get(k);
    if (!c) m.set(k, (c = { ...ZERO_FINANCE_COUNTS }));
    return c;
  };
  const slot = (r: AppRow): FinanceCounts => {
    if (r.g_bank === 0) return get(out.bank, r.institution_id!);
    if (r.g_productType === 0) return get(out.productType, r.product_type!);
    if (r.g_industry === 0) return get(out.industry, r.industry_section ?? '');
    if (r.g_size === 0) return get(out.size, r.size_class ?? '');
    if (r.g_month === 0) return get(out.month, r.month!);
    return out.district;
  };
  for (const r of main.rows)
    Object.assign(slot(r), {
      applied: r.applied,
      acceptDue: r.accept_due,
      acceptedOnTime: r.accepted_on_time,
      decideDue: r.decide_due,
      decidedOnTime: r.decided_on_time,
      decided: r.decided,
      decisionDays: r.decision_days,
      approved: r.approved,
      approvedAmount: Number(r.approved_amount),
      disbursed: r.disbursed,
      disbursedAmount: Number(r.disbursed_amount),
      declined: r.declined,
      firstLoans: r.first_loans,
      firstLoanAmount: Number(r.first_loan_amount),
      noRepaymentRenewals: r.no_repayment,
      noRepaymentRenewalAmount: Number(r.no_repayment_amount),
      smallMicroDisbursed: r.small_micro,
      smallMicroDisbursedAmount: Number(r.small_micro_amount),
    });
  for (const r of reasons.rows) {
    const reason = r.decline_reason as DeclineReason;
    if (r.g === 1) out.declineReasons.set(reason, r.n);
    else {
      let m = out.bankDeclineReasons.get(r.institution_id!);
      if (!m) out.bankDeclineReasons.set(r.institution_id!, (m = new Map()));
      m.set(reason, r.n);
    }
  }
  if (!p.institutionIds) {
    // Needs: per enterprise and month in SQL, then the registry's industry and size (one batch read).
    const needs = await sql<{ enterprise_id: number; month: number; posted: number; matched: number }>`
      select n.enterprise_id, extract(month from n.posted_on)::int as month, count(*)::int as posted,
             count(*) filter (where n.matched_at is not null and (n.matched_at at time zone 'Asia/Shanghai')::date <= ${asOf})::int as matched
      from finance_need n
      where n.posted_on between ${p.from}::date and ${p.to}::date
      group by n.enterprise_id, extract(month from n.posted_on)`.execute(db);
    const firms = new Map((await getEnterprises(db, [...new Set(needs.rows.map((n) => n.enterprise_id))])).map((e) => [e.id, e]));
    for (const n of needs.rows) {
      const firm = firms.get(n.enterprise_id);
      const ind = firm?.industryCode ? resolveIndustry(firm.industryCode) : null;
      const targets = [out.district];
      if (p.dims.includes('industry')) targets.push(get(out.industry, ind && !('error' in ind) ? ind.section.code : ''));
      if (p.dims.includes('size')) targets.push(get(out.size, firm?.sizeClass ?? ''));
      if (p.dims.includes('month')) targets.push(get(out.month, n.month));
      for (const t of targets) {
        t.needsPosted += n.posted;
        t.needsMatched += n.matched;
      }
    }
  }
  return out;
}

export interface FinanceFigureRow extends FinanceRates {
  key: string;
  label: string;
  counts: FinanceCounts;
}

export interface FinanceFigures {
  period: Period;
  previous: Period;
  asOf: string;
  district: FinanceFigureRow;
  districtPrevious: FinanceFigureRow;
  banks: FinanceFigureRow[];
  productTypes: FinanceFigureRow[];
  industries: FinanceFigureRow[];
  sizes: FinanceFigureRow[];
  months: FinanceFigureRow[];
  declineReasons: Array<{ reason: DeclineReason; label: string; count: number }>;
  bankDeclineReasons: Array<{ bank: string; reasons: Array<{ reason: DeclineReason; label: string; count: number }> }>;
}

const row = (key: string, label: string, counts: FinanceCounts): FinanceFigureRow => ({ key, label, counts, ...financeRates(counts) });
const reasonList = (m: Map<DeclineReason, number>) =>
  DECLINE_REASONS.filter((r) => m.has(r)).map((reason) => ({ reason, label: DECLINE_REASON_LABELS[reason], count: m.get(reason)! }));

/** Everything the dashboard, the Excel export and the public page show for a period, as of `asOf`. */
export async function financeFigures(db: Db, period: Period, asOf: string): Promise<FinanceFigures> {
  const previous = previousPeriod(period);
  const to = period.to < asOf ? period.to : asOf;
  const cur = await countFinance(db, { from: period.from, to, asOf, dims: ['bank', 'productType', 'industry', 'size'] });
  const prevTo = previous.to < asOf ? previous.to : asOf;
  const prev = await countFinance(db, { from: previous.from, to: prevTo, asOf, dims: [] });
  const yearTo = `${period.year}-12-31` < asOf ? `${period.year}-12-31` : asOf;
  const year = await countFinance(db, { from: `${period.year}-01-01`, to: yearTo, asOf, dims: ['month'] });
  const instIds = [...cur.bank.keys()];
  const insts = instIds.length ? await db.selectFrom('finance_institution').select(['id', 'name', 'branch']).where('id', 'in', instIds).execute() : [];
  const instName = new Map(insts.map((i) => [i.id, i.branch ? `${i.name}${i.branch}` : i.name]));
  const banks = [...cur.bank]
    .map(([id, c]) => row(String(id), instName.get(id) ?? '', c))
    .sort((a, b) => b.counts.applied - a.counts.applied || a.label.localeCompare(b.label, 'zh-Hans-CN'));
  const productTypes = FINANCE_PRODUCT_TYPES.filter((t) => cur.productType.has(t)).map((t) => row(t, t, cur.productType.get(t)!));
  const industries = [
    ...SECTIONS.filter((s) => cur.industry.has(s.code)).map((s) => row(s.code, `${s.code} ${s.name}`, cur.industry.get(s.code)!)),
    ...(cur.industry.has('') ? [row('none', '行业未登记', cur.industry.get('')!)] : []),
  ];
  const sizes = [
    ...SIZE_CLASSES.filter((s) => cur.size.has(s)).map((s) => row(s, s, cur.size.get(s)!)),
    ...(cur.size.has('') ? [row('none', '规模未知', cur.size.get('')!)] : []),
  ];
  const lastMonth = yearTo < `${period.year}-01-01` ? 0 : Number(yearTo.slice(5, 7));
  const months = Array.from({ length: lastMonth }, (_, i) => row(String(i + 1), `${i + 1}月`, year.month.get(i + 1) ?? { ...ZERO_FINANCE_COUNTS }));
  return {
    period,
    previous,
    asOf,
    district: row('district', '全区', cur.district),
    districtPrevious: row('district', '全区（上期）', prev.district),
    banks,
    productTypes,
    industries,
    sizes,
    months,
    declineReasons: reasonList(cur.declineReasons),
    bankDeclineReasons: [...cur.bankDeclineReasons].map(([id, m]) => ({ bank: instName.get(id) ?? '', reasons: reasonList(m) })),
  };
}

/** Years with applications or needs (newest first), for the period picker. */
export async function financeYears(db: Db): Promise<number[]> {
  const r = await sql<{ y: number }>`
    select distinct extract(year from d)::int as y from (
      select submitted_on as d from finance_application union all select posted_on from finance_need
    ) x order by y desc`.execute(db);
  return r.rows.map((x) => x.y);
}

/**
 * Measures 9–11 as indicators: the district 按时受理率 and 按时审批率 of the year up to `asOf`, against the targets
 * 区金融办 set (none set: no indicator). What the ledger shows as off-track signals on the measures' tasks.
 */
export async function financeOnTimeIndicators(
  db: Db,
  year: number,
  asOf: string,
  targets: { acceptTarget: number | null; decideTarget: number | null },
): Promise<Array<{ code: string; name: string; value: number | null; target: number; met: boolean | null; due: number; late: number }>> {
  const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const c = (await countFinance(db, { from: `${year}-01-01`, to, asOf, dims: [] })).district;
  const r = financeRates(c);
  const out = [];
  if (targets.acceptTarget !== null)
    out.push({
      code: 'finance-accept-on-time',
      name: '融资申请按时受理率',
      value: r.acceptOnTime,
      target: targets.acceptTarget,
      met: r.acceptOnTime === null ? null : r.acceptOnTime >= targets.acceptTarget,
      due: c.acceptDue,
      late: c.acceptDue - c.acceptedOnTime,
    });
  if (targets.decideTarget !== null)
    out.push({
      code: 'finance-decide-on-time',
      name: '融资申请按时审批率',
      value: r.decideOnTime,
      target: targets.decideTarget,
      met: r.decideOnTime === null ? null : r.decideOnTime >= targets.decideTarget,
      due: c.decideDue,
      late: c.decideDue - c.decidedOnTime,
    });
  return out;
}
