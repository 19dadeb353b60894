import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { userRead, type AppContext } from '../shared/index.js';
import { attachment, XLSX_TYPE } from './download.js';
import { LEDGER_OFFICE, LEDGER_READ_DOMAINS, LEDGER_READERS, unitScope } from './access.js';
import { AsOfQuery, Assessment, Dashboard, FileDownload, PlanParams, Settings, SettingsBody } from './api.js';
import { asOfOf, optionalAsOf } from './as-of.js';
import { assess, assessmentXlsx, getSettings, saveSettings } from './assessment-store.js';
import { dashboard } from './dashboard.js';

const tags = ['ledger'];

/** The annual assessment, its weights and thresholds, and the dashboard. */
export function assessmentRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...LEDGER_READERS);
  const office = requireRole(...LEDGER_OFFICE);
  return async (app) => {
    app.get(
      '/plans/:planId/assessment',
      {
        preHandler: readers,
        schema: { tags, summary: '年度目标考核（得分、逐项说明、排名）', params: PlanParams, querystring: AsOfQuery, response: { 200: Assessment } },
      },
      async (req) => assess(db, req.params.planId, optionalAsOf(req.query)),
    );
    app.get(
      '/plans/:planId/assessment.xlsx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '导出年度目标考核（Excel）',
          params: PlanParams,
          querystring: AsOfQuery,
          response: { 200: FileDownload('年度目标考核（.xlsx）') },
        },
      },
      async (req, reply) => {
        const a = await assess(db, req.params.planId, optionalAsOf(req.query));
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${a.year}年度优化营商环境目标考核.xlsx`));
        return reply.send(await assessmentXlsx(a));
      },
    );
    app.get(
      '/plans/:planId/settings',
      { preHandler: readers, schema: { tags, summary: '考核权重与预警阈值', params: PlanParams, response: { 200: Settings } } },
      async (req) => getSettings(db, req.params.planId),
    );
    app.put(
      '/plans/:planId/settings',
      { preHandler: office, schema: { tags, summary: '设置考核权重与预警阈值', params: PlanParams, body: SettingsBody, response: { 200: Settings } } },
      async (req) => saveSettings(db, sessionUser(req).account, req.params.planId, req.body),
    );
    app.get(
      '/plans/:planId/dashboard',
      {
        preHandler: readers,
        ...userRead(LEDGER_READ_DOMAINS),
        schema: {
          tags,
          summary: '工作台数据（按领域、按单位、红黄绿灯、趋势、红灯清单）',
          params: PlanParams,
          querystring: AsOfQuery,
          response: { 200: Dashboard },
        },
      },
      async (req) => dashboard(db, req.params.planId, await asOfOf(db, req.params.planId, req.query), unitScope(sessionUser(req))),
    );
  };
}
