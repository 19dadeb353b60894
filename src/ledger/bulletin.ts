import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { planAsOf } from '../plan/index.js';
import { NotFoundError } from '../shared/index.js';
import { rollUpProgress, STATUS_INFO, TASK_STATUSES } from './core/status.js';
import { LIGHT_LABELS, type Light } from './core/flags.js';
import type { OrderStage } from './core/orders.js';
import type { TaskStatus } from './core/status.js';
import { chineseDate, ISSUING_OFFICE } from './docx-kit.js';
import { listOrders } from './order-store.js';
import { getPlanOrThrow, ledgerCalendar, listTasks } from './task-store.js';

/**
 * The periodic bulletin (定期通报) of a reporting cycle. Plan section 五（三）"定期通报工作开展情况".
 * It is compiled as of the first working day after the cycle's due day (when every report should be in),
 * from the ledger as it stands: the same data give the same bulletin. This is the live view (a draft, or the
 * preview of a cycle); an issued bulletin is the frozen snapshot of it (`bulletin-store.ts`).
 */
export interface Bulletin {
  planId: number;
  cycleId: number;
  cycleLabel: string;
  asOf: string;
  issuer: string;
  docNumber: string;
  title: string;
  planTitle: string;
  overall: {
    tasks: number;
    progress: number | null;
    byStatus: Array<{ status: TaskStatus; label: string; color: string; count: number }>;
    byLight: Record<Light, number>;
  };
  sections: Array<{ number: number; title: string; tasks: number; done: number; progress: number | null }>;
  completed: Array<{ code: string; title: string; units: string; completedOn: string }>;
  lagging: Array<{ code: string; title: string; units: string; light: string; reasons: string }>;
  reporting: { owed: number; onTime: number; late: Array<{ unit: string; tasks: string[] }>; missing: Array<{ unit: string; tasks: string[] }> };
  openOrders: Array<{ number: string; unit: string; task: string; stage: OrderStage; replyDue: string | null; overdue: boolean }>;
  paragraphs: string[];
  /** The free text the office writes (defaults drafted from the figures). */
  texts: BulletinTexts;
  /** Number, date and issuer once issued; null for a draft or a live preview. */
  issue: BulletinIssue | null;
}

/** The parts of a bulletin the office edits: 主送, 总体情况 commentary, 存在问题, 下步工作要求. */
export interface BulletinTexts {
  recipients: string;
  overview: string;
  problems: string;
  requirements: string;
}

export interface BulletinIssue {
  number: string;
  issuedOn: string;
  issuerName: string;
  issuerUnit: string;
}

/** What a bulletin shows in place of its number until it is issued. */
export const UNISSUED_NUMBER = '（草稿，签发时编号）';
export const DEFAULT_RECIPIENTS = '各专项小组、区级有关部门';
export const DEFAULT_REQUIREMENTS =
  '各牵头单位要对照改革台账，逐条逐项抓好落实；对滞后任务要分析原因、明确措施、限期整改；对督办事项要按期反馈办理情况。区优化营商环境领导小组办公室将持续跟踪督查，并将推进情况纳入年度目标考核。';

/** A first draft of 存在问题 from the figures (the office rewrites it). */
export function draftProblems(b: Pick<Bulletin, 'lagging' | 'reporting' | 'openOrders'>): string {
  const parts: string[] = [];
  if (b.lagging.length)
    parts.push(`部分任务推进滞后，${b.lagging.map((t) => `${t.title}（${t.units}）`).join('、')}等${b.lagging.length}项任务亮红灯或进度滞后`);
  const late = b.reporting.late.length + b.reporting.missing.length;
  if (late) parts.push(`进展报送不够及时，${[...b.reporting.late, ...b.reporting.missing].map((u) => u.unit).join('、')}等${late}个单位未按时报送`);
  const overdue = b.openOrders.filter((o) => o.overdue).length;
  if (overdue) parts.push(`督办事项办理不够及时，${overdue}件督办单逾期未反馈`);
  const ordinals = ['一', '二', '三'];
  return parts.length ? `${parts.map((p, i) => `${ordinals[i]}是${p}`).join('；')}。` : '';
}

const CN_NUM = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function sectionNumeral(n: number): string {
  if (n <= 10) return CN_NUM[n]!;
  if (n < 20) return `十${CN_NUM[n - 10]}`;
  return String(n);
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * The bulletin of a cycle from the ledger as it stands, as of `asOfOverride` (default: the first working day
 * after the cycle's due day, never past the plan's as-of date). `edit` carries a draft's title and texts; without
 * it the defaults are drafted.
 */
export async function buildBulletin(
  db: Kysely<Database>,
  cycleId: number,
  asOfOverride?: string,
  edit?: { title: string; texts: BulletinTexts },
): Promise<Bulletin> {
  const calendar = await ledgerCalendar(db);
  const cycle = await db.selectFrom('ledger_cycle').selectAll().where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) throw new NotFoundError('报送周期（不存在或已删除）');
  const plan = await getPlanOrThrow(db, cycle.plan_id);
  // Compiled the first working day after the cycle's due day, but never past the plan's as-of date (a cycle
  // due after it is shown as the other pages show the plan: as of that date).
  const compiled = calendar.addWorkingDays(cycle.due_on, 1);
  const asOf = asOfOverride ?? minDate(compiled, (await planAsOf(db, plan.id)).asOf);
  const tasks = await listTasks(db, plan.id, asOf);
  const units = (t: (typeof tasks)[number]) => t.leadUnits.map((u) => u.name).join('、') || '—';

  const byStatus = TASK_STATUSES.map((s) => ({
    status: s,
    label: STATUS_INFO[s].label,
    color: STATUS_INFO[s].color,
    count: tasks.filter((t) => t.status === s).length,
  }));
  const byLight: Record<Light, number> = { green: 0, yellow: 0, red: 0, grey: 0 };
  for (const t of tasks) byLight[t.light] += 1;
  const sectionNumbers = [...new Set(tasks.map((t) => t.sectionNumber))].sort((a, b) => a - b);
  const sections = sectionNumbers.map((n) => {
    const ts = tasks.filter((t) => t.sectionNumber === n);
    return { number: n, title: ts[0]!.sectionTitle, tasks: ts.length, done: ts.filter((t) => t.status === 'done').length, progress: rollUpProgress(ts) };
  });
  const completed = tasks
    .filter((t) => t.completedOn && t.completedOn >= cycle.period_start && t.completedOn <= cycle.period_end)
    .map((t) => ({ code: t.code, title: t.title, units: units(t), completedOn: t.completedOn! }));
  const lagging = tasks
    .filter((t) => t.status === 'lagging' || t.light === 'red')
    .map((t) => ({
      code: t.code,
      title: t.title,
      units: units(t),
      light: LIGHT_LABELS[t.light],
      reasons: [...(t.status === 'lagging' ? ['单位报告进度滞后'] : []), ...t.flags.filter((f) => f.kind !== 'report_missing').map((f) => f.message)].join(
        '；',
      ),
    }));

  // Reporting: every task that owed a report for this cycle, by its lead units.
  const reports = await db.selectFrom('ledger_report').select(['task_id', 'first_submitted_on']).where('cycle_id', '=', cycleId).execute();
  const owing = tasks.filter((t) => t.status !== 'paused' && t.startOn <= cycle.period_end && !(t.completedOn && t.completedOn < cycle.period_start));
  const late = new Map<string, string[]>();
  const missing = new Map<string, string[]>();
  let onTime = 0;
  for (const t of owing) {
    const r = reports.find((x) => x.task_id === t.id);
    const target = !r ? missing : r.first_submitted_on > cycle.due_on ? late : null;
    if (!target) {
      onTime++;
      continue;
    }
    for (const u of t.leadUnits) target.set(u.name, [...(target.get(u.name) ?? []), t.code]);
  }
  const byName = (m: Map<string, string[]>) =>
    [...m.entries()].sort((a, b) => a[0].localeCompare(b[0], 'zh-Hans-CN')).map(([unit, ts]) => ({ unit, tasks: ts }));
  const orders = (await listOrders(db, { planId: plan.id, asOf }))
    .filter((o) => o.stage !== '办结')
    .sort((a, b) => a.number.localeCompare(b.number, 'zh-Hans-CN'))
    .map((o) => ({ number: o.number, unit: o.unitName, task: o.taskTitle, stage: o.stage, replyDue: o.replyDue, overdue: o.overdue }));

  const overallProgress = rollUpProgress(tasks);
  const done = byStatus.find((s) => s.status === 'done')!.count;
  const b: Bulletin = {
    planId: plan.id,
    cycleId,
    cycleLabel: cycle.label,
    asOf,
    issuer: ISSUING_OFFICE,
    docNumber: UNISSUED_NUMBER,
    title: edit?.title ?? `关于${cycle.label}优化营商环境改革任务推进情况的通报`,
    planTitle: plan.title,
    overall: { tasks: tasks.length, progress: overallProgress, byStatus, byLight },
    sections,
    completed,
    lagging,
    reporting: { owed: owing.length, onTime, late: byName(late), missing: byName(missing) },
    openOrders: orders,
    paragraphs: [],
    texts: { recipients: DEFAULT_RECIPIENTS, overview: '', problems: '', requirements: DEFAULT_REQUIREMENTS },
    issue: null,
  };
  b.texts = edit?.texts ?? { ...b.texts, problems: draftProblems(b) };
  b.paragraphs = [
    `按照《${plan.title}》（${plan.doc_number}）“健全营商环境建设推进工作机制和动态反馈机制……定期通报工作开展情况”的要求，现将${cycle.label}全区优化营商环境改革任务推进情况通报如下。`,
    `截至${chineseDate(asOf)}，改革台账共有任务${tasks.length}项，已完成${done}项，总体进度${overallProgress ?? 0}%。其中${
      byStatus
        .filter((s) => s.status !== 'done' && s.count > 0)
        .map((s) => `${s.label}${s.count}项`)
        .join('，') || '无未完成任务'
    }；红灯${byLight.red}项、黄灯${byLight.yellow}项、绿灯${byLight.green}项。`,
    `本期应报送进展报告${owing.length}份，按时报送${onTime}份${late.size ? `，逾期报送涉及${late.size}个单位` : ''}${missing.size ? `，未报送涉及${missing.size}个单位` : ''}。`,
  ];
  return b;
}
