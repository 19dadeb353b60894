import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/index.js';
import type { AggregateRow, VersionedDefinition } from './core/index.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The monthly aggregates behind an indicator's stored results (table `indicator_aggregate`), kept so that an
 * import of new records recomputes from them plus its own records (`incremental.ts`) instead of re-reading
 * every record of the type.
 */
export interface AggregateState {
  fingerprint: string;
  snapshot: string;
  rows: AggregateRow[];
}

/** What the aggregates depend on besides the records: the definition (with the plan's number), the as-of date, the default unit. */
export function fingerprintOf(def: VersionedDefinition, o: { asOf: string; defaultUnitId: number | null }): string {
  return JSON.stringify({ def, asOf: o.asOf, defaultUnitId: o.defaultUnitId });
}

export async function saveAggregateState(db: Db, def: VersionedDefinition, year: number, state: AggregateState): Promise<void> {
  await sql`insert into indicator_aggregate (code, version, year, record_type, fingerprint, snapshot, rows) values
      (${def.code}, ${def.version}::int, ${year}::int, ${def.recordType}, ${state.fingerprint}, ${state.snapshot}, ${JSON.stringify(state.rows)}::jsonb)
    on conflict (code, version, year) do update set fingerprint = excluded.fingerprint, snapshot = excluded.snapshot, rows = excluded.rows, computed_at = now()`.execute(
    db,
  );
}

export async function loadAggregateState(db: Db, def: VersionedDefinition, year: number): Promise<AggregateState | null> {
  const r = await db
    .selectFrom('indicator_aggregate')
    .select(['fingerprint', 'snapshot', 'rows'])
    .where('code', '=', def.code)
    .where('version', '=', def.version)
    .where('year', '=', year)
    .executeTakeFirst();
  return r ? { fingerprint: r.fingerprint, snapshot: r.snapshot, rows: r.rows as AggregateRow[] } : null;
}

/** Whether the transaction `xid` had committed for the statement whose snapshot is `snapshot` (its records are in the aggregates). */
export async function visibleIn(db: Db, xid: string, snapshot: string): Promise<boolean> {
  const r = await sql<{ v: boolean }>`select pg_visible_in_snapshot(${xid}::xid8, ${snapshot}::pg_snapshot) as v`.execute(db);
  return r.rows[0]?.v === true;
}

/** Adds the aggregates of new records to stored ones (every field is a sum, except the maximum). */
export function addAggregates(base: readonly AggregateRow[], added: readonly AggregateRow[]): AggregateRow[] {
  const key = (r: AggregateRow) => JSON.stringify([r.month, r.unitId, r.reason]);
  const out = new Map<string, AggregateRow>(base.map((r) => [key(r), { ...r }]));
  for (const a of added) {
    const k = key(a);
    const b = out.get(k);
    if (!b) {
      out.set(k, { ...a });
      continue;
    }
    b.n += a.n;
    b.ok += a.ok;
    b.durSum += a.durSum;
    b.durMax = b.durMax === null ? a.durMax : a.durMax === null ? b.durMax : Math.max(b.durMax, a.durMax);
    b.num += a.num;
    b.den += a.den;
  }
  return [...out.values()];
}
