/** Types of the working-day calendar (pure data, no behaviour). */

/** The statutory holidays of 《全国年节及纪念日放假办法》 第二条 that give a day off to everyone. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

/** A State Council General Office notice (国务院办公厅关于XXXX年部分节假日安排的通知) or a later amendment. */
export interface CalendarNotice {
  /** e.g. "国务院办公厅关于2021年部分节假日安排的通知". */
  title: string;
  /** Document number, e.g. "国办发明电〔2020〕27号". */
  number: string;
  url?: string;
  /** Date the notice was issued (YYYY-MM-DD), where known. */
  issued?: string;
}

/** A later notice that changed a year's arrangement (e.g. the 2020 Spring Festival extension). */
export interface CalendarAmendment extends CalendarNotice {
  /** What it changed, in one sentence (Chinese). */
  summary: string;
}

/** One holiday's days off as the notice lists them ("X月X日至X日放假调休，共N天"). */
export interface HolidayBreak {
  name: HolidayName;
  /** Every day off of the break, YYYY-MM-DD, weekend days inside the break included. */
  days: string[];
}

/**
 * One year's official arrangement, with every amendment already applied to `holidays` and
 * `adjustedWorkdays` (the amendments are listed for the record).
 */
export interface YearData {
  year: number;
  notice: CalendarNotice;
  amendments?: CalendarAmendment[];
  holidays: HolidayBreak[];
  /** Saturdays and Sundays that are working days (调休上班日). */
  adjustedWorkdays: string[];
  /** Free-text remarks on transcription decisions. */
  note?: string;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: string;
  workday: boolean;
  kind: DayKind;
  /** The holiday a day off belongs to (weekend days inside a break included), otherwise null. */
  holiday: string | null;
}

/** A date: "YYYY-MM-DD", an ISO timestamp with offset ("2021-09-30T10:00:00+08:00"), or a Date. */
export type DateInput = string | Date;

export type PeriodUnit = 'workday' | 'day';
