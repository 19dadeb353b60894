import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { InputRejectedError, Ok, userRead, type AppContext } from '../shared/index.js';
import { attachment, XLSX_TYPE } from './download.js';
import { reportPage, reportsListXlsx } from './lists.js';
import { assertCanReadTaskOf, LEDGER_OFFICE, LEDGER_READ_DOMAINS, LEDGER_READERS, unitScope } from './access.js';
import {
  Cycle,
  CycleParams,
  CyclePatchBody,
  CyclesBody,
  CyclesCreated,
  EvidenceAdded,
  EvidenceParams,
  FileDownload,
  PlanParams,
  Report,
  ReportBody,
  ReportListQuery,
  ReportPage,
  ReportPageFilter,
  ReportPageQuery,
  ReportParams,
  ReportRow,
  ReportSubmitted,
  ReviewBody,
  TaskCycleParams,
} from './api.js';
import { addEvidence, createMonthlyCycles, getReport, listCycles, listReports, readEvidence, reviewReport, submitReport, updateCycle } from './report-store.js';

const tags = ['ledger'];

/** Reporting cycles, progress reports, their evidence and review. */
export function reportsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...LEDGER_READERS);
  const office = requireRole(...LEDGER_OFFICE);
  const unitOnly = requireRole('unit_staff');
  return async (app) => {
    app.get(
      '/plans/:planId/cycles',
      { preHandler: readers, schema: { tags, summary: '报送周期', params: PlanParams, response: { 200: Type.Array(Cycle) } } },
      async (req) => listCycles(db, req.params.planId),
    );
    app.post(
      '/plans/:planId/cycles',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '按月设置报送周期（截止日为次月第 N 个工作日，默认第 5 个）',
          params: PlanParams,
          body: CyclesBody,
          response: { 200: CyclesCreated },
        },
      },
      async (req) => createMonthlyCycles(db, sessionUser(req).account, req.params.planId, req.body),
    );
    app.patch(
      '/cycles/:cycleId',
      { preHandler: office, schema: { tags, summary: '修改报送周期', params: CycleParams, body: CyclePatchBody, response: { 200: Ok } } },
      async (req) => {
        await updateCycle(db, sessionUser(req).account, req.params.cycleId, req.body);
        return { ok: true as const };
      },
    );
    app.get(
      '/reports',
      { preHandler: readers, schema: { tags, summary: '进展报告列表', querystring: ReportListQuery, response: { 200: Type.Array(ReportRow) } } },
      async (req) => listReports(db, { ...req.query, unitIds: unitScope(sessionUser(req)) }),
    );
    app.get(
      '/report-list',
      {
        preHandler: readers,
        ...userRead(LEDGER_READ_DOMAINS),
        schema: {
          tags,
          summary: '进展报告列表（筛选、排序、分页；单位工作人员仅本单位）',
          querystring: ReportPageQuery,
          response: { 200: ReportPage },
        },
      },
      async (req) => reportPage(db, sessionUser(req), req.query),
    );
    app.get(
      '/report-list.xlsx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '导出进展报告列表（Excel，与列表相同的筛选和排序，全部页）',
          querystring: ReportPageFilter,
          response: { 200: FileDownload('进展报告列表（.xlsx）') },
        },
      },
      async (req, reply) => {
        const { buffer, fileName } = await reportsListXlsx(db, sessionUser(req), req.query);
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(fileName));
        return reply.send(buffer);
      },
    );
    app.get(
      '/reports/:reportId',
      { preHandler: readers, schema: { tags, summary: '进展报告（含各版本和审核意见）', params: ReportParams, response: { 200: Report } } },
      async (req) => {
        const report = await getReport(db, req.params.reportId);
        await assertCanReadTaskOf(db, sessionUser(req), report.taskId);
        return report;
      },
    );
    app.put(
      '/tasks/:taskId/reports/:cycleId',
      {
        preHandler: unitOnly,
        schema: { tags, summary: '报送（或重新报送）本期进展', params: TaskCycleParams, body: ReportBody, response: { 200: ReportSubmitted } },
      },
      async (req) => {
        const { taskId, cycleId } = req.params;
        const b = req.body;
        const content = { ...b, problems: b.problems ?? '', nextSteps: b.nextSteps ?? '', actuals: b.actuals ?? [] };
        return submitReport(db, sessionUser(req), { taskId, cycleId, content });
      },
    );
    app.post(
      '/reports/:reportId/evidence',
      {
        preHandler: unitOnly,
        schema: {
          tags,
          summary: '上传佐证材料（pdf/png/jpg/docx/xlsx/txt，10 MB 以内）',
          params: ReportParams,
          consumes: ['multipart/form-data'],
          response: { 200: EvidenceAdded },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请选择文件', [{ field: 'file', message: '必填' }]);
        const content = await file.toBuffer();
        return addEvidence(db, ctx.dataDir, sessionUser(req), req.params.reportId, { fileName: file.filename, content });
      },
    );
    app.get(
      '/evidence/:evidenceId',
      { preHandler: readers, schema: { tags, summary: '下载佐证材料', params: EvidenceParams, response: { 200: FileDownload('佐证材料文件') } } },
      async (req, reply) => {
        const e = await readEvidence(db, ctx.dataDir, req.params.evidenceId);
        // Unit staff read the evidence of their units' tasks only, as their reports.
        await assertCanReadTaskOf(db, sessionUser(req), e.taskId);
        reply.header('content-type', e.mime).header('content-disposition', attachment(e.fileName));
        return reply.send(e.content);
      },
    );
    app.post(
      '/reports/:reportId/review',
      { preHandler: office, schema: { tags, summary: '审核进展报告（通过或退回）', params: ReportParams, body: ReviewBody, response: { 200: Report } } },
      async (req) => {
        await reviewReport(db, sessionUser(req).account, req.params.reportId, req.body);
        return getReport(db, req.params.reportId);
      },
    );
  };
}
