import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorNamer, requireRole, sessionUser } from '../auth/index.js';
import { InputRejectedError, NotFoundError, publicRead, type AppContext } from '../shared/index.js';
import {
  ConfirmUnitBody,
  ImportStarted,
  MergeUnitBody,
  PlanPreview,
  UnitConfirmed,
  UnitMerged,
  UnitParams,
  UnitsToConfirm,
  LedgerXlsx,
  Measure,
  MeasureParams,
  MeasureQuery,
  Outline,
  PlanListItem,
  PlanAsOf,
  PlanAsOfBody,
  PlanParams,
  Revision,
  UnitDirectoryEntry,
  UnitsQuery,
} from './api.js';
import { exportLedgerXlsx } from './ledger-xlsx.js';
import { startLedgerImport, startPlanImport } from './import-job.js';
import { getPlan, getPlanOutline, listMeasures, listRevisions, listUnitDirectory, planList } from './plan-read.js';
import { previewUploadedPlan } from './upload.js';
import { confirmUnit, mergeUnit, planUnitsToConfirm } from './unit-merge.js';
import { planAsOf, setPlanAsOf } from './as-of.js';

/** The plan is a published document (此件公开发布): reading is public; changing it is the office's. */
export function planRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/plans', { ...publicRead(['plan']), schema: { tags: ['plan'], summary: '计划列表', response: { 200: Type.Array(PlanListItem) } } }, async () =>
      planList(ctx.db),
    );

    app.post(
      '/plans',
      {
        preHandler: requireRole('office', 'admin'),
        schema: {
          tags: ['plan'],
          summary: '导入实施方案文件（.txt UTF-8/GB18030 或 .docx；立即解析，无法解析即返回 400；通过后在后台写入，返回运行编号；同一文号再次导入生成新版本）',
          consumes: ['multipart/form-data'],
          response: { 202: ImportStarted },
        },
      },
      async (req, reply) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传实施方案文件（.txt 或 .docx）');
        const user = sessionUser(req);
        const started = await startPlanImport(ctx.db, ctx.dataDir, {
          fileName: file.filename,
          buffer: await file.toBuffer(),
          by: { id: user.id, account: user.account },
        });
        return reply.code(202).send(started);
      },
    );

    app.post(
      '/plans/preview',
      {
        preHandler: requireRole('office', 'admin'),
        schema: {
          tags: ['plan'],
          summary: '预览实施方案文件（只解析不写入：标题、文号、年度、条数、解析提示、待确认单位）',
          consumes: ['multipart/form-data'],
          response: { 200: PlanPreview },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传实施方案文件（.txt 或 .docx）');
        return previewUploadedPlan(ctx.db, { fileName: file.filename, buffer: await file.toBuffer() });
      },
    );

    app.get(
      '/plans/:planId/units-to-confirm',
      {
        preHandler: requireRole('office', 'admin'),
        schema: { tags: ['plan'], summary: '方案中待确认的单位（导入时新增、尚未确认或合并）', params: PlanParams, response: { 200: UnitsToConfirm } },
      },
      async (req) => planUnitsToConfirm(ctx.db, req.params.planId),
    );

    app.post(
      '/units/:unitId/confirm',
      {
        preHandler: requireRole('office', 'admin'),
        schema: { tags: ['plan'], summary: '确认为新单位（选择单位类别）', params: UnitParams, body: ConfirmUnitBody, response: { 200: UnitConfirmed } },
      },
      async (req) => confirmUnit(ctx.db, sessionUser(req), req.params.unitId, req.body.kind),
    );

    app.post(
      '/units/:unitId/merge',
      {
        preHandler: requireRole('office', 'admin'),
        schema: {
          tags: ['plan'],
          summary: '合并到已有单位（名称记为该单位的别名，引用全部迁移，留痕）',
          params: UnitParams,
          body: MergeUnitBody,
          response: { 200: UnitMerged },
        },
      },
      async (req) => mergeUnit(ctx.db, sessionUser(req), req.params.unitId, req.body.intoUnitId),
    );

    app.get(
      '/plans/:planId',
      { ...publicRead(['plan', 'units']), schema: { tags: ['plan'], summary: '计划结构（部分、任务、措施）', params: PlanParams, response: { 200: Outline } } },
      async (req) => getPlanOutline(ctx.db, req.params.planId),
    );

    app.get(
      '/plans/:planId/as-of',
      {
        ...publicRead(['plan']),
        schema: { tags: ['plan'], summary: '数据截至日期（各页面统一显示该日的数据）', params: PlanParams, response: { 200: PlanAsOf } },
      },
      async (req) => planAsOf(ctx.db, req.params.planId),
    );

    app.put(
      '/plans/:planId/as-of',
      {
        preHandler: requireRole('office', 'admin'),
        schema: { tags: ['plan'], summary: '营商办指定数据截至日期（null 恢复默认）', params: PlanParams, body: PlanAsOfBody, response: { 200: PlanAsOf } },
      },
      // An empty date clears the choice too (a cleared date field; the validator may also coerce null to '').
      async (req) => setPlanAsOf(ctx.db, sessionUser(req), req.params.planId, req.body.asOf || null),
    );

    app.get(
      '/plans/:planId/revisions',
      { schema: { tags: ['plan'], summary: '计划修订历史', params: PlanParams, response: { 200: Type.Array(Revision) } } },
      async (req) => {
        const revisions = await listRevisions(ctx.db, req.params.planId);
        const name = await actorNamer(
          ctx.db,
          revisions.map((r) => r.imported_by),
        );
        return revisions.map((r) => ({ ...r, imported_by: name(r.imported_by) }));
      },
    );

    app.get(
      '/plans/:planId/measures',
      {
        ...publicRead(['plan', 'units']),
        schema: { tags: ['plan'], summary: '措施检索与按单位筛选', params: PlanParams, querystring: MeasureQuery, response: { 200: Type.Array(Measure) } },
      },
      async (req) => {
        const { planId } = req.params;
        const { q, unitId } = req.query;
        await getPlan(ctx.db, planId);
        return listMeasures(ctx.db, planId, { q: q?.trim() || undefined, unitId });
      },
    );

    app.get(
      '/plans/:planId/measures/:number',
      { ...publicRead(['plan', 'units']), schema: { tags: ['plan'], summary: '措施详情', params: MeasureParams, response: { 200: Measure } } },
      async (req) => {
        const { planId, number } = req.params;
        const [m] = await listMeasures(ctx.db, planId, { number });
        if (!m) throw new NotFoundError(`措施 ${number}`);
        return m;
      },
    );

    app.get(
      '/units',
      {
        ...publicRead(['plan', 'units']),
        schema: { tags: ['plan'], summary: '单位名录（含牵头和配合的措施）', querystring: UnitsQuery, response: { 200: Type.Array(UnitDirectoryEntry) } },
      },
      async (req) => listUnitDirectory(ctx.db, req.query.planId),
    );

    app.get(
      '/plans/:planId/ledger.xlsx',
      { schema: { tags: ['plan'], summary: '导出改革台账（Excel）', params: PlanParams, response: { 200: LedgerXlsx } } },
      async (req, reply) => {
        const { buffer, fileName } = await exportLedgerXlsx(ctx.db, req.params.planId);
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
        return reply.send(buffer);
      },
    );

    app.post(
      '/plans/:planId/ledger.xlsx',
      {
        preHandler: requireRole('office', 'admin'),
        schema: {
          tags: ['plan'],
          summary: '导入修改后的改革台账（立即整表校验，有错即返回 400；通过后在后台写入，返回运行编号；全部成功或全部不导入）',
          params: PlanParams,
          consumes: ['multipart/form-data'],
          response: { 202: ImportStarted },
        },
      },
      async (req, reply) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 Excel 文件（.xlsx）');
        const user = sessionUser(req);
        const started = await startLedgerImport(ctx.db, ctx.dataDir, {
          planId: req.params.planId,
          buffer: await file.toBuffer(),
          fileName: file.filename,
          by: { id: user.id, account: user.account },
        });
        return reply.code(202).send(started);
      },
    );
  };
}
