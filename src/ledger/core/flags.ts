/**
 * Automatic flags and traffic lights (督查督办 "红黄绿灯" practice), computed from the ledger and a date.
 *
 * Issue 4 / plan section 五（三）"健全……动态反馈机制，强化统筹协调和监督督查": the office must see at a glance which
 * tasks are overdue, which are about to fall due and which units have not reported. Flags are a pure function
 * of the data and the day, so "recomputed daily and on change" holds by construction: they are computed on read.
 *
 * Rules (the calendar is the official one, with holidays and 调休):
 * - milestone_overdue: a milestone not met whose effective due day (民法典 第二百零三条: a due day on a rest day
 *   moves to the next working day) is before the day of reference.
 * - milestone_due_soon: a milestone not met, due within `yellowDays` working days (inclusive).
 * - report_missing: a cycle whose due day has passed without a report for the task (tasks paused, not yet
 *   started in that period, or completed before the period began owe no report).
 * - behind_schedule: progress below the straight line from the task's start to its last milestone,
 *   by more than `tolerance` percentage points (calendar days; the line reaches 100 % on the due day).
 * Lights: red = a milestone overdue; yellow = a milestone due soon or behind the straight line; green
 * otherwise; completed tasks are green, paused tasks grey.
 */
import { addDays, daysBetween, effectiveDue, type WorkingCalendar } from './calendar.js';
import type { TaskStatus } from './status.js';

export type FlagKind = 'milestone_overdue' | 'milestone_due_soon' | 'report_missing' | 'behind_schedule';
export type Light = 'green' | 'yellow' | 'red' | 'grey';

export const FLAG_LABELS: Record<FlagKind, string> = {
  milestone_overdue: '节点逾期',
  milestone_due_soon: '节点临近',
  report_missing: '未按时报送',
  behind_schedule: '进度滞后于计划',
};
export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', grey: '暂停' };

export interface FlagOptions {
  /** Working days before a milestone during which an unmet milestone is yellow. */
  yellowDays: number;
  /** Percentage points below the straight line that still count as on schedule. */
  tolerance: number;
}
export const DEFAULT_FLAG_OPTIONS: FlagOptions = { yellowDays: 5, tolerance: 10 };

export interface FlagTask {
  status: TaskStatus;
  progress: number;
  startOn: string;
  completedOn: string | null;
  milestones: Array<{ id: number; title: string; dueOn: string; doneOn: string | null }>;
  /** Cycles for which a report exists (any state). */
  reportedCycleIds: number[];
}
export interface FlagCycle { id: number; label: string; periodStart: string; periodEnd: string; dueOn: string }

export interface Flag {
  kind: FlagKind;
  label: string;
  message: string;
  milestoneId?: number;
  cycleId?: number;
  /** The date the flag is about (due day of the milestone or the report). */
  date: string;
}

export interface TaskFlags { light: Light; flags: Flag[]; expectedProgress: number | null }

/** Straight-line expected progress (%) on `asOf`, from `start` to `due`. */
export function expectedProgress(start: string, due: string, asOf: string): number {
  const span = daysBetween(start, due);
  if (span <= 0) return asOf >= due ? 100 : 0;
  const v = (daysBetween(start, asOf) / span) * 100;
  return Math.max(0, Math.min(100, Math.round(v * 10) / 10));
}

export function taskFlags(t: FlagTask, cycles: FlagCycle[], asOf: string, cal: WorkingCalendar, opts: FlagOptions = DEFAULT_FLAG_OPTIONS): TaskFlags {
  const flags: Flag[] = [];
  if (t.status === 'paused') return { light: 'grey', flags, expectedProgress: null };
  const soonLimit = cal.addWorkingDays(asOf, opts.yellowDays);
  const open = t.milestones.filter((m) => !m.doneOn).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  for (const m of open) {
    if (t.status === 'done') break;
    const due = effectiveDue(cal, m.dueOn);
    if (asOf > due) flags.push({ kind: 'milestone_overdue', label: FLAG_LABELS.milestone_overdue, message: `节点“${m.title}”应于 ${due} 前完成，已逾期`, milestoneId: m.id, date: due });
    else if (due <= soonLimit) flags.push({ kind: 'milestone_due_soon', label: FLAG_LABELS.milestone_due_soon, message: `节点“${m.title}”将于 ${due} 到期`, milestoneId: m.id, date: due });
  }
  for (const c of cycles) {
    if (asOf <= effectiveDue(cal, c.dueOn)) continue;
    if (t.reportedCycleIds.includes(c.id)) continue;
    if (c.periodEnd < t.startOn) continue;
    if (t.completedOn && t.completedOn < c.periodStart) continue;
    flags.push({ kind: 'report_missing', label: FLAG_LABELS.report_missing, message: `${c.label}进展报告应于 ${c.dueOn} 前报送，尚未报送`, cycleId: c.id, date: c.dueOn });
  }
  let expected: number | null = null;
  const last = [...t.milestones].sort((a, b) => b.dueOn.localeCompare(a.dueOn))[0];
  if (last && t.status !== 'done') {
    expected = expectedProgress(t.startOn, last.dueOn, asOf);
    if (t.progress + opts.tolerance < expected) {
      flags.push({ kind: 'behind_schedule', label: FLAG_LABELS.behind_schedule, message: `进度 ${t.progress}%，按计划应达 ${expected}%`, date: asOf });
    }
  }
  let light: Light = 'green';
  if (t.status !== 'done') {
    if (flags.some((f) => f.kind === 'milestone_overdue')) light = 'red';
    else if (flags.some((f) => f.kind === 'milestone_due_soon' || f.kind === 'behind_schedule')) light = 'yellow';
  }
  return { light, flags, expectedProgress: expected };
}

/** Whether a date-bound submission was on time: on or before the effective due day. */
export function onTime(cal: WorkingCalendar, doneOn: string, dueOn: string): boolean {
  return doneOn <= effectiveDue(cal, dueOn);
}

export { addDays };
