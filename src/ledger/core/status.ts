/**
 * Task statuses of the reform ledger (改革台账) and the weighted roll-up of progress.
 *
 * Source: the plan's section 五（二）"各牵头单位分指标建立改革台账……逐条逐项细化明确目标任务、工作措施和责任分工，
 * 实行政策化、事项化、清单化推进" — every measure is carried as one or more tasks whose state is tracked.
 */
import type { TaskStatus } from '../../db/tables/ledger.js';

export type { TaskStatus };

export const TASK_STATUSES: TaskStatus[] = ['not_started', 'in_progress', 'done', 'lagging', 'paused'];

/** Label, meaning and colour of each status (colours as the 督查督办 dashboards use them). */
export const STATUS_INFO: Record<TaskStatus, { label: string; meaning: string; color: string }> = {
  not_started: { label: '未启动', meaning: '尚未开始推进', color: '#8c8c8c' },
  in_progress: { label: '推进中', meaning: '正按计划推进', color: '#1677ff' },
  done: { label: '已完成', meaning: '全部节点已完成', color: '#52c41a' },
  lagging: { label: '滞后', meaning: '进度落后于计划或节点逾期', color: '#f5222d' },
  paused: { label: '已暂停', meaning: '经营商办同意暂缓推进', color: '#fa8c16' },
};

const BY_LABEL = new Map(TASK_STATUSES.map((s) => [STATUS_INFO[s].label, s]));

/** Accepts the code (`in_progress`) or the Chinese label (推进中). */
export function parseStatus(v: string): TaskStatus | null {
  if ((TASK_STATUSES as string[]).includes(v)) return v as TaskStatus;
  return BY_LABEL.get(v.trim()) ?? null;
}

/**
 * Consistency between status and progress: 已完成 means 100 %, 100 % means 已完成, 未启动 means 0 %.
 * Returns a Chinese problem message or null.
 */
export function statusProgressProblem(status: TaskStatus, progress: number): string | null {
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) return '进度应为 0–100 的整数';
  if (status === 'done' && progress !== 100) return '状态为“已完成”时进度应为 100%';
  if (progress === 100 && status !== 'done') return '进度为 100% 时状态应为“已完成”';
  if (status === 'not_started' && progress !== 0) return '状态为“未启动”时进度应为 0%';
  return null;
}

/**
 * A measure's progress from its tasks: Σ(weight × progress) / Σ weight, rounded to one decimal.
 * A measure without tasks has no progress (null), not 0.
 */
export function rollUpProgress(tasks: Array<{ weight: number; progress: number }>): number | null {
  const total = tasks.reduce((s, t) => s + t.weight, 0);
  if (tasks.length === 0 || total <= 0) return null;
  const v = tasks.reduce((s, t) => s + t.weight * t.progress, 0) / total;
  return Math.round(v * 10) / 10;
}

/** The measure's status from its tasks: all done → done; any lagging → lagging; all paused → paused; any started → in progress. */
export function rollUpStatus(statuses: TaskStatus[]): TaskStatus | null {
  if (statuses.length === 0) return null;
  if (statuses.every((s) => s === 'done')) return 'done';
  if (statuses.includes('lagging')) return 'lagging';
  if (statuses.every((s) => s === 'paused')) return 'paused';
  if (statuses.every((s) => s === 'not_started')) return 'not_started';
  return 'in_progress';
}
