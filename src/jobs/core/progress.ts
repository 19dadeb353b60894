/**
 * A run's progress in words for the progress bar: rows done of the total, and the time left estimated
 * from the rate so far (done / time since start). Pure: the web computes it from the run and its clock.
 */

/** Seconds left at the rate so far, or null when it cannot be told yet (nothing done, no total). */
export function secondsLeft(p: { done: number; total: number | null; startedAt: Date | null; now: Date }): number | null {
  if (!p.startedAt || p.total === null || p.total <= 0 || p.done <= 0) return null;
  const elapsed = (p.now.getTime() - p.startedAt.getTime()) / 1000;
  if (elapsed <= 0) return null;
  return Math.max(0, ((p.total - p.done) * elapsed) / p.done);
}

/** 约 3 分钟 / 约 40 秒 / 不到 5 秒; null → 正在估算. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '正在估算';
  if (seconds < 5) return '即将完成';
  if (seconds < 60) return `约 ${Math.round(seconds / 5) * 5 || 5} 秒`;
  if (seconds < 3600) return `约 ${Math.round(seconds / 60)} 分钟`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return m ? `约 ${h} 小时 ${m} 分钟` : `约 ${h} 小时`;
}

/** How long a finished run took, for its result: 不到 0.1 秒 / 0.8 秒 / 42.5 秒 / 9 分 48 秒. */
export function tookText(seconds: number): string {
  if (seconds < 0.05) return '不到 0.1 秒';
  if (seconds < 59.95) return `${seconds.toFixed(1)} 秒`;
  const s = Math.round(seconds);
  return s % 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s / 60} 分钟`;
}

/** 12,345 / 1,000,000 行 (zh-CN grouping). */
export function rowsText(done: number, total: number | null, unit = '行'): string {
  const f = (n: number) => n.toLocaleString('zh-CN');
  return total === null ? `已处理 ${f(done)} ${unit}` : `${f(done)} / ${f(total)} ${unit}`;
}
