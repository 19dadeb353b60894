import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorNamer, requireRole, sessionUser } from '../auth/index.js';
import { publicRead, type AppContext } from '../shared/index.js';
import {
  AddQuery,
  Between,
  BetweenQuery,
  Explanation,
  HolidayRows,
  TableQuery,
  YearDataBody,
  YearEntry,
  YearFormBody,
  YearLoaded,
  YearParams,
  YearView,
} from './api.js';
import { yearDataFromForm } from './core/year-form.js';
import { readNoticeTable } from './notice-file.js';
import { InputRejectedError } from '../shared/index.js';
import { listLoadedYears, loadCalendar, loadCalendarYear } from './store.js';

/** Public reading (the arrangement and deadlines are public information); loading a year is the office's. */
export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/years', { schema: { tags: ['calendar'], summary: '已有节假日安排的年份及其通知', response: { 200: Type.Array(YearEntry) } } }, async () => {
      const cal = await loadCalendar(ctx.db);
      const loadedRows = await listLoadedYears(ctx.db);
      const loaded = new Map(loadedRows.map((r) => [r.year, r]));
      const name = await actorNamer(
        ctx.db,
        loadedRows.map((r) => r.loadedBy),
      );
      const years: YearEntry[] = [];
      for (let y = Number(cal.range.from.slice(0, 4)); y <= Number(cal.range.to.slice(0, 4)); y++) {
        const data = cal.hasYear(y) ? cal.yearData(y) : undefined;
        if (data) years.push({ year: y, notice: data.notice, source: loaded.has(y) ? 'database' : 'bundled', loadedBy: name(loaded.get(y)?.loadedBy ?? null) });
      }
      return years;
    });

    app.get(
      '/year/:year',
      {
        ...publicRead(['calendar']),
        schema: { tags: ['calendar'], summary: '全年每日类型（工作日、周末、节假日、调休上班日）', params: YearParams, response: { 200: YearView } },
      },
      async (req) => {
        const { year } = req.params;
        const cal = await loadCalendar(ctx.db);
        const days = cal.yearDays(year); // CalendarDataMissingError (422) for a year without data
        const data = cal.yearData(year)!; // present: yearDays succeeded
        return { year, notice: data.notice, amendments: data.amendments ?? [], days };
      },
    );

    app.get(
      '/add',
      {
        ...publicRead(['calendar']),
        schema: {
          tags: ['calendar'],
          summary: '期限计算：自起算日起 N 个工作日或 N 日的届满日，并逐日说明',
          querystring: AddQuery,
          response: { 200: Explanation },
        },
      },
      async (req) => {
        const q = req.query;
        const cal = await loadCalendar(ctx.db);
        return cal.explainAdd(q.from, q.n, q.unit, { businessEndTime: q.businessEnd });
      },
    );

    app.get(
      '/between',
      {
        ...publicRead(['calendar']),
        schema: { tags: ['calendar'], summary: '两日之间经过的工作日数（起算日不计入）', querystring: BetweenQuery, response: { 200: Between } },
      },
      async (req) => {
        const { from, to } = req.query;
        const cal = await loadCalendar(ctx.db);
        return { from, to, workingDays: cal.workingDaysBetween(from, to) };
      },
    );

    app.post(
      '/years',
      {
        preHandler: requireRole('office', 'admin'),
        schema: { tags: ['calendar'], summary: '载入新一年的节假日安排（校验后入库并留痕）', body: YearDataBody, response: { 200: YearLoaded } },
      },
      async (req) => {
        const r = await loadCalendarYear(ctx.db, { data: req.body, actor: sessionUser(req).account });
        return { year: r.year, replaced: r.replaced };
      },
    );

    app.post(
      '/years/form',
      {
        preHandler: requireRole('office', 'admin'),
        schema: {
          tags: ['calendar'],
          summary: '按通知填写并载入一年的节假日安排（每个节日：放假首日、末日、调休上班日；问题指明第几项、哪一栏）',
          body: YearFormBody,
          response: { 200: YearLoaded },
        },
      },
      async (req) => {
        const { data, problems } = yearDataFromForm(req.body);
        if (!data) throw new InputRejectedError(`节假日安排有${problems.length}处问题，未载入`, problems);
        const r = await loadCalendarYear(ctx.db, { data, actor: sessionUser(req).account });
        return { year: r.year, replaced: r.replaced };
      },
    );

    app.post(
      '/years/table',
      {
        preHandler: requireRole('office', 'admin'),
        schema: {
          tags: ['calendar'],
          summary: '读取通知附表（.xlsx/.csv：节日、放假时间、调休上班日期）为表单各项，供核对后载入（不入库）',
          consumes: ['multipart/form-data'],
          querystring: TableQuery,
          response: { 200: HolidayRows },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传通知附表（.xlsx 或 .csv）');
        return readNoticeTable(file.filename, await file.toBuffer(), req.query.year);
      },
    );
  };
}
