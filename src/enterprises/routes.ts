import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireLogin, requireRole, STAFF_ROLES, type SessionUser } from '../auth/index.js';
import { ForbiddenError, InputRejectedError, type AppContext } from '../shared/index.js';
import { checkCreditCode, classifySize, CREDIT_GRADES, DIVISIONS, QUALIFICATION_TAGS, SECTIONS, type EnterpriseInput } from './core/index.js';
import { createEnterprise, describeEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprise-store.js';
import { importEnterpriseFile, importTemplateXlsx } from './import.js';

const Num = Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()]));
const Str = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()]));
export const EnterpriseBody = Type.Object({
  creditCode: Type.String({ maxLength: 40 }),
  name: Type.String({ maxLength: 200 }),
  legalForm: Str,
  registeredOn: Str,
  registeredCapital: Num,
  street: Str,
  industryCode: Str,
  employees: Num,
  revenue: Num,
  assets: Num,
  rdRatio: Num,
  creditGrade: Str,
  qualifications: Type.Optional(
    Type.Array(Type.Object({ tag: Type.String({ maxLength: 100 }), validFrom: Str, validTo: Str, certificateNo: Str }), { maxItems: 50 }),
  ),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const EDIT_ROLES = ['office', 'unit_staff', 'admin'] as const;

/** Staff see every firm; an enterprise account sees only its own (anything else is "forbidden"). */
export function assertCanSee(user: SessionUser, enterpriseId: number): void {
  if (user.role === 'enterprise' && user.enterpriseId !== enterpriseId) throw new ForbiddenError('企业账号只能查看本企业的信息');
}

export function enterpriseRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    app.get('/reference', { schema: { tags: ['enterprises'], summary: '行业分类（GB/T 4754-2017 门类/大类）、资质、信用等级' } }, async () => ({
      sections: SECTIONS,
      divisions: DIVISIONS,
      qualificationTags: QUALIFICATION_TAGS,
      creditGrades: CREDIT_GRADES,
    }));

    const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
    app.get('/check-code/:code', { schema: { tags: ['enterprises'], summary: '校验统一社会信用代码（GB 32100-2015）', params: CodeParams } }, async (req) =>
      checkCreditCode((req.params as Static<typeof CodeParams>).code),
    );

    const SizeQuery = Type.Object({
      industry: Type.String({ maxLength: 10 }),
      employees: Type.Optional(Type.Number({ minimum: 0 })),
      revenue: Type.Optional(Type.Number({ minimum: 0 })),
      assets: Type.Optional(Type.Number({ minimum: 0 })),
    });
    app.get(
      '/size',
      { schema: { tags: ['enterprises'], summary: '企业规模划分（统计上大中小微型企业划分办法（2017））', querystring: SizeQuery } },
      async (req) => classifySize(req.query as Static<typeof SizeQuery>),
    );

    const ListQuery = Type.Object({
      q: Type.Optional(Type.String({ maxLength: 100 })),
      street: Type.Optional(Type.String()),
      size: Type.Optional(Type.String()),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      offset: Type.Optional(Type.Integer({ minimum: 0 })),
    });
    app.get(
      '/',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags: ['enterprises'], summary: '企业列表（工作人员）', querystring: ListQuery } },
      async (req) => listEnterprises(ctx.db, req.query as Static<typeof ListQuery>),
    );

    app.get('/mine', { preHandler: requireRole('enterprise'), schema: { tags: ['enterprises'], summary: '本企业档案（企业账号）' } }, async (req) => {
      if (!req.user!.enterpriseId) throw new ForbiddenError('该企业账号未关联企业');
      return describeEnterprise(await getEnterprise(ctx.db, req.user!.enterpriseId));
    });

    app.get('/:id', { preHandler: requireLogin, schema: { tags: ['enterprises'], summary: '企业档案（含规模划分说明）', params: IdParams } }, async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      assertCanSee(req.user!, id);
      return describeEnterprise(await getEnterprise(ctx.db, id));
    });

    app.post('/', { preHandler: requireRole(...EDIT_ROLES), schema: { tags: ['enterprises'], summary: '登记企业', body: EnterpriseBody } }, async (req) =>
      describeEnterprise(await createEnterprise(ctx.db, req.body as EnterpriseInput, req.user!.account)),
    );

    app.put(
      '/:id',
      {
        preHandler: requireRole(...EDIT_ROLES, 'enterprise'),
        schema: { tags: ['enterprises'], summary: '修改企业档案（企业只能改本企业，信用代码和信用等级除外）', params: IdParams, body: EnterpriseBody },
      },
      async (req: FastifyRequest) => {
        const { id } = req.params as Static<typeof IdParams>;
        assertCanSee(req.user!, id);
        const keep: Array<keyof EnterpriseInput> = req.user!.role === 'enterprise' ? ['creditCode', 'creditGrade'] : [];
        return describeEnterprise(await updateEnterprise(ctx.db, id, req.body as EnterpriseInput, req.user!.account, keep));
      },
    );

    app.get(
      '/import-template.xlsx',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags: ['enterprises'], summary: '企业导入模板' } },
      async (_req, reply) => {
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('企业导入模板.xlsx')}`);
        return reply.send(await importTemplateXlsx());
      },
    );

    app.post(
      '/import',
      {
        preHandler: requireRole('office', 'admin'),
        schema: { tags: ['enterprises'], summary: '从 CSV/XLSX 导入企业（整表校验，全部成功或全部不导入；按信用代码幂等）', consumes: ['multipart/form-data'] },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        return importEnterpriseFile(ctx.db, { fileName: file.filename, buffer: await file.toBuffer(), actor: req.user!.account });
      },
    );
  };
}
