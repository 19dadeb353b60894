/**
 * What a run interrupted by a server stop or a crash says it left behind (its `job_run.error`). Pure: the runner
 * writes it, the web shows it on the run's result page.
 */

/** An all-or-nothing job's interrupted run: its one transaction rolled back. */
export const INTERRUPTED = '服务停止时任务被中断，未写入任何数据；可点击“立即运行”重新运行';

/** What a job of independent steps keeps when it is interrupted (`JobDefinition.keepsFinished`). */
export interface KeptParts {
  /** What stays written and what to do next, in Chinese (e.g. 已完成的指标已保存……，可重新计算). */
  text: string;
  /** What the job's progress counts, with its measure word (个指标, 家企业): “已完成 12/24 个指标”. */
  unit?: string;
}

/**
 * The error text of an interrupted run. No `keeps` (an all-or-nothing job): `INTERRUPTED`. A job that keeps its
 * finished parts: its sentence, after how much was done when the progress tells it (a total, a unit, something
 * done). `approximate`: the progress is the last one written to the run's row (a run recovered after a crash: it
 * is written every second, and a job may report a step just before or just after committing it), hence “约”.
 */
export function interruptedText(keeps: KeptParts | undefined, progress?: { done: number; total: number | null; approximate?: boolean }): string {
  if (!keeps) return INTERRUPTED;
  const f = (n: number) => n.toLocaleString('zh-CN');
  const told = keeps.unit && progress && progress.total !== null && progress.total > 0 && progress.done > 0;
  const done = told
    ? `${progress.approximate ? '中断前已完成约' : '已完成'} ${f(Math.min(progress.done, progress.total!))}/${f(progress.total!)} ${keeps.unit}；`
    : '';
  return `服务停止时任务被中断：${done}${keeps.text}`;
}
