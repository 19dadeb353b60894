/**
 * Demo results (labelled 演示, `is_demo`) over draws that have run: for each drawn object and each item of each team
 * department, a result recorded by one of the object's inspectors of that department, produced some working days
 * after the draw (never after today), most published within the 20 working days, some late, some still open; a few
 * problems cite a 首违不罚 entry. Once per draw: a draw that already has results is left alone. The same seed gives
 * the same results. `bizenv demo` calls it after the demo draws (see README-results.md).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { chinaToday, loadCalendar, provisionalWorkingDays } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { seededRandom } from '../shared/index.js';
import { rectifyDue } from './core/recording.js';
import { PUBLICATION_WORKING_DAYS, resultCategory } from './core/results.js';

const NOTES: Record<string, string> = {
  corrected: '经营场所未公示食品经营许可证，已当场责令改正（演示）',
  pending: '部分进货查验记录缺失，待补充材料后复查（演示）',
  not_disclosed: '未按期公示年度报告（演示）',
  unreachable: '登记住所无法联系（演示）',
  refused: '拒不提供检查所需资料（演示）',
  not_found: '经实地核查，查无下落（演示）',
};

/**
 * Adds demo results over `drawIds` (default: every run draw without results). Returns what was added.
 * `leaveOpenFor`: inspectors (the demo inspector with a login) whose checks in their latest draw get no result, so
 * that the demo shows them checks still to record (我的检查任务).
 */
export async function seedResultDemo(db: Kysely<Database>, o: { seed: number; actor: string; today?: string; drawIds?: number[]; leaveOpenFor?: number[] }) {
  const today = o.today ?? chinaToday();
  const cal = provisionalWorkingDays(await loadCalendar(db));
  let q = db.selectFrom('inspection_draw').select(['id', 'item_ids', 'run_at']).where('status', '=', 'run');
  if (o.drawIds) q = q.where('id', 'in', o.drawIds.length ? o.drawIds : [-1]);
  const draws = await q.orderBy('id').execute();
  const done = new Set((await db.selectFrom('insp_result').select('draw_id').distinct().execute()).map((r) => r.draw_id));
  const exemptions = await db.selectFrom('insp_exemption').select(['id', 'unit_id']).where('kind', '=', '首违不罚').where('active', '=', true).execute();
  const rnd = seededRandom(o.seed + 34);
  const pickCategory = () => {
    const r = rnd();
    return r < 0.7
      ? 'no_problem'
      : r < 0.8
        ? 'corrected'
        : r < 0.84
          ? 'not_disclosed'
          : r < 0.88
            ? 'no_activity'
            : r < 0.91
              ? 'pending'
              : r < 0.94
                ? 'unreachable'
                : r < 0.97
                  ? 'not_found'
                  : 'refused';
  };
  const open = new Set<string>();
  for (const inspectorId of o.leaveOpenFor ?? []) {
    const latest = await db
      .selectFrom('inspection_assignment')
      .select(['draw_id', 'object_key', 'unit_id'])
      .where('inspector_id', '=', inspectorId)
      .where('draw_id', '=', (eb) =>
        eb
          .selectFrom('inspection_assignment')
          .select((x) => x.fn.max('draw_id').as('d'))
          .where('inspector_id', '=', inspectorId),
      )
      .execute();
    const other = await db
      .selectFrom('inspection_assignment')
      .select('id')
      .where('inspector_id', '=', inspectorId)
      .where('draw_id', 'not in', latest.length ? [...new Set(latest.map((a) => a.draw_id))] : [0])
      .executeTakeFirst();
    // Checks both recorded and still to record: when the latest draw holds all of the inspector's checks (which
    // depends on the day the demo runs: the tasks whose windows are open), its first check gets a result; a single
    // check is left to record.
    for (const a of other || latest.length < 2 ? latest : latest.slice(1)) open.add(`${a.draw_id}|${a.object_key}|${a.unit_id}`);
  }
  let results = 0;
  let published = 0;
  await db.transaction().execute(async (trx) => {
    for (const d of draws) {
      if (done.has(d.id)) continue;
      const runOn = d.run_at ? new Date(d.run_at.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : today;
      const items = d.item_ids.length ? await trx.selectFrom('inspection_item').select(['id', 'unit_id']).where('id', 'in', d.item_ids).execute() : [];
      const teams = await trx
        .selectFrom('inspection_assignment')
        .select(['object_key', 'object_name', 'unit_id', 'inspector_id'])
        .where('draw_id', '=', d.id)
        .orderBy('id')
        .execute();
      const seen = new Set<string>();
      const rows = [];
      for (const t of teams) {
        if (seen.has(`${t.object_key}|${t.unit_id}`) || open.has(`${d.id}|${t.object_key}|${t.unit_id}`)) continue;
        seen.add(`${t.object_key}|${t.unit_id}`);
        for (const item of items.filter((i) => i.unit_id === t.unit_id)) {
          const category = pickCategory();
          const c = resultCategory(category)!;
          let produced = cal.addWorkingDays(runOn, 1 + Math.floor(rnd() * 10));
          if (produced > today) produced = today;
          const r = rnd();
          const due = cal.addWorkingDays(produced, PUBLICATION_WORKING_DAYS);
          // 80 % on time, 5 % late, the rest not yet published (overdue once past the due day).
          let publishedOn: string | null =
            r < 0.8 ? cal.addWorkingDays(produced, 1 + Math.floor(rnd() * 15)) : r < 0.85 ? cal.addWorkingDays(due, 1 + Math.floor(rnd() * 5)) : null;
          // Not after today: an on-time publication falls back to today (when the draw ran only days ago, e.g. the
          // demo's own draws, which run today), a late one is still open.
          if (publishedOn && publishedOn > today) publishedOn = r < 0.8 ? today : null;
          const rectifyDays = category === 'corrected' ? 10 : null;
          const ex = c.outcome === 'problem' && rnd() < 0.3 ? exemptions.find((e) => e.unit_id === null || e.unit_id === item.unit_id) : undefined;
          rows.push({
            draw_id: d.id,
            object_key: t.object_key,
            object_name: t.object_name,
            item_id: item.id,
            unit_id: item.unit_id,
            category,
            outcome: c.outcome,
            notes: NOTES[category] ?? '',
            rectify_days: rectifyDays,
            rectify_due: rectifyDue(cal, produced, rectifyDays),
            transfer_unit_id: null,
            transfer_note: null,
            exemption_id: ex?.id ?? null,
            produced_on: produced,
            recorded_by: o.actor,
            inspector_id: t.inspector_id,
            published_on: publishedOn,
            published_by: publishedOn ? o.actor : null,
            is_demo: true,
          });
          if (publishedOn) published++;
        }
      }
      for (let i = 0; i < rows.length; i += 2000)
        await trx
          .insertInto('insp_result')
          .values(rows.slice(i, i + 2000))
          .execute();
      results += rows.length;
    }
    if (results) await recordAudit(trx, { actor: o.actor, action: 'inspections.result.demo', entity: 'insp_result', after: { results, published } });
  });
  return { results, published };
}
