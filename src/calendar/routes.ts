import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireRole } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { listLoadedYears, loadCalendar, loadCalendarYear } from './store.js';

const AddQuery = Type.Object({
  from: Type.String({ description: '起算日（触发事件当日，YYYY-MM-DD），不计入期间' }),
  n: Type.Integer({ minimum: 0, maximum: 3660 }),
  unit: Type.Union([Type.Literal('workday'), Type.Literal('day')], { description: 'workday：工作日；day：自然日（末日顺延规则）' }),
  businessEnd: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: '有业务时间的，停止业务活动的时间（民法典第二百零三条）' })),
});
const BetweenQuery = Type.Object({ from: Type.String(), to: Type.String() });
const YearParams = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2200 }) });

/** Public reading (the arrangement and deadlines are public information); loading a year is the office's. */
export function calendarRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    app.get('/years', { schema: { tags: ['calendar'], summary: '已有节假日安排的年份及其通知' } }, async () => {
      const cal = await loadCalendar(ctx.db);
      const loaded = new Map((await listLoadedYears(ctx.db)).map((r) => [r.year, r]));
      const years: number[] = [];
      for (let y = Number(cal.range.from.slice(0, 4)); y <= Number(cal.range.to.slice(0, 4)); y++) if (cal.hasYear(y)) years.push(y);
      return years.map((y) => ({ year: y, notice: cal.yearData(y)!.notice, source: loaded.has(y) ? 'database' : 'bundled', loadedBy: loaded.get(y)?.loadedBy ?? null }));
    });

    app.get('/year/:year', { schema: { tags: ['calendar'], summary: '全年每日类型（工作日、周末、节假日、调休上班日）', params: YearParams } }, async (req) => {
      const { year } = req.params as Static<typeof YearParams>;
      const cal = await loadCalendar(ctx.db);
      const days = cal.yearDays(year); // CalendarDataMissingError (422) for a year without data
      const data = cal.yearData(year)!;
      return { year, notice: data.notice, amendments: data.amendments ?? [], days };
    });

    app.get('/add', { schema: { tags: ['calendar'], summary: '期限计算：自起算日起 N 个工作日或 N 日的届满日，并逐日说明', querystring: AddQuery } }, async (req) => {
      const q = req.query as Static<typeof AddQuery>;
      const cal = await loadCalendar(ctx.db);
      return cal.explainAdd(q.from, q.n, q.unit, { businessEndTime: q.businessEnd });
    });

    app.get('/between', { schema: { tags: ['calendar'], summary: '两日之间经过的工作日数（起算日不计入）', querystring: BetweenQuery } }, async (req) => {
      const q = req.query as Static<typeof BetweenQuery>;
      const cal = await loadCalendar(ctx.db);
      return { from: q.from, to: q.to, workingDays: cal.workingDaysBetween(q.from, q.to) };
    });

    app.post('/years', {
      preHandler: requireRole('office', 'admin'),
      schema: { tags: ['calendar'], summary: '载入新一年的节假日安排（校验后入库并留痕）', body: Type.Object({}, { additionalProperties: true }) },
    }, async (req) => {
      const r = await loadCalendarYear(ctx.db, { data: req.body, actor: req.user!.account });
      return { year: r.year, replaced: r.replaced };
    });
  };
}
