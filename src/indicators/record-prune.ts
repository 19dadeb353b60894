import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { DATE_COLUMNS, type RecordType } from './core/index.js';
import { markStale } from './stale.js';

/**
 * Removes the records of `type` written by `source` whose external id is not in `keep`: for a system that writes
 * the whole set of its records each time (the requests' feed of 企业诉求按时办结率: a request reopened after its answer
 * goes back inside its period and leaves the indicator until answered again or overdue). Records another source wrote
 * (an import, an edit) stay. One transaction with one audit entry (`indicator.records.prune`, the ids removed) when
 * something is removed; the years of the removed records are marked stale. The caller recomputes (`recompute`).
 */
export async function pruneRecords(
  db: Kysely<Database>,
  type: RecordType,
  p: { source: string; keep: readonly string[]; actor: string },
): Promise<{ removed: number; years: number[] }> {
  return db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('case_record')
      .where('type', '=', type)
      .where('source', '=', p.source)
      .where(sql<boolean>`not (external_id = any(${sql.val([...p.keep])}::text[]))`)
      .returning(['external_id', ...DATE_COLUMNS])
      .execute();
    if (!gone.length) return { removed: 0, years: [] };
    const years = [
      ...new Set(
        gone.flatMap((r) =>
          DATE_COLUMNS.map((c) => r[c])
            .filter((d): d is string => typeof d === 'string')
            .map((d) => Number(d.slice(0, 4))),
        ),
      ),
    ].sort();
    await markStale(trx, type, years);
    await recordAudit(trx, {
      actor: p.actor,
      action: 'indicator.records.prune',
      entity: 'case_record',
      entityId: type,
      before: { source: p.source, removed: gone.map((r) => r.external_id) },
    });
    return { removed: gone.length, years };
  });
}
