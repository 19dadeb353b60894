import type { IndicatorDefinition } from './definitions.js';

/**
 * Results from the per-month, per-unit aggregates the SQL computation returns. The heavy part (one row
 * per case: durations against the calendar, compliance, exclusions) is done in SQL; this sums a few
 * hundred aggregate rows into months, quarters and year-to-date, per unit and for the whole district,
 * and decides the status. Every figure is additive (counts, sums, max), so roll-ups are exact.
 */
export interface AggregateRow {
  /** 'YYYY-MM'; 'base' for count indicators: records dated before the monitored year; null: no date (excluded records, snapshots). */
  month: string | null;
  unitId: number | null;
  /** Why the records were excluded; null: counted. */
  reason: string | null;
  n: number;
  /** Compliant cases / records with the property. */
  ok: number;
  durSum: number;
  durMax: number | null;
  num: number;
  den: number;
}

export type Status = 'met' | 'breached' | 'pending' | 'no_data';
export const STATUS_LABELS: Record<Status, string> = { met: '达标', breached: '未达标', pending: '推进中', no_data: '无数据' };

export interface Stats {
  counted: number;
  compliant: number;
  excluded: number;
  excludedReasons: Record<string, number>;
  durSum: number;
  worst: number | null;
  numerator: number;
  denominator: number;
}

export interface PeriodResult extends Stats {
  periodKind: 'month' | 'quarter' | 'ytd' | 'snapshot';
  /** month 'YYYY-MM'; quarter 'YYYY-Qn'; ytd 'YYYY-MM' (January to the end of that month); snapshot 'current'. */
  period: string;
  /** null: the whole district. */
  unitId: number | null;
  value: number | null;
  average: number | null;
  status: Status;
}

const empty = (): Stats => ({ counted: 0, compliant: 0, excluded: 0, excludedReasons: {}, durSum: 0, worst: null, numerator: 0, denominator: 0 });

function add(s: Stats, r: AggregateRow): void {
  if (r.reason !== null) {
    s.excluded += r.n;
    s.excludedReasons[r.reason] = (s.excludedReasons[r.reason] ?? 0) + r.n;
    return;
  }
  s.counted += r.n;
  s.compliant += r.ok;
  s.durSum += r.durSum;
  s.numerator += r.num;
  s.denominator += r.den;
  if (r.durMax !== null && (s.worst === null || r.durMax > s.worst)) s.worst = r.durMax;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Value and status of a set of records under a definition; `periodEnd` decides whether a count target is still due. */
export function evaluate(
  def: IndicatorDefinition,
  s: Stats,
  o: { periodEnd: string; byDate: string | null },
): { value: number | null; average: number | null; status: Status } {
  const average = s.counted && def.kind === 'duration' ? round(s.durSum / s.counted) : null;
  switch (def.kind) {
    case 'duration': {
      if (!s.counted) return { value: null, average, status: 'no_data' };
      if (def.mode === 'average') return { value: average, average, status: average! <= def.limit ? 'met' : 'breached' };
      const v = round((100 * s.compliant) / s.counted);
      return { value: v, average, status: s.compliant === s.counted ? 'met' : 'breached' };
    }
    case 'share': {
      if (!s.counted) return { value: null, average, status: 'no_data' };
      const v = round((100 * s.compliant) / s.counted);
      const exact = 100 * s.compliant === def.percent * s.counted;
      const met = def.op === '=' ? exact : exact || (100 * s.compliant) / s.counted >= def.percent;
      return { value: v, average, status: met ? 'met' : 'breached' };
    }
    case 'ratio': {
      if (!s.counted || s.denominator <= 0) return { value: null, average, status: 'no_data' };
      const raw = (100 * s.numerator) / s.denominator;
      return { value: round(raw), average, status: raw >= def.percent - 1e-9 ? 'met' : 'breached' };
    }
    case 'count': {
      const v = s.counted;
      // Not a single record of the type (none counted, none excluded): nobody has reported yet, which the
      // dashboard shows as 无数据 rather than as a broken promise (and the ledger task is not marked).
      if (!v && !s.excluded && def.target > 0) return { value: null, average, status: 'no_data' };
      if (v >= def.target) return { value: v, average, status: 'met' };
      return { value: v, average, status: o.byDate !== null && o.periodEnd >= o.byDate ? 'breached' : 'pending' };
    }
  }
}

const monthEnd = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
};

/**
 * Months, quarters and year-to-date (cumulative by month) of `year` up to `asOf`, for each unit and the
 * whole district. Definitions without a date field give one 'snapshot' result per unit instead.
 */
export function rollUp(def: IndicatorDefinition, rows: AggregateRow[], o: { year: number; asOf: string }): PeriodResult[] {
  const lastMonth = o.asOf.slice(0, 4) > String(o.year) ? 12 : o.asOf.slice(0, 4) < String(o.year) ? 0 : Number(o.asOf.slice(5, 7));
  const byDate = def.kind === 'count' ? `${o.year}-${def.by}` : null;
  const unitKeys: Array<number | null | 'all'> = ['all', ...[...new Set(rows.map((r) => r.unitId))]];
  const out: PeriodResult[] = [];
  const push = (kind: PeriodResult['periodKind'], period: string, unitKey: number | null | 'all', pick: (r: AggregateRow) => boolean, periodEnd: string) => {
    const s = empty();
    for (const r of rows) if ((unitKey === 'all' || r.unitId === unitKey) && pick(r)) add(s, r);
    if (unitKey !== 'all' && s.counted + s.excluded === 0) return;
    out.push({ ...s, periodKind: kind, period, unitId: unitKey === 'all' ? null : unitKey, ...evaluate(def, s, { periodEnd, byDate }) });
  };
  const dated = def.kind === 'duration' || def.kind === 'count' || def.dateField !== undefined;
  for (const u of unitKeys) {
    // A unit key of null means records without a responsible unit (shown as 未指定单位).
    if (!dated) {
      push('snapshot', 'current', u, () => true, o.asOf);
      continue;
    }
    for (let m = 1; m <= lastMonth; m++) {
      const ym = `${o.year}-${String(m).padStart(2, '0')}`;
      push('month', ym, u, (r) => r.month === ym, monthEnd(ym));
      push(
        'ytd',
        ym,
        u,
        (r) => r.month === null || (r.month === 'base' && def.kind === 'count') || (r.month !== 'base' && r.month <= ym),
        m === lastMonth && o.asOf < monthEnd(ym) ? o.asOf : monthEnd(ym),
      );
      if (m % 3 === 0 || m === lastMonth) {
        const q = Math.ceil(m / 3);
        const from = `${o.year}-${String(q * 3 - 2).padStart(2, '0')}`;
        push('quarter', `${o.year}-Q${q}`, u, (r) => r.month !== null && r.month !== 'base' && r.month >= from && r.month <= ym, monthEnd(ym));
      }
    }
  }
  return out;
}
