import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser, STAFF_ROLES } from '../auth/index.js';
import { IdParams, InputRejectedError, Ok, type AppContext } from '../shared/index.js';
import { ApplicationBody, ApplicationsImported, FileDownload, Funnel, FunnelSummary } from './api.js';
import { notAppliedXlsx } from './funnel-export.js';
import { importApplications } from './applications-import.js';
import { funnel, funnelSummary, recordApplication } from './matching.js';
import { EDIT, tags } from './route-common.js';

/** 应享尽享: the funnel from eligible to granted, and the applications recorded or imported. */
export function applicationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/funnel',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags, summary: '应享尽享：各政策事项的符合、申报、兑现情况', response: { 200: FunnelSummary } } },
      async () => funnelSummary(ctx.db),
    );

    app.get(
      '/items/:id/funnel',
      {
        preHandler: requireRole(...STAFF_ROLES),
        schema: { tags, summary: '应享尽享漏斗（符合→推送→阅读→申报→兑现）与未申报企业', params: IdParams, response: { 200: Funnel } },
      },
      async (req) => funnel(ctx.db, req.params.id),
    );

    app.get(
      '/items/:id/not-applied.xlsx',
      {
        preHandler: requireRole(...STAFF_ROLES),
        schema: { tags, summary: '导出符合条件但未申报的企业（Excel）', params: IdParams, response: { 200: FileDownload('未申报企业.xlsx') } },
      },
      async (req, reply) => {
        const { buffer, fileName } = await notAppliedXlsx(ctx.db, req.params.id);
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
        return reply.send(buffer);
      },
    );

    app.post(
      '/applications/import',
      {
        preHandler: requireRole(...EDIT),
        schema: {
          tags,
          summary: '导入申报/兑现记录（CSV/XLSX，整表校验，全部成功或全部不导入）',
          consumes: ['multipart/form-data'],
          response: { 200: ApplicationsImported },
        },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        return importApplications(ctx.db, { fileName: file.filename, buffer: await file.toBuffer(), actor: sessionUser(req).account });
      },
    );

    app.post(
      '/items/:id/applications',
      { preHandler: requireRole(...EDIT), schema: { tags, summary: '登记申报或兑现', params: IdParams, body: ApplicationBody, response: { 200: Ok } } },
      async (req) => {
        const b = req.body;
        await recordApplication(
          ctx.db,
          { ...b, itemId: req.params.id, appliedOn: b.appliedOn || null, grantedOn: b.grantedOn || null },
          sessionUser(req).account,
        );
        return { ok: true as const };
      },
    );
  };
}
