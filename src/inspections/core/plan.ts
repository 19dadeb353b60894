import { QUALIFICATION_TAGS, SECTIONS, SIZE_CLASSES } from '../../enterprises/core/index.js';
import { FULL_SHARE } from './draw.js';
import { OBJECT_KINDS, type ObjectKind } from './directory.js';

/**
 * The annual joint plan (年度联合抽查计划), pure rules: the checks of a plan task and the difference between two
 * published versions.
 *
 * Source: 国务院《关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》(国发〔2019〕5号):
 * - 二(三) “统筹制定年度联合抽查工作计划”: each year one plan for all departments, assembled by the office from the
 *   departments' proposals (the 牵头 department and the 参与 departments of each joint task);
 * - 二(二) 抽查事项清单: a task's items come from the item lists of its departments;
 * - 二(四) 差异化监管: “针对不同风险等级、信用水平的检查对象…合理确定、动态调整抽查比例” — a share per credit class,
 *   the default taken from the office's credit classes; no class exempt (不免抽: share > 0);
 * - 三 “抽查计划…向社会公开” and later changes made public: a change after publication is a new version, every
 *   version kept with what changed.
 */

export const PLAN_BASIS = '国发〔2019〕5号 二(三)“统筹制定年度联合抽查工作计划”';

export const PLAN_STATUSES = ['draft', 'approved', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** Labels; a draft of a plan already published is 修订中 (its changes will be the next version). */
export function planStatusLabel(status: PlanStatus, version: number): string {
  if (status === 'published') return '已发布';
  if (status === 'approved') return version ? '修订已审核，待发布' : '已审核，待发布';
  return version ? '修订中' : '编制中';
}

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = { pending: '待处理', accepted: '已采纳', rejected: '未采纳' };

/** Which objects a task draws from: the registry's enterprises filtered, and/or other objects of some kinds. */
export interface TaskScope {
  enterprises: boolean;
  otherKinds: ObjectKind[];
  /** 国民经济行业 门类 letters (GB/T 4754-2017); empty: every industry. */
  industries: string[];
  /** Streets; empty: every street. */
  streets: string[];
  /** 企业规模 (大型/中型/小型/微型); empty: every size. */
  sizes: string[];
  /** Credit classes (codes) drawn from; empty: every class. */
  creditClasses: string[];
  /** Special flags (the registry's qualification tags: 高新技术企业 …); empty: no restriction; else any of them. */
  flags: string[];
}

export const EMPTY_SCOPE: TaskScope = { enterprises: true, otherKinds: [], industries: [], streets: [], sizes: [], creditClasses: [], flags: [] };

/** One task of the plan as the office and departments edit it. */
export interface PlanTaskInput {
  title: string;
  leadUnitId: number;
  jointUnitIds: number[];
  itemIds: number[];
  scope: TaskScope;
  /** Share per credit class in basis points (1 = 0.01%); classes not named take the class's own draw share. */
  shares: Array<{ classCode: string; bp: number }>;
  windowFrom: string;
  windowTo: string;
  note: string | null;
}

/** A task as published: with the names of its departments and items (what the public page and the diff show). */
export interface PublishedTask extends PlanTaskInput {
  id: number;
  seq: number;
  leadUnitName: string;
  jointUnitNames: string[];
  itemNames: string[];
}

export interface PlanProblem {
  row?: number;
  field: string;
  message: string;
}

export interface TaskContext {
  year: number;
  /** Items of the directory: id → the department (unit id) whose list it is on, and whether active. */
  items: ReadonlyMap<number, { unitId: number; active: boolean }>;
  /** Known unit ids. */
  units: ReadonlySet<number>;
  /** Credit class codes of the office's list. */
  classes: readonly string[];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) => ISO.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** The 门类 letter of a 国民经济行业 code (4 digits, or its 2-digit 大类), or null. */
export function industrySection(code: string | null | undefined): string | null {
  if (!code || !/^\d{2}/.test(code)) return null;
  const n = Number(code.slice(0, 2));
  return SECTIONS.find((s) => n >= s.from && n <= s.to)?.code ?? null;
}

/** Problems of one task (field names as in the API body; messages in Chinese naming the field). */
export function taskProblems(t: PlanTaskInput, ctx: TaskContext, row?: number): PlanProblem[] {
  const out: PlanProblem[] = [];
  const add = (field: string, message: string) => out.push(row === undefined ? { field, message } : { row, field, message });
  if (!t.title.trim()) add('title', '请填写任务名称');
  const units = [t.leadUnitId, ...t.jointUnitIds];
  if (!ctx.units.has(t.leadUnitId)) add('leadUnitId', '牵头部门不存在');
  if (t.jointUnitIds.some((u) => !ctx.units.has(u))) add('jointUnitIds', '参与部门不存在');
  // 部门联合: the lead and each joint department once (国发〔2019〕5号 二(三)).
  if (new Set(units).size !== units.length) add('jointUnitIds', '参与部门不能重复，也不能与牵头部门相同');
  if (!t.itemIds.length) add('itemIds', '请至少选择一项抽查事项');
  for (const id of new Set(t.itemIds)) {
    const item = ctx.items.get(id);
    if (!item) add('itemIds', `抽查事项 ${id} 不存在`);
    else if (!units.includes(item.unitId)) add('itemIds', '抽查事项应出自牵头或参与部门的抽查事项清单');
    else if (!item.active) add('itemIds', '抽查事项已停用');
  }
  if (new Set(t.itemIds).size !== t.itemIds.length) add('itemIds', '抽查事项不能重复');
  const s = t.scope;
  if (!s.enterprises && !s.otherKinds.length) add('scope', '请选择抽查对象范围（企业名录或其他检查对象）');
  if (s.otherKinds.some((k) => !OBJECT_KINDS.includes(k))) add('scope.otherKinds', '未知的对象类型');
  const sections = new Set(SECTIONS.map((x) => x.code));
  if (s.industries.some((i) => !sections.has(i))) add('scope.industries', '行业应为国民经济行业门类（A–T）');
  if (s.sizes.some((x) => !(SIZE_CLASSES as readonly string[]).includes(x))) add('scope.sizes', '企业规模应为大型、中型、小型或微型');
  if (s.creditClasses.some((c) => !ctx.classes.includes(c))) add('scope.creditClasses', '信用风险分类不存在');
  if (s.flags.some((f) => !QUALIFICATION_TAGS.includes(f))) add('scope.flags', '未知的企业标识');
  if (s.streets.some((x) => !x.trim())) add('scope.streets', '街道名称不能为空');
  if (!s.enterprises && (s.industries.length || s.sizes.length || s.creditClasses.length || s.flags.length))
    add('scope', '行业、规模、信用分类和企业标识只适用于企业名录');
  // 差异化抽查比例 (国发〔2019〕5号 二(四)), in basis points; 不免抽: > 0.
  t.shares.forEach((x) => {
    if (!ctx.classes.includes(x.classCode)) add('shares', `信用风险分类 ${x.classCode} 不存在`);
    if (!Number.isInteger(x.bp) || x.bp < 1 || x.bp > FULL_SHARE) add('shares', `${x.classCode}：抽查比例应在 0.01% 至 100% 之间（不免抽）`);
  });
  if (new Set(t.shares.map((x) => x.classCode)).size !== t.shares.length) add('shares', '同一信用风险分类只能设一个比例');
  // 时间安排 within the plan's year.
  if (!validDate(t.windowFrom)) add('windowFrom', '开始日期无效');
  if (!validDate(t.windowTo)) add('windowTo', '结束日期无效');
  if (validDate(t.windowFrom) && validDate(t.windowTo)) {
    if (t.windowFrom > t.windowTo) add('windowTo', '结束日期不能早于开始日期');
    if (!t.windowFrom.startsWith(String(ctx.year)) || !t.windowTo.startsWith(String(ctx.year))) add('windowFrom', `时间安排应在 ${ctx.year} 年内`);
  }
  return out;
}

/** A draw for a task is made within its time window (not after its end; before the start is allowed, to prepare). */
export function drawDateProblem(t: Pick<PlanTaskInput, 'windowFrom' | 'windowTo'>, today: string): string | null {
  return today > t.windowTo ? `任务时间安排已于 ${t.windowTo} 结束，不能再为其抽取` : null;
}

// ---- the difference between versions ----

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}
export interface PlanDiff {
  added: Array<{ id: number; title: string }>;
  removed: Array<{ id: number; title: string }>;
  changed: Array<{ id: number; title: string; fields: FieldChange[] }>;
}

const pct = (bp: number) => `${bp / 100}%`;
const list = (xs: readonly string[], empty = '不限') => (xs.length ? xs.join('、') : empty);

/** The scope in words (credit classes named by code: the caller decides whether to show it). */
export function scopeText(s: TaskScope): string {
  const parts: string[] = [];
  if (s.enterprises) {
    const f = [
      s.industries.length ? `行业门类 ${s.industries.join('、')}` : '',
      s.streets.length ? `街道 ${s.streets.join('、')}` : '',
      s.sizes.length ? `规模 ${s.sizes.join('、')}` : '',
      s.creditClasses.length ? `信用风险分类 ${s.creditClasses.join('、')}` : '',
      s.flags.length ? `标识 ${s.flags.join('、')}` : '',
    ].filter(Boolean);
    parts.push(f.length ? `企业（${f.join('；')}）` : '全部企业');
  }
  if (s.otherKinds.length) parts.push(s.otherKinds.join('、'));
  return parts.join('；');
}

/** The fields a reader compares, in words. */
function fieldTexts(t: PublishedTask): Array<[string, string, string]> {
  return [
    ['title', '任务名称', t.title],
    ['leadUnitId', '牵头部门', t.leadUnitName],
    ['jointUnitIds', '参与部门', list(t.jointUnitNames, '无')],
    ['itemIds', '抽查事项', list(t.itemNames, '无')],
    ['scope', '抽查对象范围', scopeText(t.scope)],
    [
      'shares',
      '抽查比例',
      list(
        [...t.shares].sort((a, b) => (a.classCode < b.classCode ? -1 : 1)).map((s) => `${s.classCode} ${pct(s.bp)}`),
        '按信用分类默认比例',
      ),
    ],
    ['window', '时间安排', `${t.windowFrom} 至 ${t.windowTo}`],
    ['note', '备注', t.note ?? ''],
  ];
}

/** What changed from one published version to the next: tasks matched by id; added, removed, and changed fields. */
export function planDiff(before: readonly PublishedTask[], after: readonly PublishedTask[]): PlanDiff {
  const old = new Map(before.map((t) => [t.id, t]));
  const now = new Set(after.map((t) => t.id));
  const diff: PlanDiff = { added: [], removed: [], changed: [] };
  for (const t of after) {
    const b = old.get(t.id);
    if (!b) {
      diff.added.push({ id: t.id, title: t.title });
      continue;
    }
    const bt = fieldTexts(b);
    const fields = fieldTexts(t)
      .map(([field, label, text], i) => ({ field, label, before: bt[i]![2], after: text }))
      .filter((f) => f.before !== f.after);
    if (fields.length) diff.changed.push({ id: t.id, title: t.title, fields });
  }
  for (const t of before) if (!now.has(t.id)) diff.removed.push({ id: t.id, title: t.title });
  return diff;
}

export const diffIsEmpty = (d: PlanDiff) => !d.added.length && !d.removed.length && !d.changed.length;

/** One line per change, for the version list (e.g. “新增任务：…”). */
export function diffSummary(d: PlanDiff): string[] {
  return [
    ...d.added.map((t) => `新增任务：${t.title}`),
    ...d.removed.map((t) => `删除任务：${t.title}`),
    ...d.changed.map((t) => `修改任务：${t.title}（${t.fields.map((f) => f.label).join('、')}）`),
  ];
}

// ---- from a task to a draw ----

/**
 * The draw shares of a task: the task's own share of a class, else the office's class share (percent → basis
 * points); `defaultBp` the default class's share (objects whose class is unknown, e.g. other objects 未分级).
 */
export function taskDrawShares(
  t: Pick<PlanTaskInput, 'shares'>,
  classes: ReadonlyArray<{ code: string; drawShare: number; isDefault: boolean }>,
): { shares: Array<{ stratum: string; bp: number }>; defaultShareBp: number } {
  const own = new Map(t.shares.map((s) => [s.classCode, s.bp]));
  const bpOf = (percent: number) => Math.max(1, Math.min(FULL_SHARE, Math.round(percent * 100)));
  const shares = classes.map((c) => ({ stratum: c.code, bp: own.get(c.code) ?? bpOf(c.drawShare) }));
  const def = classes.find((c) => c.isDefault);
  return { shares, defaultShareBp: def ? (own.get(def.code) ?? bpOf(def.drawShare)) : 500 };
}
