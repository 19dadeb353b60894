import fs from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { formatProblem, InputRejectedError } from '../shared/index.js';
import { CalendarDataMissingError, InvalidPeriodError } from './core/errors.js';
import type { DayInfo } from './core/types.js';
import type { WorkingCalendar } from './core/working-calendar.js';
import { officialCalendar } from './official.js';
import { loadCalendar, loadCalendarYear } from './store.js';

/** What the database-backed commands need from the `bizenv` command (given by src/cli). */
export interface CalendarCliDeps {
  /** Opens the configured database (migrated), runs fn, closes it. */
  withDatabase: <T>(fn: (h: { db: Kysely<Database> }) => Promise<T>) => Promise<T>;
  /** Who a change is recorded as in the audit log. */
  actor: () => string;
}

const KIND_CN: Record<DayInfo['kind'], string> = { workday: '工作日', weekend: '周末', holiday: '节假日', adjusted_workday: '调休上班日' };
const WEEKDAY_CN = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function describeDay(d: DayInfo): string {
  const wd = WEEKDAY_CN[new Date(`${d.date}T00:00:00Z`).getUTCDay()];
  return `${d.date} ${wd} ${KIND_CN[d.kind]}${d.holiday ? `（${d.holiday}）` : ''}`;
}

function parseInteger(v: string, what: string): number {
  if (!/^[+-]?\d{1,7}$/.test(v.trim())) throw new InvalidPeriodError(`${what}应为整数：“${v}”`);
  return Number(v);
}

/**
 * `bizenv calendar …` (stable: other tools call these):
 *   calendar day 2021-10-09 --json     → {"date":"2021-10-09","workday":true,"kind":"adjusted_workday","holiday":null}
 *   calendar year 2021 --json          → the array of those objects for every day of the year
 *   calendar add 2021-09-30 5 --unit workday → 2021-10-13   (--unit day: calendar days, 民法典 第二百零三条)
 *   calendar between 2021-09-30 2021-10-13   → 5             (working days elapsed, start day excluded)
 *   calendar load FILE                 → stores a year's arrangement (JSON) after checking it (with deps)
 * Errors print one line on stderr and set exit code 1. The bundled 2020–2026 data answers without a
 * database; with `deps`, a year missing from it is looked up in the years loaded into the database.
 */
export function registerCalendarCommands(program: Command, deps?: CalendarCliDeps): Command {
  const cal = program.command('calendar').description('China working-day calendar (法定节假日与调休)');

  /** Runs a query on the bundled calendar, falling back to the database's years when a year is missing. */
  const query = async (fn: (c: WorkingCalendar) => void): Promise<void> => {
    try {
      try {
        fn(officialCalendar);
      } catch (e) {
        if (!(e instanceof CalendarDataMissingError) || !deps) throw e;
        const c = await deps.withDatabase(({ db }) => loadCalendar(db));
        fn(c);
      }
    } catch (e) {
      fail(e);
    }
  };

  cal
    .command('day <date>')
    .description('kind of a day: workday, weekend, holiday, adjusted_workday')
    .option('--json', 'print JSON')
    .action((date: string, o: { json?: boolean }) =>
      query((c) => {
        const d = c.dayInfo(date);
        console.log(o.json ? JSON.stringify(d) : describeDay(d));
      }),
    );

  cal
    .command('year <year>')
    .description('every day of a year')
    .option('--json', 'print JSON')
    .action((year: string, o: { json?: boolean }) =>
      query((c) => {
        const days = c.yearDays(parseInteger(year, '年份'));
        if (o.json) {
          console.log(JSON.stringify(days));
          return;
        }
        const data = c.yearData(days[0] ? Number(days[0].date.slice(0, 4)) : 0);
        if (data)
          console.log(
            `${data.year}年：${data.notice.title}（${data.notice.number}）${(data.amendments ?? []).map((a) => `；${a.title}（${a.number}）`).join('')}`,
          );
        for (const d of days) if (d.kind === 'holiday' || d.kind === 'adjusted_workday') console.log(describeDay(d));
        console.log(`工作日 ${days.filter((d) => d.workday).length} 天`);
      }),
    );

  cal
    .command('add <date> <n>')
    .description('due date of N working days (default) or N calendar days after a date')
    .option('--unit <unit>', 'workday | day', 'workday')
    .option('--explain', 'list every day after the start with the reason it counts or not')
    .action((date: string, n: string, o: { unit: string; explain?: boolean }) =>
      query((c) => {
        if (o.unit !== 'workday' && o.unit !== 'day') throw new InvalidPeriodError(`期间单位无效：“${o.unit}”（应为 workday 或 day）`);
        const count = parseInteger(n, o.unit === 'workday' ? '工作日数' : '天数');
        if (!o.explain) {
          console.log(c.addPeriod(date, count, o.unit));
          return;
        }
        const e = c.explainAdd(date, count, o.unit);
        console.log(e.due);
        for (const s of e.steps) console.log(`  ${s.date} ${s.weekday} ${s.reason}`);
        console.log(e.summary);
      }),
    );

  cal
    .command('between <a> <b>')
    .description('working days elapsed from a to b (start day excluded; dates or timestamps with offset)')
    .action((a: string, b: string) =>
      query((c) => {
        console.log(String(c.workingDaysBetween(a, b)));
      }),
    );

  if (deps) {
    cal
      .command('load <file>')
      .description("load a year's arrangement (JSON: year, notice, holidays, adjustedWorkdays) into the database")
      .action(async (file: string) => {
        try {
          let data: unknown;
          try {
            data = JSON.parse(fs.readFileSync(file, 'utf8'));
          } catch (e) {
            throw new InputRejectedError(`无法读取 ${file}：${e instanceof Error ? e.message : String(e)}`);
          }
          const r = await deps.withDatabase(({ db }) => loadCalendarYear(db, { data, actor: deps.actor(), file: file.split('/').pop() }));
          console.log(`${r.replaced ? 'replaced' : 'loaded'} ${r.year}: calendar covers ${r.calendar.range.from} … ${r.calendar.range.to}`);
        } catch (e) {
          fail(e);
        }
      });
  }
  return cal;
}

function fail(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  const extra = e instanceof InputRejectedError && e.problems.length ? `：${e.problems.map(formatProblem).join('；')}` : '';
  console.error(`bizenv: ${msg}${extra}`.replace(/\s*\n\s*/g, ' '));
  process.exitCode = 1;
}
