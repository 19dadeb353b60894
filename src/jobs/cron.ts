import cronParser from 'cron-parser';
import { JOB_TIME_ZONE } from './core/index.js';

/** Parses a five-field cron in China time; throws on an invalid expression. */
function parse(cron: string, at: Date) {
  return cronParser.parseExpression(cron, { currentDate: at, tz: JOB_TIME_ZONE });
}

/** The problem of a cron expression in Chinese, or undefined when valid (five fields, values in range). */
export function cronProblem(cron: string): string | undefined {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return '应为 5 段（分 时 日 月 周）';
  try {
    parse(cron, new Date());
    return undefined;
  } catch (e) {
    return `无法解析：${(e as Error).message}`;
  }
}

/** The latest slot of `cron` at or before `now` (a slot exactly at `now` counts). */
export function latestSlot(cron: string, now: Date): Date {
  // cron-parser's prev() is strictly before its current date: start just after now.
  const slot = parse(cron, new Date(now.getTime() + 1))
    .prev()
    .toDate();
  return slot.getTime() > now.getTime() ? parse(cron, slot).prev().toDate() : slot;
}

/** The first slot of `cron` strictly after `now`. */
export function nextSlot(cron: string, now: Date): Date {
  return parse(cron, now).next().toDate();
}
