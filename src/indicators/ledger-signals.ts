import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { setOffTrackSignals } from '../ledger/index.js';
import { listPlans } from '../plan/index.js';
import { breachedIndicators, type BreachedIndicator } from './results.js';

/** The source name of the indicators' signals on the ledger. */
export const LEDGER_SIGNAL_SOURCE = 'indicators';

/** The current value in words, e.g. 按时办结率 66.7%, 平均用时 12.5 个工作日, 1200. */
export function valueText(i: Pick<BreachedIndicator, 'value' | 'definition'>): string {
  if (i.value === null) return '—';
  const d = i.definition;
  switch (d.kind) {
    case 'duration':
      return d.mode === 'each' ? `按时办结率 ${i.value}%` : `平均用时 ${i.value} ${d.days === 'working' ? '个工作日' : '日'}`;
    case 'share':
    case 'ratio':
      return `${i.value}%`;
    case 'count':
      return String(i.value);
  }
}

/** 指标“…”未达标：当前 …，目标 … — the flag's message on the ledger task. */
export function offTrackMessage(i: Pick<BreachedIndicator, 'name' | 'value' | 'definition' | 'target'>): string {
  // Quotation marks inside the name become single ones (“‘跨省通办’高频事项”).
  const name = i.name.replace(/“/g, '‘').replace(/”/g, '’');
  return `指标“${name}”未达标：当前 ${valueText(i)}，目标 ${i.target}`;
}

/**
 * Tells the ledger which measures of the year's plan(s) have a breached indicator (偏离目标): one signal per
 * breached indicator on its measure and plan target, replacing the indicators' previous signals, so an indicator
 * that recovered loses its mark. No plan for the year: nothing happens. Called after every recompute.
 */
export async function syncLedgerSignals(db: Kysely<Database>, year: number): Promise<void> {
  const plans = await listPlans(db, { year });
  if (!plans.length) return;
  const breached = await breachedIndicators(db, year);
  const signals = breached.map((i) => ({
    measureNumber: i.measure,
    targetSeq: i.targetSeq,
    key: i.code,
    message: offTrackMessage(i),
    link: `/indicators/${i.code}`,
    on: i.asOf,
  }));
  for (const p of plans) await setOffTrackSignals(db, { planId: p.id, source: LEDGER_SIGNAL_SOURCE, signals });
}
