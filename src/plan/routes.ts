import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireRole } from '../auth/index.js';
import { InputRejectedError, type AppContext } from '../shared/index.js';
import { getPlanOutline, listMeasures, listPlans, listRevisions, listUnitDirectory, getPlanRow } from './plan-store.js';
import { exportLedgerXlsx, importLedgerXlsx } from './ledger-xlsx.js';
import { importUploadedPlan } from './upload.js';

const PlanId = Type.Object({ planId: Type.Integer({ minimum: 1 }) });
const MeasureQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: '措施全文检索词' })),
  unitId: Type.Optional(Type.Integer({ minimum: 1, description: '只看该单位牵头或负责的措施（本单位任务）' })),
});

/** The plan is a published document (此件公开发布): reading is public; changing it is the office's. */
export function planRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    app.get('/plans', { schema: { tags: ['plan'], summary: '计划列表' } }, async () => listPlans(ctx.db));

    app.post(
      '/plans',
      {
        preHandler: requireRole('office', 'admin'),
        schema: { tags: ['plan'], summary: '导入实施方案文件（.txt UTF-8/GB18030 或 .docx；同一文号再次导入生成新版本）', consumes: ['multipart/form-data'] },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传实施方案文件（.txt 或 .docx）');
        return importUploadedPlan(ctx.db, { fileName: file.filename, buffer: await file.toBuffer(), actor: req.user!.account });
      },
    );

    app.get('/plans/:planId', { schema: { tags: ['plan'], summary: '计划结构（部分、任务、措施）', params: PlanId } }, async (req) =>
      getPlanOutline(ctx.db, (req.params as Static<typeof PlanId>).planId),
    );

    app.get('/plans/:planId/revisions', { schema: { tags: ['plan'], summary: '计划修订历史', params: PlanId } }, async (req) =>
      listRevisions(ctx.db, (req.params as Static<typeof PlanId>).planId),
    );

    app.get(
      '/plans/:planId/measures',
      { schema: { tags: ['plan'], summary: '措施检索与按单位筛选', params: PlanId, querystring: MeasureQuery } },
      async (req) => {
        const { planId } = req.params as Static<typeof PlanId>;
        const { q, unitId } = req.query as Static<typeof MeasureQuery>;
        await getPlanRow(ctx.db, planId);
        return listMeasures(ctx.db, planId, { q: q?.trim() || undefined, unitId });
      },
    );

    const MeasureParams = Type.Object({ planId: Type.Integer({ minimum: 1 }), number: Type.Integer({ minimum: 1 }) });
    app.get('/plans/:planId/measures/:number', { schema: { tags: ['plan'], summary: '措施详情', params: MeasureParams } }, async (req, reply) => {
      const { planId, number } = req.params as Static<typeof MeasureParams>;
      const [m] = await listMeasures(ctx.db, planId, { number });
      if (!m) return reply.status(404).send({ error: { code: 'not_found', message: `未找到措施 ${number}`, details: null } });
      return m;
    });

    app.get(
      '/units',
      { schema: { tags: ['plan'], summary: '单位名录（含牵头和配合的措施）', querystring: Type.Object({ planId: Type.Optional(Type.Integer()) }) } },
      async (req) => listUnitDirectory(ctx.db, (req.query as { planId?: number }).planId),
    );

    app.get('/plans/:planId/ledger.xlsx', { schema: { tags: ['plan'], summary: '导出改革台账（Excel）', params: PlanId } }, async (req, reply) => {
      const { planId } = req.params as Static<typeof PlanId>;
      const { buffer, fileName } = await exportLedgerXlsx(ctx.db, planId);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
      return reply.send(buffer);
    });

    app.post(
      '/plans/:planId/ledger.xlsx',
      {
        preHandler: requireRole('office', 'admin'),
        schema: { tags: ['plan'], summary: '导入修改后的改革台账（整表校验，全部成功或全部不导入）', params: PlanId, consumes: ['multipart/form-data'] },
      },
      async (req) => {
        const { planId } = req.params as Static<typeof PlanId>;
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 Excel 文件（.xlsx）');
        const buffer = await file.toBuffer();
        return importLedgerXlsx(ctx.db, { planId, buffer, fileName: file.filename, actor: req.user!.account });
      },
    );
  };
}
