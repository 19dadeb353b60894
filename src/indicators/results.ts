import { staleMarks } from './stale.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { NotFoundError } from '../shared/index.js';
import { actorNamer } from '../auth/index.js';
import { findUnitsByIds } from '../units/index.js';
import { isRecordType, RECORD_SPECS, STATUS_LABELS, targetText, valueLabel, type PeriodResult, type Status, type VersionedDefinition } from './core/index.js';
import { leadUnits, listCases, type CaseRow } from './compute.js';
import { currentDefinitions, definitionVersions, getDefinition } from './definition-store.js';
import { indicatorAsOf, monitoringYear } from './year.js';
import { forYear, yearPlanTargets, type YearTarget } from './plan-targets.js';

export interface ResultRow {
  periodKind: PeriodResult['periodKind'];
  period: string;
  unitId: number | null;
  unitName: string | null;
  counted: number;
  compliant: number;
  excluded: number;
  excludedReasons: Record<string, number>;
  value: number | null;
  average: number | null;
  worst: number | null;
  numerator: number;
  denominator: number;
  status: Status;
  statusLabel: string;
  version: number;
  asOf: string;
  computedAt: Date;
}

async function results(
  db: Kysely<Database>,
  f: { codes?: string[]; year: number; version?: number; unitIds?: number[] | null; periodKind?: string },
): Promise<Array<ResultRow & { code: string }>> {
  let q = db
    .selectFrom('indicator_result as r')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.code',
      'r.version',
      'r.period_kind',
      'r.period',
      'r.unit_id',
      'u.name as unit_name',
      'r.counted',
      'r.compliant',
      'r.excluded',
      'r.excluded_reasons',
      'r.value',
      'r.average',
      'r.worst',
      'r.numerator',
      'r.denominator',
      'r.status',
      'r.as_of',
      'r.computed_at',
    ])
    .where('r.year', '=', f.year);
  if (f.codes) q = q.where('r.code', 'in', f.codes.length ? f.codes : ['']);
  if (f.version !== undefined) q = q.where('r.version', '=', f.version);
  if (f.unitIds === null) q = q.where('r.scope', '=', 'all');
  else if (f.unitIds) q = q.where('r.scope', '=', 'unit').where('r.unit_id', 'in', f.unitIds.length ? f.unitIds : [-1]);
  if (f.periodKind) q = q.where('r.period_kind', '=', f.periodKind);
  const rows = await q.orderBy('r.code').orderBy('r.period').execute();
  return rows.map((r) => ({
    code: r.code,
    version: r.version,
    periodKind: r.period_kind as PeriodResult['periodKind'],
    period: r.period,
    unitId: r.unit_id,
    unitName: r.unit_name,
    counted: r.counted,
    compliant: r.compliant,
    excluded: r.excluded,
    excludedReasons: (typeof r.excluded_reasons === 'string' ? JSON.parse(r.excluded_reasons) : r.excluded_reasons) as Record<string, number>,
    value: r.value,
    average: r.average,
    worst: r.worst,
    numerator: r.numerator,
    denominator: r.denominator,
    status: r.status as Status,
    statusLabel: STATUS_LABELS[r.status as Status],
    asOf: r.as_of,
    computedAt: r.computed_at,
  }));
}

/** The headline result of a set of result rows: the last year-to-date period (or the snapshot). */
const headline = <T extends { periodKind: string; period: string }>(rows: T[]) =>
  rows
    .filter((r) => r.periodKind === 'ytd' || r.periodKind === 'snapshot')
    .sort((a, b) => a.period.localeCompare(b.period))
    .at(-1) ?? null;

function describe(d: VersionedDefinition, targets: Map<string, YearTarget>) {
  const t = targets.get(`${d.plan.measure}/${d.plan.seq}`);
  return {
    code: d.code,
    name: d.name,
    version: d.version,
    kind: d.kind,
    recordType: d.recordType,
    recordTypeLabel: RECORD_SPECS[d.recordType].label,
    measure: d.plan.measure,
    targetSeq: d.plan.seq,
    metric: d.plan.metric,
    target: targetText(d),
    valueLabel: valueLabel(d),
    planTarget: t ? { planId: t.planId, measureTitle: t.measureTitle, text: t.text, metric: t.metric, matches: t.metric === d.plan.metric } : null,
    note: d.note ?? null,
    definition: d,
  };
}

/**
 * Every indicator with its target, current value and status (the whole district, or one unit's
 * records), monthly trend, and the plan target it monitors.
 */
export async function indicatorDashboard(db: Kysely<Database>, o: { year?: number; unitId?: number | null } = {}) {
  const year = o.year ?? (await monitoringYear(db));
  const targets = await yearPlanTargets(db, year);
  // Each year is measured against its own plan's numbers (see forPlanTarget).
  const defs = (await currentDefinitions(db)).map((d) => forYear(d, targets));
  const rows = await results(db, { year, unitIds: o.unitId ? [o.unitId] : null });
  const years = (await db.selectFrom('indicator_result').select('year').distinct().orderBy('year').execute()).map((r) => r.year);
  const units = await db
    .selectFrom('indicator_result as r')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .select(['u.id', 'u.name'])
    .distinct()
    .where('r.year', '=', year)
    .where('r.scope', '=', 'unit')
    .orderBy('u.name')
    .execute();
  return {
    year,
    years: years.includes(year) ? years : [...years, year].sort(),
    asOf: await indicatorAsOf(db, year),
    unitId: o.unitId ?? null,
    units,
    indicators: defs.map((d) => {
      const mine = rows.filter((r) => r.code === d.code && r.version === d.version);
      const h = headline(mine);
      return {
        ...describe(d, targets),
        current: h,
        trend: mine
          .filter((r) => r.periodKind === (d.kind === 'count' ? 'ytd' : 'month'))
          .map((r) => ({ period: r.period, value: r.value, counted: r.counted, status: r.status })),
      };
    }),
  };
}

/** Units by id (id, name). */
async function unitsByIds(db: Kysely<Database>, ids: number[]): Promise<Array<{ id: number; name: string }>> {
  return (await findUnitsByIds(db, ids)).map((u) => ({ id: u.id, name: u.name }));
}

/**
 * The dashboard as the web shows it: `indicatorDashboard` for the district (`unitId` null) or one unit,
 * with the units of a unit staff member (`myUnitIds`) to choose from, and the status labels.
 */
export async function dashboardView(db: Kysely<Database>, o: { year?: number; unitId: number | null; myUnitIds: number[] }) {
  const myUnits = await unitsByIds(db, o.myUnitIds);
  const dashboard = await indicatorDashboard(db, { year: o.year, unitId: o.unitId });
  const staleTypes = (await staleMarks(db, dashboard.year)).map((m) => (isRecordType(m.type) ? RECORD_SPECS[m.type].label : m.type));
  return { ...dashboard, myUnits, statusLabels: STATUS_LABELS, staleTypes };
}

/** One indicator: definition and versions, results by period and by unit, explanation, breaching and excluded records. */
export async function indicatorDetail(
  db: Kysely<Database>,
  code: string,
  o: { year?: number; unitIds?: number[]; unitId?: number; version?: number; period?: string; periodKind?: string },
) {
  const year = o.year ?? (await monitoringYear(db));
  const targets = await yearPlanTargets(db, year);
  const def = forYear(await getDefinition(db, code, o.version), targets);
  const versions = await definitionVersions(db, code);
  const name = await actorNamer(
    db,
    versions.map((v) => v.createdBy),
  );
  const scopeUnits = o.unitId !== undefined ? [o.unitId] : o.unitIds;
  const overall = await results(db, { codes: [code], year, version: def.version, unitIds: scopeUnits ?? null });
  const byUnit = (await results(db, { codes: [code], year, version: def.version, unitIds: o.unitIds ?? undefined })).filter(
    (r) => r.unitId !== null || o.unitIds === undefined,
  );
  const h = scopeUnits && scopeUnits.length > 1 ? null : headline(overall);
  const asOf = h?.asOf ?? (await indicatorAsOf(db, year));
  // Cases of the selected period (default: the year to date).
  const range = periodRange(year, o.periodKind ?? 'ytd', o.period ?? asOf.slice(0, 7));
  const leads = await leadUnits(db, year);
  const opts = { year, asOf, defaultUnitId: leads.get(def.plan.measure) ?? null, from: range.from, to: range.to };
  const pick = async (which: 'breaching' | 'excluded') => {
    if (!scopeUnits) return listCases(db, def, { ...opts, which });
    const parts = await Promise.all(scopeUnits.map((u) => listCases(db, def, { ...opts, which, unitId: u })));
    return { total: parts.reduce((n, p) => n + p.total, 0), items: parts.flatMap((p) => p.items) as CaseRow[] };
  };
  const breaching = await pick('breaching');
  const excluded = await pick('excluded');
  const latestByUnit = [...new Set(byUnit.filter((r) => r.unitId !== null).map((r) => r.unitId))]
    .map((u) => headline(byUnit.filter((r) => r.unitId === u)))
    .filter((x) => x !== null);
  return {
    ...describe(def, targets),
    year,
    asOf,
    period: range,
    versions: versions.map((v) => ({ version: v.version, reason: v.reason, createdBy: name(v.createdBy), createdAt: v.createdAt, target: targetText(v) })),
    current: h,
    explanation: h
      ? {
          version: def.version,
          counted: h.counted,
          compliant: h.compliant,
          excluded: h.excluded,
          excludedReasons: h.excludedReasons,
          asOf: h.asOf,
          computedAt: h.computedAt,
        }
      : null,
    periods: overall.filter(() => !scopeUnits || scopeUnits.length === 1).map((r) => ({ ...r })),
    units: latestByUnit,
    breaching,
    excluded,
  };
}

/**
 * Breaching, excluded or counted records of an indicator in a period (default: the year to date), of
 * the given units (undefined: all), at most `limit` (500).
 */
export async function indicatorCases(
  db: Kysely<Database>,
  code: string,
  o: { which: 'breaching' | 'excluded' | 'counted'; year?: number; version?: number; periodKind?: string; period?: string; limit?: number; unitIds?: number[] },
): Promise<{ total: number; items: CaseRow[] }> {
  const year = o.year ?? (await monitoringYear(db));
  const def = forYear(await getDefinition(db, code, o.version), await yearPlanTargets(db, year));
  const asOf = await indicatorAsOf(db, year);
  const range = periodRange(year, o.periodKind ?? 'ytd', o.period ?? asOf.slice(0, 7));
  const leads = await leadUnits(db, year);
  const base = { year, asOf, defaultUnitId: leads.get(def.plan.measure) ?? null, which: o.which, from: range.from, to: range.to, limit: o.limit ?? 500 };
  if (!o.unitIds) return listCases(db, def, base);
  const parts = await Promise.all(o.unitIds.map((u) => listCases(db, def, { ...base, unitId: u })));
  return { total: parts.reduce((n, p) => n + p.total, 0), items: parts.flatMap((p) => p.items) };
}

export function periodRange(year: number, kind: string, period: string): { kind: string; period: string; from: string; to: string } {
  const end = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  if (kind === 'month' && /^\d{4}-\d{2}$/.test(period))
    return { kind, period, from: `${period}-01`, to: end(Number(period.slice(0, 4)), Number(period.slice(5))) };
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (kind === 'quarter' && q) {
    const m = Number(q[2]) * 3;
    return { kind, period, from: `${q[1]}-${String(m - 2).padStart(2, '0')}-01`, to: end(Number(q[1]), m) };
  }
  if (kind === 'ytd' && /^\d{4}-\d{2}$/.test(period)) return { kind, period, from: `${year}-01-01`, to: end(year, Number(period.slice(5))) };
  return { kind: 'year', period: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
}

export interface BreachedIndicator {
  code: string;
  name: string;
  measure: number;
  targetSeq: number;
  kind: string;
  target: string;
  valueLabel: string;
  value: number | null;
  asOf: string;
  definition: VersionedDefinition;
}

/**
 * Indicators breached in the year: the district-wide headline result (the last year-to-date period, or the
 * snapshot) of the current definition version has status 未达标 (`breached`). "Pending" counts are not breached.
 */
export async function breachedIndicators(db: Kysely<Database>, year?: number): Promise<BreachedIndicator[]> {
  const y = year ?? (await monitoringYear(db));
  const d = await indicatorDashboard(db, { year: y });
  return d.indicators
    .filter((i) => i.current?.status === 'breached')
    .map((i) => ({
      code: i.code,
      name: i.name,
      measure: i.measure,
      targetSeq: i.targetSeq,
      kind: i.kind,
      target: i.target,
      valueLabel: i.valueLabel,
      value: i.current!.value,
      asOf: i.current!.asOf,
      definition: i.definition,
    }));
}

/** Measures (by number) with a breached indicator in the year: the ledger marks their tasks off track. */
export async function breachedMeasures(db: Kysely<Database>, year?: number): Promise<Array<{ measure: number; codes: string[] }>> {
  const out = new Map<number, string[]>();
  for (const i of await breachedIndicators(db, year)) out.set(i.measure, [...(out.get(i.measure) ?? []), i.code]);
  return [...out].map(([measure, codes]) => ({ measure, codes }));
}

export async function assertIndicator(db: Kysely<Database>, code: string): Promise<void> {
  const r = await db.selectFrom('indicator_definition').select('code').where('code', '=', code).executeTakeFirst();
  if (!r) throw new NotFoundError(`指标 ${code}`);
}
