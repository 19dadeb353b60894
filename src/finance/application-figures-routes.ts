import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import { exportFileName, writeListXlsx, type ListColumn } from '../files/index.js';
import { InputRejectedError, publicRead, type AppContext } from '../shared/index.js';
import { assertFinanceReader } from './access.js';
import { FinanceFiguresOut, FinanceFiguresQuery, PublicFinanceFigures } from './application-api.js';
import { financeFigures, financeYears, type FinanceFigureRow } from './application-figures-store.js';
import { financeLimits } from './application-store.js';
import { FINANCE_FIGURE_DEFINITIONS, PERIOD_KIND_LABELS, periodOf, type Period, type PeriodKind } from './core/index.js';

const tags = ['finance'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const FileDownload = (description: string) => Type.Unsafe<Buffer>(Type.String({ format: 'binary', description }));

type Q = { year?: number; period?: PeriodKind; index?: number; asOf?: string };

async function figuresOf(db: AppContext['db'], q: Q) {
  const years = await financeYears(db);
  const year = q.year ?? years[0] ?? Number(chinaToday().slice(0, 4));
  const kind = q.period ?? 'year';
  const period: Period | null = periodOf(year, kind, kind === 'year' ? 1 : (q.index ?? 1));
  if (!period) throw new InputRejectedError('统计期有误', [{ field: 'index', message: kind === 'quarter' ? '季度应为 1–4' : '月份应为 1–12' }]);
  return { ...(await financeFigures(db, period, q.asOf ?? chinaToday())), years, definitions: FINANCE_FIGURE_DEFINITIONS };
}

const COLUMNS: Array<ListColumn<FinanceFigureRow>> = [
  { header: '发布需求', width: 10, kind: 'number', value: (r) => r.counts.needsPosted },
  { header: '匹配率（%）', width: 12, kind: 'number', value: (r) => r.matchRate },
  { header: '申请', width: 8, kind: 'number', value: (r) => r.counts.applied },
  { header: '按时受理率（%）', width: 16, kind: 'number', value: (r) => r.acceptOnTime },
  { header: '按时审批率（%）', width: 16, kind: 'number', value: (r) => r.decideOnTime },
  { header: '获批笔数', width: 10, kind: 'number', value: (r) => r.counts.approved },
  { header: '授信金额（万元）', width: 16, kind: 'number', value: (r) => r.counts.approvedAmount },
  { header: '放款笔数', width: 10, kind: 'number', value: (r) => r.counts.disbursed },
  { header: '放款金额（万元）', width: 16, kind: 'number', value: (r) => r.counts.disbursedAmount },
  { header: '未通过', width: 8, kind: 'number', value: (r) => r.counts.declined },
  { header: '平均审批用时（工作日）', width: 22, kind: 'number', value: (r) => r.avgDecisionDays },
  { header: '首贷笔数', width: 10, kind: 'number', value: (r) => r.counts.firstLoans },
  { header: '首贷占比（%）', width: 14, kind: 'number', value: (r) => r.firstLoanShare },
  { header: '无还本续贷笔数', width: 14, kind: 'number', value: (r) => r.counts.noRepaymentRenewals },
  { header: '小微企业占比（%）', width: 18, kind: 'number', value: (r) => r.smallMicroShare },
];

/** 融资对接统计 (区金融办 and leaders), its Excel export, and the public district totals. */
export function financeFigureRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole('office', 'admin', 'unit_staff', 'leader');
  return async (app) => {
    app.get(
      '/figures',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '融资对接统计（按银行、产品类型、行业、规模；月度、季度、年度）',
          querystring: FinanceFiguresQuery,
          response: { 200: FinanceFiguresOut },
        },
      },
      async (req) => {
        await assertFinanceReader(db, sessionUser(req));
        const l = await financeLimits(db);
        return { ...(await figuresOf(db, req.query)), targets: { acceptTarget: l.acceptTarget, decideTarget: l.decideTarget } };
      },
    );
    app.get(
      '/figures.xlsx',
      {
        preHandler: readers,
        schema: { tags, summary: '导出融资对接统计（Excel）', querystring: FinanceFiguresQuery, response: { 200: FileDownload('融资对接统计（.xlsx）') } },
      },
      async (req, reply) => {
        await assertFinanceReader(db, sessionUser(req));
        const f = await figuresOf(db, req.query);
        const rows = [
          { ...f.district, label: `全区｜${f.district.label}` },
          ...f.banks.map((r) => ({ ...r, label: `银行｜${r.label}` })),
          ...f.productTypes.map((r) => ({ ...r, label: `产品类型｜${r.label}` })),
          ...f.industries.map((r) => ({ ...r, label: `行业｜${r.label}` })),
          ...f.sizes.map((r) => ({ ...r, label: `规模｜${r.label}` })),
          ...f.months.map((r) => ({ ...r, label: `月份｜${r.label}` })),
        ];
        const title = `${f.period.label}渝中融融资对接统计`;
        const buffer = await writeListXlsx({
          sheet: '融资对接统计',
          title,
          filters: [
            `统计期：${f.period.label}（${PERIOD_KIND_LABELS[f.period.kind]}）`,
            `数据截至：${f.asOf}`,
            `未通过原因：${f.declineReasons.map((r) => `${r.label} ${r.count}`).join('；') || '无'}`,
          ],
          columns: [{ header: '分组', width: 30, value: (r) => r.label }, ...COLUMNS],
          rows,
        });
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(exportFileName(title)));
        return reply.send(buffer);
      },
    );
    // Public: district totals only — no bank, no enterprise, no industry or size group (a small group may name a firm).
    app.get(
      '/public/figures',
      {
        // District totals and months only: built from needs and applications (and the calendar's working days);
        // the registry's industry and size groups are left out of this answer, so the registry is no domain of it.
        ...publicRead(['finance', 'calendar']),
        schema: { tags, summary: '渝中融融资对接情况公开（全区合计）', querystring: FinanceFiguresQuery, response: { 200: PublicFinanceFigures } },
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
          months: f.months,
        };
      },
    );
  };
}
