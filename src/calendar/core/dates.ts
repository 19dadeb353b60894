/**
 * Calendar-date arithmetic on "day numbers" (days since 1970-01-01, the Unix epoch), without Date
 * objects on the hot path. China has had no daylight saving since 1991: a China date is the UTC date
 * of the instant shifted by +8 hours.
 */
import { InvalidDateError } from './errors.js';
import type { DateInput } from './types.js';

const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumberFromYmd(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Year, month, day of a day number. */
export function ymdFromDayNumber(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatYmd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export function formatDayNumber(n: number): string {
  const [y, m, d] = ymdFromDayNumber(n);
  return formatYmd(y, m, d);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Parses a strict "YYYY-MM-DD" (four-digit year, two-digit month and day); returns NaN when invalid. */
export function tryParseIsoDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const c0 = s.charCodeAt(0) - 48,
    c1 = s.charCodeAt(1) - 48,
    c2 = s.charCodeAt(2) - 48,
    c3 = s.charCodeAt(3) - 48;
  const c5 = s.charCodeAt(5) - 48,
    c6 = s.charCodeAt(6) - 48,
    c8 = s.charCodeAt(8) - 48,
    c9 = s.charCodeAt(9) - 48;
  // (x >>> 0) > 9 rejects anything that is not an ASCII digit.
  if (c0 >>> 0 > 9 || c1 >>> 0 > 9 || c2 >>> 0 > 9 || c3 >>> 0 > 9 || c5 >>> 0 > 9 || c6 >>> 0 > 9 || c8 >>> 0 > 9 || c9 >>> 0 > 9) return NaN;
  const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3;
  const m = c5 * 10 + c6;
  const d = c8 * 10 + c9;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return dayNumberFromYmd(y, m, d);
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** China (UTC+8) day number of an instant. */
export function chinaDayNumberOfInstant(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY);
}

/**
 * Day number of a date input: "YYYY-MM-DD" as is; a timestamp (Date, or an ISO string with "Z" or an
 * offset) by its China local date. Anything else is an InvalidDateError: "2021-2-3", "2021-02-30",
 * a timestamp without offset (ambiguous), an invalid Date.
 */
export function toDayNumber(input: DateInput): number {
  if (typeof input === 'string') {
    const n = tryParseIsoDate(input);
    if (!Number.isNaN(n)) return n;
    const m = TIMESTAMP_RE.exec(input);
    if (m) {
      const y = Number(m[1]),
        mo = Number(m[2]),
        d = Number(m[3]);
      const h = Number(m[4]),
        mi = Number(m[5]),
        s = m[6] === undefined ? 0 : Number(m[6]);
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 24 && mi <= 59 && s <= 60) {
        const ms = Date.parse(input);
        if (!Number.isNaN(ms)) return chinaDayNumberOfInstant(ms);
      }
    }
    throw new InvalidDateError(input);
  }
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) throw new InvalidDateError('Invalid Date', '无效的时间');
    return chinaDayNumberOfInstant(ms);
  }
  throw new InvalidDateError(input);
}

/** Normalises a date input to "YYYY-MM-DD" (China date for timestamps). */
export function toIsoDate(input: DateInput): string {
  return formatDayNumber(toDayNumber(input));
}

/**
 * Today in China (UTC+8, no daylight saving since 1991) as an ISO date: the one "today" of the
 * platform. Never take the UTC date: before 08:00 Beijing time it is still yesterday.
 *
 * @example chinaToday(new Date('2026-11-30T20:00:00Z')) // '2026-12-01'
 */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
