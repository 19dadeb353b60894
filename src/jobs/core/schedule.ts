/**
 * Pure helpers of the job schedules: the times the office sets are five-field cron expressions read
 * in China time (Asia/Shanghai, UTC+8, no daylight saving), e.g. `30 8 * * *` = 每天 08:30.
 * The page edits a daily time; other crons (set through the API) are shown as they are.
 */

/** The time zone every schedule is read in. */
export const JOB_TIME_ZONE = 'Asia/Shanghai';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `HH:MM` → the daily cron at that time, or undefined when the time is not valid. */
export function dailyCron(time: string): string | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) return undefined;
  return `${Number(m[2])} ${Number(m[1])} * * *`;
}

/** The `HH:MM` of a daily cron (`m h * * *` with plain numbers), else undefined. */
export function dailyTime(cron: string): string | undefined {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5 || f[2] !== '*' || f[3] !== '*' || f[4] !== '*') return undefined;
  if (!/^\d{1,2}$/.test(f[0]!) || !/^\d{1,2}$/.test(f[1]!)) return undefined;
  const min = Number(f[0]);
  const hour = Number(f[1]);
  if (min > 59 || hour > 23) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * A schedule in words: `30 8 * * *` → 每天 08:30, `0 9 * * 1-5` → 每周一至周五 09:00, `0 9 * * 1` → 每周一 09:00,
 * `0 9 1 * *` → 每月 1 日 09:00; anything else → `按计划 <cron>`.
 */
export function describeCron(cron: string): string {
  const f = cron.trim().split(/\s+/);
  const daily = dailyTime(cron);
  if (daily) return `每天 ${daily}`;
  if (f.length !== 5) return `按计划 ${cron}`;
  const time = dailyTime(`${f[0]} ${f[1]} * * *`);
  if (!time) return `按计划 ${cron}`;
  const [, , dom, month, dow] = f as [string, string, string, string, string];
  if (dom === '*' && month === '*') {
    if (/^[0-6]$/.test(dow)) return `每周${WEEKDAYS[Number(dow)]} ${time}`;
    const range = /^([0-6])-([0-6])$/.exec(dow);
    if (range) return `每周${WEEKDAYS[Number(range[1])]}至周${WEEKDAYS[Number(range[2])]} ${time}`;
  }
  if (month === '*' && dow === '*' && /^\d{1,2}$/.test(dom) && Number(dom) >= 1 && Number(dom) <= 31) return `每月 ${Number(dom)} 日 ${time}`;
  return `按计划 ${cron}`;
}

/** A cron expression's shape: five fields of digits and `* , - /` (the values are checked by the server's parser). */
export function cronShapeProblem(cron: string): string | undefined {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return '应为 5 段（分 时 日 月 周）';
  if (f.some((x) => !/^[\d*,\-/]+$/.test(x))) return '只能包含数字和 * , - /';
  return undefined;
}

/** A run's status in words (the page's tags), with the tag colour. */
export const RUN_STATUS_INFO = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '运行中', color: 'processing' },
  succeeded: { label: '成功', color: 'success' },
  failed: { label: '失败', color: 'error' },
  cancelled: { label: '已取消', color: 'warning' },
} as const;
