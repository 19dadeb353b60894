import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireLogin, requireRole, sessionUser, STAFF_ROLES } from '../auth/index.js';
import { IdParams, InputRejectedError, type AppContext } from '../shared/index.js';
import {
  CodeParams,
  CreditCodeCheck,
  EnterpriseBody,
  EnterpriseList,
  EnterpriseView,
  FileDownload,
  ImportStarted,
  ExportQuery,
  ListQuery,
  Reference,
  SizeQuery,
  SizeResult,
} from './api.js';
import {
  checkCreditCode,
  classifySize,
  CREDIT_GRADES,
  DIVISIONS,
  ENTERPRISE_EDITORS,
  ENTERPRISE_IMPORTERS,
  QUALIFICATION_TAGS,
  SECTIONS,
} from './core/index.js';
import { assertCanSee, createEnterprise, describeEnterprise, getEnterprise, listEnterprises, ownEnterpriseId, updateEnterpriseAs } from './enterprise-store.js';
import { importTemplateXlsx } from './import.js';
import { startEnterpriseImport } from './import-job.js';
import { exportEnterprisesXlsx } from './list-export.js';

const tags = ['enterprises'];

export function enterpriseRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/reference', { schema: { tags, summary: '行业分类（GB/T 4754-2017 门类/大类）、资质、信用等级', response: { 200: Reference } } }, async () => ({
      sections: SECTIONS,
      divisions: DIVISIONS,
      qualificationTags: QUALIFICATION_TAGS,
      creditGrades: CREDIT_GRADES,
    }));

    app.get(
      '/check-code/:code',
      { schema: { tags, summary: '校验统一社会信用代码（GB 32100-2015）', params: CodeParams, response: { 200: CreditCodeCheck } } },
      async (req) => checkCreditCode(req.params.code),
    );

    app.get(
      '/size',
      { schema: { tags, summary: '企业规模划分（统计上大中小微型企业划分办法（2017））', querystring: SizeQuery, response: { 200: SizeResult } } },
      async (req) => classifySize(req.query),
    );

    app.get(
      '/',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags, summary: '企业列表（工作人员）', querystring: ListQuery, response: { 200: EnterpriseList } } },
      async (req) => listEnterprises(ctx.db, req.query),
    );

    app.get(
      '/export.xlsx',
      {
        preHandler: requireRole(...STAFF_ROLES),
        schema: {
          tags,
          summary: '导出企业列表（Excel，与列表相同的筛选和排序，全部页）',
          querystring: ExportQuery,
          response: { 200: FileDownload('企业列表.xlsx') },
        },
      },
      async (req, reply) => {
        const { buffer, fileName } = await exportEnterprisesXlsx(ctx.db, req.query);
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
        return reply.send(buffer);
      },
    );

    app.get(
      '/mine',
      { preHandler: requireRole('enterprise'), schema: { tags, summary: '本企业档案（企业账号）', response: { 200: EnterpriseView } } },
      async (req) => describeEnterprise(await getEnterprise(ctx.db, ownEnterpriseId(sessionUser(req)))),
    );

    app.get(
      '/:id',
      { preHandler: requireLogin, schema: { tags, summary: '企业档案（含规模划分说明）', params: IdParams, response: { 200: EnterpriseView } } },
      async (req) => {
        assertCanSee(sessionUser(req), req.params.id);
        return describeEnterprise(await getEnterprise(ctx.db, req.params.id));
      },
    );

    app.post(
      '/',
      { preHandler: requireRole(...ENTERPRISE_EDITORS), schema: { tags, summary: '登记企业', body: EnterpriseBody, response: { 200: EnterpriseView } } },
      async (req) => describeEnterprise(await createEnterprise(ctx.db, req.body, sessionUser(req).account)),
    );

    app.put(
      '/:id',
      {
        preHandler: requireRole(...ENTERPRISE_EDITORS, 'enterprise'),
        schema: {
          tags,
          summary: '修改企业档案（企业只能改本企业，信用代码和信用等级除外）',
          params: IdParams,
          body: EnterpriseBody,
          response: { 200: EnterpriseView },
        },
      },
      async (req) => describeEnterprise(await updateEnterpriseAs(ctx.db, sessionUser(req), req.params.id, req.body)),
    );

    app.get(
      '/import-template.xlsx',
      {
        preHandler: requireRole(...STAFF_ROLES),
        schema: { tags, summary: '企业导入模板', response: { 200: FileDownload('企业导入模板.xlsx') } },
      },
      async (_req, reply) => {
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('企业导入模板.xlsx')}`);
        return reply.send(await importTemplateXlsx());
      },
    );

    app.post(
      '/import',
      {
        preHandler: requireRole(...ENTERPRISE_IMPORTERS),
        schema: {
          tags,
          summary: '从 CSV/XLSX 导入企业（立即整表校验，有错即返回 400；通过后在后台写入，返回运行编号；全部成功或全部不导入；按信用代码幂等）',
          consumes: ['multipart/form-data'],
          response: { 202: ImportStarted },
        },
      },
      async (req, reply) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        const user = sessionUser(req);
        const started = await startEnterpriseImport(ctx.db, ctx.dataDir, {
          fileName: file.filename,
          buffer: await file.toBuffer(),
          by: { id: user.id, account: user.account },
        });
        return reply.code(202).send(started);
      },
    );
  };
}
