/**
 * The ledger's lists (任务台账, 进展报告, 督查督办): their sort keys with the names the pages show, the review
 * states' names, and the comparisons. Pure: the stores sort with these, the web labels its columns and the
 * Excel export's title row with them.
 *
 * Numbers inside text sort as numbers (任务编号 2-9 before 2-10, 督办〔2021〕9号 before 10号); Chinese text in
 * pinyin order (zh-Hans-CN collation, as people expect in a Chinese list).
 */
import type { Light } from './flags.js';
import { ORDER_STAGES } from './orders.js';
import { TASK_STATUSES, type TaskStatus } from './status.js';

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

/** Text with its numbers compared as numbers: `2-9` < `2-10`, `DEMO-9` < `DEMO-10`. */
export const naturalCompare = (a: string, b: string): number => collator.compare(a, b);

export const TASK_SORTS = ['code', 'progress', 'status', 'light', 'nextDue', 'unit'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export const TASK_SORT_LABELS: Record<TaskSort, string> = {
  code: '编号',
  progress: '进度',
  status: '状态',
  light: '灯号',
  nextDue: '下一节点',
  unit: '牵头单位',
};

export const REPORT_SORTS = ['code', 'cycle', 'state', 'firstSubmittedOn', 'returns'] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];
export const REPORT_SORT_LABELS: Record<ReportSort, string> = {
  code: '编号',
  cycle: '报送周期',
  state: '审核状态',
  firstSubmittedOn: '首次报送',
  returns: '退回次数',
};

export const ORDER_SORTS = ['number', 'stage', 'unit', 'issuedOn', 'replyDue'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export const ORDER_SORT_LABELS: Record<OrderSort, string> = {
  number: '督办单号',
  stage: '阶段',
  unit: '被督办单位',
  issuedOn: '下发日期',
  replyDue: '反馈期限',
};

export const REPORT_STATES = ['submitted', 'returned', 'accepted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<ReportState, string> = { submitted: '待审核', returned: '已退回', accepted: '已通过' };

/** `sort` of a list query: a key, `-` in front for descending. */
export const sortValues = <K extends string>(keys: readonly K[]): Array<K | `-${K}`> => keys.flatMap((k) => [k, `-${k}` as const]);

export function parseSort<K extends string>(sort: string | undefined, keys: readonly K[], fallback: K): { key: K; desc: boolean } {
  const desc = !!sort?.startsWith('-');
  const key = (sort ?? '').replace(/^-/, '');
  return { key: (keys as readonly string[]).includes(key) ? (key as K) : fallback, desc: (keys as readonly string[]).includes(key) && desc };
}

/** "排序：编号（降序）" for an export's title row. */
export function sortText<K extends string>(sort: { key: K; desc: boolean }, labels: Record<K, string>): string {
  return `排序：${labels[sort.key]}${sort.desc ? '（降序）' : ''}`;
}

/** Sorts by `cmp` (descending when asked) with `tie` as the always-ascending tie-breaker; a stable copy. */
export function sortRows<T>(rows: readonly T[], cmp: (a: T, b: T) => number, desc: boolean, tie: (a: T, b: T) => number): T[] {
  return [...rows].sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)) || tie(a, b));
}

/** Empty values (no milestone left, not issued) sort last whichever the direction. */
export function compareOptional(a: string | null | undefined, b: string | null | undefined, desc = false): number {
  if (!a && !b) return 0;
  if (!a) return desc ? -1 : 1;
  if (!b) return desc ? 1 : -1;
  return naturalCompare(a, b);
}

const LIGHT_SEVERITY: Record<Light, number> = { red: 0, yellow: 1, green: 2, grey: 3 };
/** Lights from the most urgent: red, yellow, green, grey (paused). */
export const compareLights = (a: Light, b: Light) => LIGHT_SEVERITY[a] - LIGHT_SEVERITY[b];
/** Statuses in the ledger's order (未启动, 推进中, 已完成, 滞后, 已暂停). */
export const compareStatuses = (a: TaskStatus, b: TaskStatus) => TASK_STATUSES.indexOf(a) - TASK_STATUSES.indexOf(b);
/** Order stages in their workflow order (立项 … 办结). */
export const compareStages = (a: string, b: string) =>
  ORDER_STAGES.indexOf(a as (typeof ORDER_STAGES)[number]) - ORDER_STAGES.indexOf(b as (typeof ORDER_STAGES)[number]);
/** Task codes `measure-seq` as numbers. */
export const compareCodes = (a: { measureNumber: number; seq: number }, b: { measureNumber: number; seq: number }) =>
  a.measureNumber - b.measureNumber || a.seq - b.seq;
