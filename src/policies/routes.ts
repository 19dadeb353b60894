import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireLogin, requireRole, STAFF_ROLES } from '../auth/index.js';
import { assertCanSee, getEnterprise } from '../enterprises/index.js';
import { ForbiddenError, InputRejectedError, type AppContext } from '../shared/index.js';
import type { AmountRule, Condition, Profile, RuleTestCase } from './core/index.js';
import {
  activeRules,
  addRuleVersion,
  calculate,
  funnel,
  funnelSummary,
  matchAndPush,
  previewRule,
  publishRuleVersion,
  recordApplication,
  setTestCases,
  today,
  toProfile,
} from './matching.js';
import { importApplications } from './applications-import.js';
import {
  addAttachment,
  readAttachment,
  createPolicy,
  getPolicy,
  ITEM_KINDS,
  policyFacets,
  searchPolicies,
  setPolicyStatus,
  updatePolicy,
  type PolicyInput,
} from './policy-store.js';

const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const OptDate = Type.Optional(Type.Union([Date_, Type.Null(), Type.Literal('')]));
const PolicyBody = Type.Object({
  title: Type.String({ maxLength: 300 }),
  docNumber: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  issuer: Type.String({ maxLength: 200 }),
  publishedOn: OptDate,
  validFrom: OptDate,
  validTo: OptDate,
  body: Type.Optional(Type.String({ maxLength: 200000 })),
  interpretation: Type.Optional(Type.String({ maxLength: 100000 })),
  topics: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 30 })),
  attachments: Type.Optional(Type.Array(Type.Object({ name: Type.String(), url: Type.String() }), { maxItems: 30 })),
  items: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Optional(Type.Integer()),
        name: Type.String({ maxLength: 200 }),
        kind: Type.String(),
        amountText: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
        description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
      }),
      { maxItems: 50 },
    ),
  ),
});
// Conditions and amounts are checked by validateCondition (recursive shapes are awkward in JSON Schema).
const RuleBody = Type.Object({ condition: Type.Any(), amount: Type.Optional(Type.Any()), effectiveFrom: Date_, effectiveTo: OptDate });
const ProfileSchema = Type.Object({
  street: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  industryCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  sizeClass: Type.Optional(Type.Union([Type.Union(['大型', '中型', '小型', '微型'].map((s) => Type.Literal(s))), Type.Null()])),
  registeredOn: Type.Optional(Type.Union([Date_, Type.Null()])),
  registeredCapital: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  revenue: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  employees: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  assets: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  rdRatio: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  creditGrade: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  legalForm: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  qualifications: Type.Optional(
    Type.Union([
      Type.Array(
        Type.Object({
          tag: Type.String(),
          validFrom: Type.Optional(Type.Union([Date_, Type.Null()])),
          validTo: Type.Optional(Type.Union([Date_, Type.Null()])),
        }),
      ),
      Type.Null(),
    ]),
  ),
});
const TestCaseSchema = Type.Object({
  name: Type.String({ maxLength: 200 }),
  asOf: Date_,
  profile: ProfileSchema,
  expected: Type.Union([Type.Literal('eligible'), Type.Literal('not_eligible'), Type.Literal('unknown')]),
  expectedAmount: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const EDIT = ['office', 'unit_staff', 'admin'] as const;
const PUBLISH = ['office', 'admin'] as const;
const isStaff = (role?: string) => !!role && (STAFF_ROLES as string[]).includes(role);
const blankToNull = (p: PolicyInput): PolicyInput => ({ ...p, publishedOn: p.publishedOn || null, validFrom: p.validFrom || null, validTo: p.validTo || null });

export function policyRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const SearchQuery = Type.Object({
      q: Type.Optional(Type.String({ maxLength: 100 })),
      issuer: Type.Optional(Type.String()),
      topic: Type.Optional(Type.String()),
      valid: Type.Optional(Type.Boolean({ description: '只看仍有效的政策' })),
      all: Type.Optional(Type.Boolean({ description: '含草稿和已废止（工作人员）' })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      offset: Type.Optional(Type.Integer({ minimum: 0 })),
    });
    app.get('/', { schema: { tags: ['policies'], summary: '政策检索（中文分词、排序、高亮摘要、筛选）', querystring: SearchQuery } }, async (req) => {
      const q = req.query as Static<typeof SearchQuery>;
      return searchPolicies(ctx.db, {
        q: q.q?.trim() || undefined,
        issuer: q.issuer,
        topic: q.topic,
        validOn: q.valid ? today() : undefined,
        status: q.all && isStaff(req.user?.role) ? 'all' : 'published',
        limit: q.limit,
        offset: q.offset,
      });
    });
    app.get('/facets', { schema: { tags: ['policies'], summary: '发文单位与主题（筛选项）' } }, async () => ({
      ...(await policyFacets(ctx.db)),
      itemKinds: ITEM_KINDS,
    }));

    app.get('/:id', { schema: { tags: ['policies'], summary: '政策详情（含事项与适用规则）', params: Id } }, async (req) =>
      getPolicy(ctx.db, (req.params as Static<typeof Id>).id, { staff: isStaff(req.user?.role) }),
    );

    app.post('/', { preHandler: requireRole(...EDIT), schema: { tags: ['policies'], summary: '新建政策（草稿）', body: PolicyBody } }, async (req) => {
      const id = await createPolicy(ctx.db, blankToNull(req.body as PolicyInput), req.user!.account);
      return getPolicy(ctx.db, id, { staff: true });
    });
    app.put('/:id', { preHandler: requireRole(...EDIT), schema: { tags: ['policies'], summary: '修改政策', params: Id, body: PolicyBody } }, async (req) => {
      const { id } = req.params as Static<typeof Id>;
      await updatePolicy(ctx.db, id, blankToNull(req.body as PolicyInput), req.user!.account);
      return getPolicy(ctx.db, id, { staff: true });
    });
    app.post(
      '/:id/publish',
      { preHandler: requireRole(...PUBLISH), schema: { tags: ['policies'], summary: '发布政策并向符合条件的企业推送', params: Id } },
      async (req) => {
        const { id } = req.params as Static<typeof Id>;
        await setPolicyStatus(ctx.db, id, 'published', req.user!.account);
        const p = await getPolicy(ctx.db, id, { staff: true });
        const r = await matchAndPush(ctx.db, { itemIds: p.items.map((i) => i.id) });
        return { ...p, match: r };
      },
    );
    app.post('/:id/withdraw', { preHandler: requireRole(...PUBLISH), schema: { tags: ['policies'], summary: '废止/撤回政策', params: Id } }, async (req) => {
      const { id } = req.params as Static<typeof Id>;
      await setPolicyStatus(ctx.db, id, 'withdrawn', req.user!.account);
      return getPolicy(ctx.db, id, { staff: true });
    });

    app.post(
      '/:id/attachments',
      { preHandler: requireRole(...EDIT), schema: { tags: ['policies'], summary: '上传政策附件', params: Id, consumes: ['multipart/form-data'] } },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传附件');
        return addAttachment(ctx.db, ctx.dataDir, (req.params as Static<typeof Id>).id, {
          fileName: file.filename,
          buffer: await file.toBuffer(),
          actor: req.user!.account,
        });
      },
    );
    const AttParams = Type.Object({ id: Type.Integer({ minimum: 1 }), key: Type.String({ maxLength: 40 }) });
    app.get('/:id/attachments/:key', { schema: { tags: ['policies'], summary: '下载政策附件', params: AttParams } }, async (req, reply) => {
      const { id, key } = req.params as Static<typeof AttParams>;
      const a = await readAttachment(ctx.db, ctx.dataDir, id, key, isStaff(req.user?.role));
      reply.header('content-type', 'application/octet-stream');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`);
      return reply.send(a.buffer);
    });

    app.post(
      '/items/:id/rules',
      { preHandler: requireRole(...EDIT), schema: { tags: ['policies'], summary: '新建规则版本（草稿）', params: Id, body: RuleBody } },
      async (req) => {
        const b = req.body as Static<typeof RuleBody>;
        return addRuleVersion(
          ctx.db,
          (req.params as Static<typeof Id>).id,
          {
            condition: b.condition as Condition,
            amount: (b.amount ?? null) as AmountRule | null,
            effectiveFrom: b.effectiveFrom,
            effectiveTo: b.effectiveTo || null,
          },
          req.user!.account,
        );
      },
    );
    app.put(
      '/items/:id/test-cases',
      {
        preHandler: requireRole(...EDIT),
        schema: { tags: ['policies'], summary: '设置规则测试用例（输入、日期、期望结果）', params: Id, body: Type.Array(TestCaseSchema, { maxItems: 100 }) },
      },
      async (req) => {
        await setTestCases(ctx.db, (req.params as Static<typeof Id>).id, req.body as RuleTestCase[], req.user!.account);
        return { ok: true };
      },
    );
    app.post(
      '/rules/:id/publish',
      { preHandler: requireRole(...PUBLISH), schema: { tags: ['policies'], summary: '发布规则版本（测试用例须全部通过）', params: Id } },
      async (req) => publishRuleVersion(ctx.db, (req.params as Static<typeof Id>).id, req.user!.account),
    );
    const PreviewBody = Type.Object({
      condition: Type.Any(),
      amount: Type.Optional(Type.Any()),
      asOf: Type.Optional(Date_),
      enterpriseIds: Type.Optional(Type.Array(Type.Integer(), { maxItems: 50 })),
      profiles: Type.Optional(Type.Array(ProfileSchema, { maxItems: 50 })),
    });
    app.post(
      '/rules/preview',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags: ['policies'], summary: '规则试算（示例企业）', body: PreviewBody } },
      async (req) => {
        const b = req.body as Static<typeof PreviewBody>;
        return previewRule(
          ctx.db,
          { condition: b.condition as Condition, amount: (b.amount ?? null) as AmountRule | null },
          { asOf: b.asOf ?? today(), enterpriseIds: b.enterpriseIds, profiles: b.profiles as Profile[] },
        );
      },
    );

    const CalcQuery = Type.Object({ enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })), asOf: Type.Optional(Date_) });
    app.get(
      '/calculator',
      { preHandler: requireLogin, schema: { tags: ['policies'], summary: '政策计算器：企业可享受的政策事项（逐条说明）', querystring: CalcQuery } },
      async (req) => {
        const q = req.query as Static<typeof CalcQuery>;
        const user = req.user!;
        const enterpriseId = user.role === 'enterprise' ? user.enterpriseId : q.enterpriseId;
        if (!enterpriseId) throw new ForbiddenError(user.role === 'enterprise' ? '该企业账号未关联企业' : '请选择企业');
        assertCanSee(user, enterpriseId);
        const e = await getEnterprise(ctx.db, enterpriseId);
        return {
          enterprise: { id: e.id, name: e.name, sizeClass: e.sizeClass },
          asOf: q.asOf ?? today(),
          results: await calculate(ctx.db, toProfile(e), q.asOf ?? today()),
        };
      },
    );
    app.post(
      '/calculator/try',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags: ['policies'], summary: '政策计算器（免登录试算，填写简要信息）', body: ProfileSchema },
      },
      async (req) => ({ asOf: today(), results: await calculate(ctx.db, req.body as Profile) }),
    );

    app.get(
      '/active-rules',
      {
        preHandler: requireRole(...STAFF_ROLES),
        schema: { tags: ['policies'], summary: '当前生效的规则', querystring: Type.Object({ asOf: Type.Optional(Date_) }) },
      },
      async (req) => activeRules(ctx.db, (req.query as { asOf?: string }).asOf ?? today()),
    );
    app.post('/match', { preHandler: requireRole(...PUBLISH), schema: { tags: ['policies'], summary: '全量匹配并推送' } }, async () => matchAndPush(ctx.db));

    app.get(
      '/funnel',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags: ['policies'], summary: '应享尽享：各政策事项的符合、申报、兑现情况' } },
      async () => funnelSummary(ctx.db),
    );
    app.get(
      '/items/:id/funnel',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags: ['policies'], summary: '应享尽享漏斗（符合→推送→阅读→申报→兑现）与未申报企业', params: Id } },
      async (req) => funnel(ctx.db, (req.params as Static<typeof Id>).id),
    );
    app.post(
      '/applications/import',
      {
        preHandler: requireRole(...EDIT),
        schema: { tags: ['policies'], summary: '导入申报/兑现记录（CSV/XLSX，整表校验，全部成功或全部不导入）', consumes: ['multipart/form-data'] },
      },
      async (req) => {
        const file = await req.file();
        if (!file) throw new InputRejectedError('请上传 CSV 或 Excel 文件');
        return importApplications(ctx.db, { fileName: file.filename, buffer: await file.toBuffer(), actor: req.user!.account });
      },
    );
    const AppBody = Type.Object({
      enterpriseId: Type.Integer({ minimum: 1 }),
      status: Type.Union([Type.Literal('applied'), Type.Literal('granted'), Type.Literal('rejected')]),
      appliedOn: OptDate,
      grantedOn: OptDate,
      grantedAmount: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
    });
    app.post(
      '/items/:id/applications',
      { preHandler: requireRole(...EDIT), schema: { tags: ['policies'], summary: '登记申报或兑现', params: Id, body: AppBody } },
      async (req) => {
        const b = req.body as Static<typeof AppBody>;
        await recordApplication(
          ctx.db,
          { itemId: (req.params as Static<typeof Id>).id, ...b, appliedOn: b.appliedOn || null, grantedOn: b.grantedOn || null },
          req.user!.account,
        );
        return { ok: true };
      },
    );
  };
}
