/**
 * Office hours of live chat (在线人工), pure: the office configures periods of the day (China time, e.g. 09:00–12:00
 * and 14:00–17:30) and whether they hold on every day or only on working days. Working days come from the working-day
 * calendar of the State Council's notices (国务院办公厅关于部分节假日安排的通知): a statutory holiday is closed, a
 * 调休 working Saturday or Sunday is open.
 */

export interface HoursPeriod {
  /** HH:MM, China time. */
  from: string;
  to: string;
}

export interface OfficeHours {
  periods: HoursPeriod[];
  /** Open on every day (including weekends and holidays), not only on working days. */
  everyDay: boolean;
}

/** What the calendar must tell: whether a China date (YYYY-MM-DD) is a working day. */
export interface WorkdayOracle {
  isWorkday(date: string): boolean;
}

export const DEFAULT_HOURS: OfficeHours = {
  periods: [
    { from: '09:00', to: '12:00' },
    { from: '14:00', to: '17:30' },
  ],
  everyDay: false,
};

export const LIVE_CHAT_LIMITS = {
  /** Characters of one message. */
  message: 500,
  /** Messages of one chat (visitor and staff together). */
  messages: 200,
  /** Characters of the visitor's name. */
  name: 30,
  /** Chats waiting or active at once (the queue is closed to new chats beyond it). */
  open: 200,
  /** Messages returned by one poll. */
  page: 100,
  /** Periods of a day. */
  periods: 6,
} as const;

/** The client polls at this interval (ms) while a chat or the console is open; the server says it with every answer. */
export const POLL_MS = 2000;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Problems of an hours setting (field named), empty when valid. */
export function hoursProblems(h: OfficeHours): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (h.periods.length === 0) out.push({ field: '值守时段', message: '至少设置一个时段' });
  if (h.periods.length > LIVE_CHAT_LIMITS.periods) out.push({ field: '值守时段', message: `最多${LIVE_CHAT_LIMITS.periods}个时段` });
  h.periods.forEach((p, i) => {
    const field = `值守时段${i + 1}`;
    if (!HHMM.test(p.from) || !HHMM.test(p.to)) out.push({ field, message: '时间应为 HH:MM（如 09:00）' });
    else if (minutes(p.from) >= minutes(p.to)) out.push({ field, message: '开始时间应早于结束时间' });
  });
  const sorted = [...h.periods].filter((p) => HHMM.test(p.from) && HHMM.test(p.to)).sort((a, b) => minutes(a.from) - minutes(b.from));
  for (let i = 1; i < sorted.length; i++) {
    if (minutes(sorted[i]!.from) < minutes(sorted[i - 1]!.to))
      out.push({ field: '值守时段', message: `${sorted[i - 1]!.from}–${sorted[i - 1]!.to} 与 ${sorted[i]!.from}–${sorted[i]!.to} 重叠` });
  }
  return out;
}

/** China date and time of an instant: China has no daylight saving (UTC+8 all year). */
export function chinaClock(now: Date): { date: string; time: string } {
  const t = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return { date: t.slice(0, 10), time: t.slice(11, 16) };
}

export interface OnDuty {
  open: boolean;
  /** Whether today (China) is a day of service. */
  serviceDay: boolean;
  /** e.g. 工作日 09:00–12:00、14:00–17:30 */
  hoursText: string;
  /** Why closed, or when it closes; Chinese. */
  message: string;
}

export function hoursText(h: OfficeHours): string {
  const ps = [...h.periods].sort((a, b) => minutes(a.from) - minutes(b.from)).map((p) => `${p.from}–${p.to}`);
  return `${h.everyDay ? '每天' : '工作日'} ${ps.join('、')}`;
}

/** Whether live chat is open at `now`: a day of service (a working day, unless every day) within one of the periods. */
export function onDuty(h: OfficeHours, cal: WorkdayOracle, now: Date): OnDuty {
  const { date, time } = chinaClock(now);
  const text = hoursText(h);
  let serviceDay = h.everyDay;
  if (!serviceDay) {
    try {
      serviceDay = cal.isWorkday(date);
    } catch {
      // A year the calendar has no data for: weekdays only.
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      serviceDay = wd >= 1 && wd <= 5;
    }
  }
  if (!serviceDay) return { open: false, serviceDay, hoursText: text, message: `今天不是工作日，在线人工服务时间为${text}` };
  const m = minutes(time);
  const period = h.periods.find((p) => minutes(p.from) <= m && m < minutes(p.to));
  if (period) return { open: true, serviceDay, hoursText: text, message: `在线人工服务中（至 ${period.to}）` };
  return { open: false, serviceDay, hoursText: text, message: `现在不在在线人工服务时间（${text}）` };
}

export const CHAT_STATUSES = ['waiting', 'active', 'closed'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];
export const CHAT_STATUS_LABELS: Record<ChatStatus, string> = { waiting: '排队中', active: '接待中', closed: '已结束' };
export const CHAT_AUTHORS = ['visitor', 'staff', 'system'] as const;
export type ChatAuthor = (typeof CHAT_AUTHORS)[number];
