import { AppError } from '../../shared/index.js';

/**
 * A date outside the years whose official arrangement is loaded. The calendar never guesses
 * "weekends only" for such a year: the office must load the State Council notice first.
 */
export class CalendarDataMissingError extends AppError {
  constructor(public readonly year: number) {
    super(422, 'calendar_data_missing', `缺少${year}年的节假日安排数据（需先载入国务院办公厅关于${year}年部分节假日安排的通知）`, { year });
  }
}

/** Input that is not a real calendar date in the form YYYY-MM-DD (or a timestamp with an offset). */
export class InvalidDateError extends AppError {
  constructor(
    public readonly input: unknown,
    reason = '应为 YYYY-MM-DD 格式的有效公历日期',
  ) {
    super(400, 'invalid_date', `日期无效：${typeof input === 'string' ? `“${input}”` : String(input)}（${reason}）`, { input: String(input) });
  }
}

/** A period length or ordinal that cannot be used (not an integer, negative where not allowed, out of range). */
export class InvalidPeriodError extends AppError {
  constructor(message: string) {
    super(400, 'invalid_period', message);
  }
}

/** One problem found in a year's arrangement (message in Chinese, shown to the office). */
export interface YearDataProblem {
  code:
    | 'not_an_object'
    | 'year'
    | 'notice'
    | 'amendment'
    | 'holidays'
    | 'unnamed_holiday'
    | 'invalid_date'
    | 'outside_year'
    | 'duplicate_day'
    | 'both_off_and_working'
    | 'not_weekend'
    | 'weekend_only_break'
    | 'holiday_not_contiguous'
    | 'conflict_between_years'
    | 'duplicate_year';
  date?: string;
  message: string;
}

/** Year data that fails validation; `problems` lists every problem found. */
export class CalendarDataInvalidError extends AppError {
  constructor(public readonly problems: YearDataProblem[]) {
    super(
      400,
      'calendar_data_invalid',
      `节假日安排数据有误：${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('；')}${problems.length > 3 ? `；等${problems.length}处问题` : ''}`,
      problems,
    );
  }
}
