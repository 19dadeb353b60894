import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser, STAFF_ROLES } from '../auth/index.js';
import { IdParams, Ok, type AppContext } from '../shared/index.js';
import { ActiveRule, AsOfQuery, Preview, PreviewBody, PublishedRule, RuleBody, RuleVersion, TestCasesBody } from './api.js';
import { activeRules, addRuleVersion, previewRule, publishRuleVersion, setTestCases, today } from './matching.js';
import { EDIT, PUBLISH, tags } from './route-common.js';
import { Type } from '@sinclair/typebox';

/** Eligibility rules of policy items: versions, test cases, publishing, trying out. */
export function ruleRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/items/:id/rules',
      { preHandler: requireRole(...EDIT), schema: { tags, summary: '新建规则版本（草稿）', params: IdParams, body: RuleBody, response: { 200: RuleVersion } } },
      async (req) => {
        const b = req.body;
        const draft = { condition: b.condition, amount: b.amount ?? null, effectiveFrom: b.effectiveFrom, effectiveTo: b.effectiveTo || null };
        return addRuleVersion(ctx.db, req.params.id, draft, sessionUser(req).account);
      },
    );

    app.put(
      '/items/:id/test-cases',
      {
        preHandler: requireRole(...EDIT),
        schema: { tags, summary: '设置规则测试用例（输入、日期、期望结果）', params: IdParams, body: TestCasesBody, response: { 200: Ok } },
      },
      async (req) => {
        await setTestCases(ctx.db, req.params.id, req.body, sessionUser(req).account);
        return { ok: true as const };
      },
    );

    app.post(
      '/rules/:id/publish',
      {
        preHandler: requireRole(...PUBLISH),
        schema: { tags, summary: '发布规则版本（测试用例须全部通过）', params: IdParams, response: { 200: PublishedRule } },
      },
      async (req) => publishRuleVersion(ctx.db, req.params.id, sessionUser(req).account),
    );

    app.post(
      '/rules/preview',
      { preHandler: requireRole(...STAFF_ROLES), schema: { tags, summary: '规则试算（示例企业）', body: PreviewBody, response: { 200: Preview } } },
      async (req) => {
        const b = req.body;
        return previewRule(
          ctx.db,
          { condition: b.condition, amount: b.amount ?? null },
          { asOf: b.asOf ?? today(), enterpriseIds: b.enterpriseIds, profiles: b.profiles },
        );
      },
    );

    app.get(
      '/active-rules',
      {
        preHandler: requireRole(...STAFF_ROLES),
        schema: { tags, summary: '当前生效的规则', querystring: AsOfQuery, response: { 200: Type.Array(ActiveRule) } },
      },
      async (req) => activeRules(ctx.db, req.query.asOf ?? today()),
    );
  };
}
