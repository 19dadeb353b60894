import { clearStale, staleMarks } from './stale.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { isRecordType, targetText, type RecordType } from './core/index.js';
import { refreshCalendarTable } from '../calendar/index.js';
import { computeAndStore, leadUnits } from './compute.js';
import { addAndStore, type AddedRecords } from './incremental.js';
import { adjustDefinition, currentDefinitions } from './definition-store.js';
import { syncLedgerSignals } from './ledger-signals.js';
import { monitoringYear, indicatorAsOf } from './year.js';
import { forYear, yearPlanTargets } from './plan-targets.js';
import { onPlanAsOfChanged } from '../plan/index.js';

export interface RecomputeSummary {
  year: number;
  asOf: string;
  definitions: string[];
  seconds: number;
  otherYears?: number[];
}

export { today, monitoringYear, indicatorAsOf } from './year.js';

/**
 * Recomputes the current version of every indicator (or those over `types`) for the monitoring year
 * (or `year`) and any `extraYears` covered by the calendar, replacing their stored results. Then the ledger
 * tasks of the plans of every recomputed year are marked off track (偏离目标) for every breached indicator, and unmarked for
 * every indicator that recovered (`syncLedgerSignals`). With `added` (an import that only added records), each
 * indicator adds those records' aggregates to its stored ones and replaces only the touched units' results
 * (`addAndStore`), unless its stored aggregates were computed for something else.
 */
export async function recompute(
  db: Kysely<Database>,
  o: {
    types?: RecordType[];
    year?: number;
    asOf?: string;
    extraYears?: number[];
    codes?: string[];
    added?: AddedRecords;
    /** Indicators done of all (indicators × years), after each (the background job's bar). */
    progress?: (done: number, total: number) => void;
    /** Throws to stop before the next indicator (see below). */
    checkCancelled?: () => void;
  } = {},
): Promise<RecomputeSummary> {
  const t0 = performance.now();
  const startedAt = new Date();
  const year = o.year ?? (await monitoringYear(db));
  const defs = (await currentDefinitions(db)).filter((d) => (!o.types || o.types.includes(d.recordType)) && (!o.codes || o.codes.includes(d.code)));
  // The `calendar` table is filled at server start; a fresh database used from the command line may not have it yet.
  if (!(await sql`select 1 from calendar limit 1`.execute(db)).rows.length) await refreshCalendarTable(db);
  const covered = (await sql<{ lo: number | null; hi: number | null }>`select min(year) as lo, max(year) as hi from calendar`.execute(db)).rows[0];
  const years = [year, ...(o.extraYears ?? []).filter((y) => y !== year && covered?.lo != null && y >= Number(covered.lo) && y <= Number(covered.hi))];
  const uniq = [...new Set(years)];
  // Stopped by `checkCancelled` (a cancel or a shutdown of the background job): no new indicator is started, the
  // ones in progress finish; each indicator's results were replaced in its own transaction, so those done keep
  // their new results and the others their previous ones (none half-written). The ledger marks follow what is
  // stored; the stale marks stay (the next start recomputes them).
  let stopped: { error: unknown } | null = null;
  let done = 0;
  const total = defs.length * uniq.length;
  const started: number[] = [];
  o.progress?.(0, total);
  for (const y of uniq) {
    if (stopped) break;
    started.push(y);
    const leads = await leadUnits(db, y);
    // Each year is measured against its own plan's numbers (next year's plan may promise 6 days where this one said 9).
    const targets = await yearPlanTargets(db, y);
    const asOf = y === year && o.asOf ? o.asOf : await indicatorAsOf(db, y);
    // A few indicators at a time: PostgreSQL runs them on several cores (PGlite has one connection and queues them).
    let next = 0;
    const worker = async () => {
      while (next < defs.length && !stopped) {
        try {
          o.checkCancelled?.();
        } catch (error) {
          stopped = { error };
          return;
        }
        const d = defs[next++]!;
        const co = { year: y, asOf, defaultUnitId: leads.get(d.plan.measure) ?? null };
        // An import that only added records: its records are added to the stored aggregates (incremental.ts).
        if (o.added) await addAndStore(db, forYear(d, targets), co, o.added);
        else await computeAndStore(db, forYear(d, targets), co);
        o.progress?.(++done, total);
      }
    };
    await Promise.all(Array.from({ length: Math.min(3, defs.length) }, worker));
  }
  if (stopped) {
    for (const y of started) await syncLedgerSignals(db, y);
    throw (stopped as { error: unknown }).error;
  }
  // The marks this run covered are cleared (an indicator subset leaves them: other indicators of the type were not run).
  if (!o.codes) await clearStale(db, [...new Set(defs.map((d) => d.recordType))], uniq, startedAt);
  // Every recomputed year's plan(s): a record of last year changes last year's ledger, whichever plan is current.
  for (const y of uniq) await syncLedgerSignals(db, y);
  return {
    year,
    asOf: o.asOf ?? (await indicatorAsOf(db, year)),
    definitions: defs.map((d) => d.code),
    seconds: (performance.now() - t0) / 1000,
    otherYears: uniq.slice(1),
  };
}

// The office changed a plan's as-of date: the results of its year are recomputed as of the new date.
onPlanAsOfChanged(async (db, p) => {
  if (p.year !== null) await recompute(db, { year: p.year });
});

/**
 * Recomputes what is marked stale (records changed, then the process stopped before its recompute):
 * at every start. Returns the marks it covered.
 */
export async function recomputeStale(db: Kysely<Database>): Promise<Array<{ type: string; year: number }>> {
  const marks = await staleMarks(db);
  const byYear = new Map<number, RecordType[]>();
  for (const m of marks) if (isRecordType(m.type)) byYear.set(m.year, [...(byYear.get(m.year) ?? []), m.type]);
  for (const [year, types] of byYear) await recompute(db, { year, types });
  return marks;
}

/**
 * The office adjusts a definition (a new version, see `adjustDefinition`) and the indicator is recomputed
 * with it; the answer is the new definition with its target in words.
 */
export async function adjustIndicator(db: Kysely<Database>, code: string, changes: Record<string, unknown>, p: { actor: string; reason: string }) {
  const def = await adjustDefinition(db, code, changes, p);
  await recompute(db, { codes: [code] });
  return { ...def, target: targetText(def) };
}
