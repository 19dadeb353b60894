import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import { exportFileName, writeListXlsx, type ListColumn } from '../files/index.js';
import { InputRejectedError, publicRead, type AppContext } from '../shared/index.js';
import { FIGURE_READERS } from './access.js';
import { requestBulletin, requestBulletinDocx } from './bulletin.js';
import { FIGURE_DEFINITIONS, HOTSPOT_DEFINITIONS, PERIOD_KIND_LABELS, periodOf, type Period, type PeriodKind } from './core/index.js';
import { Figures, FiguresQuery, PublicFigures, RequestBulletin } from './figures-api.js';
import { requestFigures, requestYears, type FigureRow } from './figures-store.js';

const tags = ['requests'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const FileDownload = (description: string) => Type.Unsafe<Buffer>(Type.String({ format: 'binary', description }));

/** The period asked for; defaults: the latest year with requests (else this year), the whole year. */
async function periodAndYears(db: AppContext['db'], q: { year?: number; period?: PeriodKind; index?: number }): Promise<{ period: Period; years: number[] }> {
  const years = await requestYears(db);
  const year = q.year ?? years[0] ?? Number(chinaToday().slice(0, 4));
  const kind = q.period ?? 'year';
  const period = periodOf(year, kind, kind === 'year' ? 1 : (q.index ?? 1));
  if (!period) throw new InputRejectedError('统计期有误', [{ field: 'index', message: kind === 'quarter' ? '季度应为 1–4' : '月份应为 1–12' }]);
  return { period, years };
}

async function figuresOf(db: AppContext['db'], q: { year?: number; period?: PeriodKind; index?: number; asOf?: string }) {
  const { period, years } = await periodAndYears(db, q);
  return { ...(await requestFigures(db, period, q.asOf ?? chinaToday())), years, definitions: FIGURE_DEFINITIONS, hotDefinitions: HOTSPOT_DEFINITIONS };
}

const COLUMNS: Array<ListColumn<FigureRow>> = [
  { header: '受理量', width: 10, kind: 'number', value: (r) => r.received },
  { header: '按时签收率（%）', width: 16, kind: 'number', value: (r) => r.signOnTime },
  { header: '办结率（%）', width: 12, kind: 'number', value: (r) => r.closed },
  { header: '按时办结率（%）', width: 16, kind: 'number', value: (r) => r.answerOnTime },
  { header: '满意率（%）', width: 12, kind: 'number', value: (r) => r.satisfied },
  { header: '重办率（%）', width: 12, kind: 'number', value: (r) => r.reopened },
  { header: '退单率（%）', width: 12, kind: 'number', value: (r) => r.returned },
  { header: '平均答复用时（工作日）', width: 22, kind: 'number', value: (r) => r.avgAnswerDays },
];

/** 诉求办理统计 (office, admin, leaders), its Excel export, the 诉求办理通报, and the public district figures. */
export function figureRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...FIGURE_READERS);
  return async (app) => {
    app.get(
      '/figures',
      {
        preHandler: readers,
        schema: { tags, summary: '诉求办理统计（按单位、类别、渠道；月度、季度、年度）', querystring: FiguresQuery, response: { 200: Figures } },
      },
      async (req) => figuresOf(db, req.query),
    );
    app.get(
      '/figures.xlsx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '导出诉求办理统计（Excel：全区、各单位、各类别、各渠道）',
          querystring: FiguresQuery,
          response: { 200: FileDownload('诉求办理统计（.xlsx）') },
        },
      },
      async (req, reply) => {
        const f = await figuresOf(db, req.query);
        const rows = [
          { ...f.district, label: `全区｜${f.district.label}` },
          ...f.units.map((r) => ({ ...r, label: `单位｜${r.label}` })),
          ...f.categories.map((r) => ({ ...r, label: `类别｜${r.label}` })),
          ...f.channels.map((r) => ({ ...r, label: `渠道｜${r.label}` })),
        ];
        const title = `${f.period.label}企业诉求办理统计`;
        const buffer = await writeListXlsx({
          sheet: '诉求办理统计',
          title,
          filters: [`统计期：${f.period.label}（${PERIOD_KIND_LABELS[f.period.kind]}）`, `数据截至：${f.asOf}`],
          columns: [{ header: '分组', width: 28, value: (r) => r.label }, ...COLUMNS],
          rows,
        });
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(exportFileName(title)));
        return reply.send(buffer);
      },
    );
    app.get(
      '/bulletin',
      { preHandler: readers, schema: { tags, summary: '诉求办理通报（按统计期实时汇总）', querystring: FiguresQuery, response: { 200: RequestBulletin } } },
      async (req) => requestBulletin(db, (await periodAndYears(db, req.query)).period, req.query.asOf ?? chinaToday()),
    );
    app.get(
      '/bulletin.docx',
      {
        preHandler: readers,
        schema: { tags, summary: '诉求办理通报（Word 文档）', querystring: FiguresQuery, response: { 200: FileDownload('诉求办理通报（.docx）') } },
      },
      async (req, reply) => {
        const b = await requestBulletin(db, (await periodAndYears(db, req.query)).period, req.query.asOf ?? chinaToday());
        reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(`${b.title}.docx`));
        return reply.send(await requestBulletinDocx(b));
      },
    );
    // Public: district figures only — no unit, no keyword (a subject may name a firm or a person), no enterprise.
    app.get(
      '/public/figures',
      {
        ...publicRead(['requests', 'calendar', 'units']),
        schema: { tags, summary: '企业诉求办理情况公开（全区数据）', querystring: FiguresQuery, response: { 200: PublicFigures } },
      },
      async (req) => {
        const f = await figuresOf(db, req.query);
        return {
          period: f.period,
          previous: f.previous,
          asOf: f.asOf,
          years: f.years,
          definitions: f.definitions,
          district: f.district,
          districtPrevious: f.districtPrevious,
          categories: f.categories,
          channels: f.channels,
          months: f.months,
          hotCategories: f.hotCategories,
          hotDefinitions: f.hotDefinitions.filter((d) => d.key === 'hotCategories'),
        };
      },
    );
  };
}
