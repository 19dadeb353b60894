/**
 * Off-track signals of measures 31, 32 and 35 of the plan (issue 15: the figures “feed … the ledger tasks of measures
 * 31–35”), next to those of 33 and 34 (`inspectionSignals` in ./figures-store.ts, which adds these). Each signal is a
 * fact of this capability's own tables that the plan's text names as work to do; the thresholds are platform
 * choices (no national figure), written here and in README-results.md:
 *
 * - 31 “统筹制定渝中区年度联合抽查计划” (国发〔2019〕5号 二(三) 统筹制定年度联合抽查工作计划): the year's joint plan not
 *   published by the end of the first quarter; tasks of the published plan whose time window has ended without a
 *   run draw (the plan was not carried out: 联合抽查常态化).
 * - 32 “运用公共信用综合评价结果，开展信用分级分类差异化监管”: no credit classification (assessment or 信用修复) dated in
 *   the 12 months up to the as-of day while the registry has enterprises — draws then stratify everyone by the
 *   default class, i.e. not differentiated.
 * - 35 “完善‘免罚清单’制度” (行政处罚法 第三十三条): no active entry in the 免罚清单 (the list has no validity dates: its
 *   current state).
 *
 * Years before the platform's first joint plan or draw are not judged (the platform cannot know what was done
 * before it was used), nor is anything while no plan or draw exists at all: the three are judged from the first
 * year the office uses the inspections.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { enterprisePage } from '../enterprises/index.js';

type Db = Kysely<Database>;

interface Signal {
  measureNumber: number;
  key: string;
  message: string;
  link: string;
  on: string;
}

/** The end of the first quarter: the year's joint plan is due by then (platform choice). */
export const PLAN_DUE_MONTH_DAY = '03-31';
/** Credit classes older than this many months are stale (公共信用综合评价 is yearly; platform choice). */
export const CREDIT_FRESH_MONTHS = 12;

const monthsBefore = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};
/** The first instant after the as-of day, China time. */
const endOf = (asOf: string) => new Date(Date.parse(`${asOf}T00:00:00+08:00`) + 86_400_000);

async function firstYearInUse(db: Db): Promise<number | null> {
  const r = await sql<{ y: number | null }>`
    select least((select min(year) from insp_plan), (select min(year) from inspection_draw)) as y`.execute(db);
  return r.rows[0]?.y ?? null;
}

export async function measureSignals(db: Db, year: number, asOf: string): Promise<Signal[]> {
  const out: Signal[] = [];
  const since = await firstYearInUse(db);
  if (since === null || year < since) return out;
  // ---- 35: the 免罚清单 exists ----
  const active = await db.selectFrom('insp_exemption').select('id').where('active', '=', true).executeTakeFirst();
  if (!active)
    out.push({
      measureNumber: 35,
      key: 'inspection-exemptions-missing',
      message: '免罚清单中没有有效事项：轻微违法行为未实行清单管理（《行政处罚法》第三十三条）',
      link: '/inspections/exemptions',
      on: asOf,
    });
  // ---- 31: the year's joint plan, published and carried out ----
  const plan = await db.selectFrom('insp_plan').select('id').where('year', '=', year).executeTakeFirst();
  const versions = plan
    ? await db
        .selectFrom('insp_plan_version')
        .select(['version', 'tasks'])
        .where('plan_id', '=', plan.id)
        .where('published_at', '<', endOf(asOf))
        .orderBy('version', 'desc')
        .limit(1)
        .execute()
    : [];
  const latest = versions[0];
  if (!latest) {
    if (asOf > `${year}-${PLAN_DUE_MONTH_DAY}`)
      out.push({
        measureNumber: 31,
        key: 'inspection-plan-missing',
        message: `${year} 年度联合抽查计划尚未发布（应于一季度末前统筹制定并公开，国发〔2019〕5号）`,
        link: '/inspections/plans',
        on: asOf,
      });
  } else {
    const tasks = (JSON.parse(latest.tasks) as Array<{ id: number; title: string; windowTo: string }>).filter((t) => t.windowTo < asOf);
    const drawn = tasks.length
      ? new Set(
          (
            await db
              .selectFrom('insp_plan_draw as l')
              .innerJoin('inspection_draw as d', 'd.id', 'l.draw_id')
              .select('l.task_id')
              .where('l.plan_id', '=', plan!.id)
              .where('d.status', '=', 'run')
              .execute()
          ).map((r) => r.task_id),
        )
      : new Set<number>();
    const missed = tasks.filter((t) => !drawn.has(t.id));
    if (missed.length)
      out.push({
        measureNumber: 31,
        key: 'inspection-tasks-undrawn',
        message: `${missed.length} 项年度联合抽查任务已过抽查时间仍未抽取：${missed
          .slice(0, 3)
          .map((t) => t.title)
          .join('、')}${missed.length > 3 ? ' 等' : ''}`,
        link: `/inspections/plans/${plan!.id}`,
        on: asOf,
      });
  }
  // ---- 32: credit classes in use ----
  if ((await enterprisePage(db, 0, 1)).length) {
    const last = await db
      .selectFrom('insp_credit_record')
      .select((eb) => eb.fn.max('effective_on').as('on'))
      .where('effective_on', '<=', asOf)
      .executeTakeFirst();
    const lastOn = last?.on ?? null;
    if (lastOn === null || lastOn <= monthsBefore(asOf, CREDIT_FRESH_MONTHS))
      out.push({
        measureNumber: 32,
        key: 'inspection-credit-stale',
        message: `${lastOn ? `信用风险分类结果已超过 ${CREDIT_FRESH_MONTHS} 个月未更新（最近一次 ${lastOn}）` : '尚未导入信用风险分类结果'}：抽查按默认分类抽取，未体现信用分级分类差异化监管`,
        link: '/inspections/credit',
        on: asOf,
      });
  }
  return out;
}
