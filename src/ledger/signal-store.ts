import { advisoryXactLock } from '../db/index.js';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { getPlan, listMeasures } from '../plan/index.js';
import { assignSignals, type FlagSignal } from './core/flags.js';

/** One commitment of a measure that is not being kept, as the source measured it. */
export interface OffTrackSignalInput {
  measureNumber: number;
  /** The plan target (measure_target.seq) the signal is about; only tasks carrying it show it. */
  targetSeq?: number | null;
  /** Unique within the source and measure, e.g. the indicator code. */
  key: string;
  message: string;
  /** A link into the source's pages, shown on the flag. */
  link?: string | null;
  /** The day the figures are from: recorded as the day the signal was raised, kept while it persists. */
  on: string;
}

export interface SetSignalsResult {
  added: number;
  updated: number;
  removed: number;
  ignored: number;
}

/**
 * Replaces the off-track signals (偏离目标) that `source` holds on the measures of a plan: signals not given any
 * more are removed, new ones added, changed messages updated (the day raised is kept). Signals for measure numbers
 * the plan does not have are ignored. One transaction, audited (`ledger.signals.set`) only when something changed.
 * The ledger shows the signals on the measures' tasks as flags and red lights (core/flags.ts); a measure without
 * tasks yet keeps its signals, and its tasks show them once the office creates them.
 */
export async function setOffTrackSignals(
  db: Kysely<Database>,
  p: { planId: number; source: string; signals: OffTrackSignalInput[]; actor?: string },
): Promise<SetSignalsResult> {
  return db.transaction().execute(async (trx) => {
    await getPlan(trx, p.planId); // NotFoundError
    await advisoryXactLock(trx, 'ledgerSignals', p.planId);
    const measures = await listMeasures(trx, p.planId);
    const measureId = new Map(measures.map((m) => [m.number, m.id]));
    const numberOf = new Map(measures.map((m) => [m.id, m.number]));
    const targets = measures.flatMap((m) => m.targets.map((t) => ({ id: t.id, measure_id: m.id, seq: t.seq })));
    const want = new Map<string, { measure_id: number; key: string; target_id: number | null; message: string; link: string | null; since: string }>();
    let ignored = 0;
    for (const s of p.signals) {
      const mid = measureId.get(s.measureNumber);
      if (mid === undefined) {
        ignored++;
        continue;
      }
      const target = s.targetSeq == null ? undefined : targets.find((t) => t.measure_id === mid && t.seq === s.targetSeq);
      want.set(`${mid}/${s.key}`, { measure_id: mid, key: s.key, target_id: target?.id ?? null, message: s.message, link: s.link ?? null, since: s.on });
    }
    const have = measures.length
      ? await trx
          .selectFrom('ledger_signal')
          .select(['measure_id', 'key', 'target_id', 'message', 'link', 'since'])
          .where('source', '=', p.source)
          .where(
            'measure_id',
            'in',
            measures.map((m) => m.id),
          )
          .execute()
      : [];
    const haveBy = new Map(have.map((h) => [`${h.measure_id}/${h.key}`, h]));
    const removed = have.filter((h) => !want.has(`${h.measure_id}/${h.key}`));
    const added = [...want.entries()].filter(([k]) => !haveBy.has(k)).map(([, w]) => w);
    const updated = [...want.entries()]
      .filter(([k, w]) => {
        const h = haveBy.get(k);
        return h && (h.message !== w.message || h.link !== w.link || h.target_id !== w.target_id);
      })
      .map(([, w]) => w);
    const result = { added: added.length, updated: updated.length, removed: removed.length, ignored };
    if (!removed.length && !added.length && !updated.length) return result;

    for (const r of removed)
      await trx.deleteFrom('ledger_signal').where('measure_id', '=', r.measure_id).where('source', '=', p.source).where('key', '=', r.key).execute();
    if (added.length)
      await trx
        .insertInto('ledger_signal')
        .values(added.map((a) => ({ ...a, source: p.source })))
        .execute();
    for (const u of updated) {
      await trx
        .updateTable('ledger_signal')
        .set({ message: u.message, link: u.link, target_id: u.target_id, updated_at: sql`now()` })
        .where('measure_id', '=', u.measure_id)
        .where('source', '=', p.source)
        .where('key', '=', u.key)
        .execute();
    }
    const show = (x: { measure_id: number; key: string; message: string }) => ({ measure: numberOf.get(x.measure_id), key: x.key, message: x.message });
    await recordAudit(trx, {
      actor: p.actor ?? 'system',
      action: 'ledger.signals.set',
      entity: 'plan',
      entityId: p.planId,
      before: { source: p.source, signals: [...removed, ...updated.map((u) => haveBy.get(`${u.measure_id}/${u.key}`)!)].map(show) },
      after: { source: p.source, added: added.map(show), updated: updated.map(show), removed: removed.map(show) },
    });
    return result;
  });
}

/** The signals every listed task shows (see `assignSignals`), in a stable order (source, key). */
export async function taskSignals(db: Kysely<Database>, tasks: Array<{ id: number; measure_id: number }>): Promise<Map<number, FlagSignal[]>> {
  const measureIds = [...new Set(tasks.map((t) => t.measure_id))];
  if (!measureIds.length) return new Map();
  const signals = await db
    .selectFrom('ledger_signal')
    .select(['measure_id', 'target_id', 'source', 'key', 'message', 'link', 'since'])
    .where('measure_id', 'in', measureIds)
    .orderBy('source')
    .orderBy('key')
    .execute();
  if (!signals.length) return new Map();
  // Every task of those measures (not only the listed ones) decides who carries a targeted signal.
  const withSignals = [...new Set(signals.map((s) => s.measure_id))];
  const all = await db
    .selectFrom('ledger_task as t')
    .leftJoin('ledger_task_target as tt', 'tt.task_id', 't.id')
    .select(['t.id', 't.measure_id', 'tt.target_id'])
    .where('t.measure_id', 'in', withSignals)
    .execute();
  const byTask = new Map<number, { id: number; measureId: number; targetIds: number[] }>();
  for (const r of all) {
    const e = byTask.get(r.id) ?? { id: r.id, measureId: r.measure_id, targetIds: [] };
    if (r.target_id !== null) e.targetIds.push(r.target_id);
    byTask.set(r.id, e);
  }
  return assignSignals(
    [...byTask.values()],
    signals.map((s) => ({ measureId: s.measure_id, targetId: s.target_id, source: s.source, key: s.key, message: s.message, since: s.since, link: s.link })),
  );
}
