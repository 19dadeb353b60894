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
 * - off_track (偏离目标): a quantitative commitment of the task is not being kept, as another capability measured it —
 *   today an indicator (src/indicators) whose headline result is 未达标. The ledger does not compute it: it receives
 *   the signals (`FlagTask.signals`, stored in `ledger_signal`), one flag per signal, the message naming the
 *   indicator, its value and its target. A signal disappears when its source clears it (the indicator recovers).
 * Lights: red = a milestone overdue, or off track; yellow = a milestone due soon or behind the straight line;
 * green otherwise. Paused tasks are grey and carry no flags (the office suspended them). Completed tasks are green —
 * unless off track: a task marked 已完成 whose indicator is breached keeps the flag and is red, because the
 * commitment the task stands for is not kept (completion is the unit's report; the indicator is measured).
 */
import { addDays, daysBetween, effectiveDue, type WorkingCalendar } from './calendar.js';
import type { TaskStatus } from './status.js';

export type FlagKind = 'milestone_overdue' | 'milestone_due_soon' | 'report_missing' | 'behind_schedule' | 'off_track';
export type Light = 'green' | 'yellow' | 'red' | 'grey';

export const FLAG_LABELS: Record<FlagKind, string> = {
  milestone_overdue: '节点逾期',
  milestone_due_soon: '节点临近',
  report_missing: '未按时报送',
  behind_schedule: '进度滞后于计划',
  off_track: '偏离目标',
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
  /** Off-track signals on the task (from `ledger_signal`), in display order. */
  signals?: FlagSignal[];
}

/** A commitment of the task not being kept, as another capability measured it (e.g. a breached indicator). */
export interface FlagSignal {
  source: string;
  key: string;
  message: string;
  since: string;
  link?: string | null;
}
export interface FlagCycle {
  id: number;
  label: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

export interface Flag {
  kind: FlagKind;
  label: string;
  message: string;
  milestoneId?: number;
  cycleId?: number;
  /** The date the flag is about (due day of the milestone or the report; for off_track, the as-of day of the figures that raised it). */
  date: string;
  /** off_track: where the signal comes from (e.g. `indicators`), its key (the indicator code) and a link to it. */
  source?: string;
  key?: string;
  link?: string;
}

export interface TaskFlags {
  light: Light;
  flags: Flag[];
  expectedProgress: number | null;
}

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
    if (asOf > due)
      flags.push({
        kind: 'milestone_overdue',
        label: FLAG_LABELS.milestone_overdue,
        message: `节点“${m.title}”应于 ${due} 前完成，已逾期`,
        milestoneId: m.id,
        date: due,
      });
    else if (due <= soonLimit)
      flags.push({
        kind: 'milestone_due_soon',
        label: FLAG_LABELS.milestone_due_soon,
        message: `节点“${m.title}”将于 ${due} 到期`,
        milestoneId: m.id,
        date: due,
      });
  }
  for (const c of cycles) {
    if (asOf <= effectiveDue(cal, c.dueOn)) continue;
    if (t.reportedCycleIds.includes(c.id)) continue;
    if (c.periodEnd < t.startOn) continue;
    if (t.completedOn && t.completedOn < c.periodStart) continue;
    flags.push({
      kind: 'report_missing',
      label: FLAG_LABELS.report_missing,
      message: `${c.label}进展报告应于 ${c.dueOn} 前报送，尚未报送`,
      cycleId: c.id,
      date: c.dueOn,
    });
  }
  let expected: number | null = null;
  const last = [...t.milestones].sort((a, b) => b.dueOn.localeCompare(a.dueOn))[0];
  if (last && t.status !== 'done') {
    expected = expectedProgress(t.startOn, last.dueOn, asOf);
    if (t.progress + opts.tolerance < expected) {
      flags.push({ kind: 'behind_schedule', label: FLAG_LABELS.behind_schedule, message: `进度 ${t.progress}%，按计划应达 ${expected}%`, date: asOf });
    }
  }
  for (const s of t.signals ?? []) {
    flags.push({
      kind: 'off_track',
      label: FLAG_LABELS.off_track,
      message: s.message,
      date: s.since,
      source: s.source,
      key: s.key,
      ...(s.link ? { link: s.link } : {}),
    });
  }
  let light: Light = 'green';
  if (flags.some((f) => f.kind === 'off_track')) light = 'red';
  else if (t.status !== 'done') {
    if (flags.some((f) => f.kind === 'milestone_overdue')) light = 'red';
    else if (flags.some((f) => f.kind === 'milestone_due_soon' || f.kind === 'behind_schedule')) light = 'yellow';
  }
  return { light, flags, expectedProgress: expected };
}

/** A stored signal: on a measure, optionally about one of its plan targets. */
export interface MeasureSignal extends FlagSignal {
  measureId: number;
  targetId: number | null;
}

/**
 * Which tasks show which signals. A signal is about a measure; when it names a plan target, it goes to the tasks of
 * the measure that carry that target (a measure split into tasks by the office keeps the mark on the task that owns
 * the commitment), and to every task of the measure when none carries it (so a signal is never lost). A signal
 * without a target goes to every task of the measure. `tasks` must hold every task of the signals' measures.
 */
export function assignSignals(tasks: Array<{ id: number; measureId: number; targetIds: number[] }>, signals: MeasureSignal[]): Map<number, FlagSignal[]> {
  const out = new Map<number, FlagSignal[]>();
  for (const { measureId, targetId, ...signal } of signals) {
    const ofMeasure = tasks.filter((t) => t.measureId === measureId);
    const carrying = targetId === null ? [] : ofMeasure.filter((t) => t.targetIds.includes(targetId));
    for (const t of carrying.length ? carrying : ofMeasure) out.set(t.id, [...(out.get(t.id) ?? []), signal]);
  }
  return out;
}

/** Whether a date-bound submission was on time: on or before the effective due day. */
export function onTime(cal: WorkingCalendar, doneOn: string, dueOn: string): boolean {
  return doneOn <= effectiveDue(cal, dueOn);
}

export { addDays };
