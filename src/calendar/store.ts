import { advisoryXactLock } from '../db/index.js';
/**
 * Database side of the calendar: the `calendar_year` table (arrangements loaded by the office, e.g.
 * next year's notice each autumn) and the `calendar` table (one row per date with its working-day
 * ordinal, for SQL). The calendar in use is the bundled 2020–2026 data plus every loaded year (a
 * loaded year replaces the bundled one of the same year).
 */
import type { Kysely, Transaction } from 'kysely';
import type { ColumnType } from 'kysely';
import type { Database } from '../db/index.js';
import { recordAudit } from '../audit/index.js';
import { InputRejectedError } from '../shared/index.js';
import { buildCalendar, officialCalendar } from './official.js';
import { validateYearData } from './core/validate.js';
import type { YearData } from './core/types.js';
import type { WorkingCalendar } from './core/working-calendar.js';

export type CalendarYearTable = {
  year: number;
  notice: ColumnType<unknown, string, string>;
  data: ColumnType<unknown, string, string>;
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>;
  loaded_by: string;
};

export type CalendarTable = {
  /** ISO date string (the `date` type parser keeps dates as strings). */
  date: string;
  kind: string;
  holiday: string | null;
  workday: boolean;
  workday_ordinal: number;
  year: number;
};

export type CalendarTables = {
  calendar_year: CalendarYearTable;
  calendar: CalendarTable;
};

type Db = Kysely<Database> | Transaction<Database>;
const tables = (db: Db) => db.withTables<CalendarTables>();

/** Years loaded into the database, oldest first (parsed `data` column). */
export async function listLoadedYears(db: Db): Promise<{ year: number; data: unknown; loadedAt: Date; loadedBy: string }[]> {
  const rows = await tables(db).selectFrom('calendar_year').selectAll().orderBy('year').execute();
  return rows.map((r) => ({ year: r.year, data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data, loadedAt: r.loaded_at, loadedBy: r.loaded_by }));
}

// Built calendars by the content of the loaded years (a few entries: one per database in practice).
const built = new Map<string, WorkingCalendar>();

/**
 * The calendar in use: bundled years plus the years loaded into the database. One small query; the
 * calendar is rebuilt only when the loaded years change.
 */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  const rows = await listLoadedYears(db);
  if (rows.length === 0) return officialCalendar;
  const key = JSON.stringify(rows.map((r) => r.data));
  let cal = built.get(key);
  if (!cal) {
    cal = buildCalendar(
      rows.map((r) => r.data),
      { includeOfficial: true },
    );
    if (built.size >= 8) built.delete(built.keys().next().value!);
    built.set(key, cal);
  }
  return cal;
}

/** Rewrites the `calendar` table from a calendar (every covered date with its working-day ordinal). */
export async function writeCalendarTable(db: Db, calendar: WorkingCalendar): Promise<number> {
  const t = tables(db);
  const rows = calendar
    .rows()
    .map((r) => ({ date: r.date, kind: r.kind, holiday: r.holiday, workday: r.workday, workday_ordinal: r.workdayOrdinal, year: r.year }));
  await t.deleteFrom('calendar').execute();
  for (let i = 0; i < rows.length; i += 1000)
    await t
      .insertInto('calendar')
      .values(rows.slice(i, i + 1000))
      .execute();
  return rows.length;
}

/** Brings the `calendar` table in line with the calendar in use (call at start: cheap, ~365 rows a year). */
export async function refreshCalendarTable(db: Kysely<Database>): Promise<WorkingCalendar> {
  return db.transaction().execute(async (trx) => {
    const cal = await loadCalendar(trx);
    await writeCalendarTable(trx, cal);
    return cal;
  });
}

/**
 * Loads a year's arrangement (parsed JSON): validates it (InputRejectedError listing the problems),
 * stores it in `calendar_year` (replacing an earlier load of the same year), rebuilds the `calendar`
 * table, and records the change in the audit log, all in one transaction.
 */
export async function loadCalendarYear(
  db: Kysely<Database>,
  input: { data: unknown; actor: string; file?: string },
): Promise<{ year: number; replaced: boolean; calendar: WorkingCalendar }> {
  const problems = validateYearData(input.data);
  if (problems.length) {
    throw new InputRejectedError(
      `节假日安排数据有${problems.length}处问题，未载入`,
      problems.map((p) => ({ file: input.file, message: p.message })),
    );
  }
  const data = input.data as YearData;
  return db.transaction().execute(async (trx) => {
    const t = tables(trx);
    await advisoryXactLock(trx, 'calendarLoad');
    const before = await t.selectFrom('calendar_year').select(['data']).where('year', '=', data.year).executeTakeFirst();
    const row = { notice: JSON.stringify(data.notice), data: JSON.stringify(data), loaded_at: new Date(), loaded_by: input.actor };
    await t
      .insertInto('calendar_year')
      .values({ year: data.year, ...row })
      .onConflict((oc) => oc.column('year').doUpdateSet(row))
      .execute();
    const calendar = await loadCalendar(trx); // also checks the year against its neighbours
    await writeCalendarTable(trx, calendar);
    await recordAudit(trx, {
      actor: input.actor,
      action: 'calendar.year.load',
      entity: 'calendar_year',
      entityId: data.year,
      before: before ? (typeof before.data === 'string' ? JSON.parse(before.data) : before.data) : undefined,
      after: data,
    });
    return { year: data.year, replaced: before !== undefined, calendar };
  });
}
