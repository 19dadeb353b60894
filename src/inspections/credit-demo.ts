import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { enterprisePage } from '../enterprises/index.js';
import { seededRandom } from '../shared/index.js';
import { seedExemptionDemo } from './exemption-store.js';

export const DEMO_CREDIT_SOURCE = '公共信用综合评价结果（演示）';

/** The last day of the quarter before the one `date` (YYYY-MM-DD) is in. */
function previousQuarterEnd(date: string): string {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  if (q === 0) return `${y - 1}-12-31`;
  return ['', `${y}-03-31`, `${y}-06-30`, `${y}-09-30`][q]!;
}

const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo credit classes (source labelled 演示) for the demo enterprises: two quarterly classifications (A 40%,
 * B 45%, C 10%, D 5%, a few moving between them) and one 信用修复; and the demo 免罚清单. Once: nothing is added
 * when demo records exist. The same seed gives the same classes.
 */
export async function seedCreditDemo(db: Kysely<Database>, o: { seed: number; actor: string; today?: string }) {
  const exemptions = await seedExemptionDemo(db, o.actor);
  const has = await db.selectFrom('insp_credit_record').select('id').where('source', '=', DEMO_CREDIT_SOURCE).limit(1).executeTakeFirst();
  if (has) return { records: 0, repairs: 0, exemptions };
  const ids: number[] = [];
  for (let after = 0; ; ) {
    const page = await enterprisePage(db, after, 1000);
    if (!page.length) break;
    for (const e of page) if (e.isDemo) ids.push(e.id);
    after = page[page.length - 1]!.id;
  }
  const rnd = seededRandom(o.seed + 32);
  const pick = () => {
    const r = rnd();
    return r < 0.4 ? 'A' : r < 0.85 ? 'B' : r < 0.95 ? 'C' : 'D';
  };
  const today = o.today ?? chinaToday();
  const second = previousQuarterEnd(today);
  const first = previousQuarterEnd(second);
  const rows: Array<{
    enterprise_id: number;
    class_code: string;
    effective_on: string;
    kind: 'assessment' | 'repair';
    source: string;
    recorded_by: string;
    note?: string;
  }> = [];
  let repaired = false;
  for (const id of ids) {
    const a = pick();
    const b = rnd() < 0.85 ? a : pick();
    rows.push({ enterprise_id: id, class_code: a, effective_on: first, kind: 'assessment', source: DEMO_CREDIT_SOURCE, recorded_by: o.actor });
    rows.push({ enterprise_id: id, class_code: b, effective_on: second, kind: 'assessment', source: DEMO_CREDIT_SOURCE, recorded_by: o.actor });
    if (!repaired && a === 'D' && b === 'D') {
      repaired = true;
      const day = plusDays(second, 14) < today ? plusDays(second, 14) : today;
      rows.push({ enterprise_id: id, class_code: 'B', effective_on: day, kind: 'repair', source: '渝中信修〔演示〕1号', recorded_by: o.actor });
    }
  }
  if (!rows.length) return { records: 0, repairs: 0, exemptions };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 2000)
      await trx
        .insertInto('insp_credit_record')
        .values(rows.slice(i, i + 2000))
        .execute();
    await recordAudit(trx, {
      actor: o.actor,
      action: 'inspections.credit-demo',
      entity: 'insp_credit_record',
      after: { records: rows.length, dates: [first, second] },
    });
  });
  return { records: rows.length, repairs: repaired ? 1 : 0, exemptions };
}
