import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireLogin, requireRole, sessionUser } from '../auth/index.js';
import { type AppContext, userRead } from '../shared/index.js';
import { Calculation, CalculatorQuery, MatchStarted, Profile, TryCalculation } from './api.js';
import { startMatch } from './match-job.js';
import { calculate, calculateFor, today } from './matching.js';
import { PUBLISH, tags } from './route-common.js';

/** 政策计算器 and matching all firms. */
export function calculatorRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/calculator',
      {
        preHandler: requireLogin,
        // The firm's own answer, kept per user until a policy or the registry changes (or the day does).
        ...userRead(['policies', 'enterprises']),
        schema: { tags, summary: '政策计算器：企业可享受的政策事项（逐条说明）', querystring: CalculatorQuery, response: { 200: Calculation } },
      },
      async (req) => calculateFor(ctx.db, sessionUser(req), req.query),
    );

    app.post(
      '/calculator/try',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags, summary: '政策计算器（免登录试算，填写简要信息）', body: Profile, response: { 200: TryCalculation } },
      },
      async (req) => ({ asOf: today(), results: await calculate(ctx.db, req.body) }),
    );

    app.post(
      '/match',
      {
        preHandler: requireRole(...PUBLISH),
        schema: { tags, summary: '全量匹配并推送（后台任务，返回运行编号；进度为已匹配的企业数）', response: { 202: MatchStarted } },
      },
      async (req, reply) => {
        const user = sessionUser(req);
        return reply.code(202).send(await startMatch(ctx.db, { id: user.id, account: user.account }));
      },
    );
  };
}
