import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { userRead, type AppContext } from '../shared/index.js';
import { isUnitStaff, unitList, visibleUnits } from './access.js';
import {
  AdjustBody,
  AdjustedDefinition,
  Cases,
  CasesQuery,
  CodeParams,
  Dashboard,
  DashboardQuery,
  Detail,
  DetailQuery,
  LedgerFlag,
  OrderBody,
  OrderCreated,
  RecomputeBody,
  Started,
  YearQuery,
} from './api.js';
import { ledgerFlags, orderForIndicator } from './ledger-signals.js';
import { adjustIndicator } from './recompute.js';
import { startRecompute } from './recompute-job.js';
import { dashboardView, indicatorCases, indicatorDetail } from './results.js';
import { OFFICE, READ } from './roles.js';

const tags = ['indicators'];

/** Results: the dashboard, one indicator with its cases, the ledger flags; the office adjusts, recomputes and orders. */
export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const db = ctx.db;
  return async (app) => {
    app.get(
      '/',
      {
        preHandler: requireRole(...READ),
        // Kept per user until results, definitions, the plan's targets, units or the calendar change (src/server/read-cache.ts).
        ...userRead(['indicators', 'plan', 'units', 'calendar']),
        schema: { tags, summary: '指标监测总览（目标、当前值、状态、趋势；单位工作人员看本单位）', querystring: DashboardQuery, response: { 200: Dashboard } },
      },
      async (req) => {
        const u = sessionUser(req);
        const v = visibleUnits(u, req.query.unitId);
        // Unit staff see one of their units (the first by default; none: nothing).
        const unitId = isUnitStaff(u) ? (v.unitId ?? u.unitIds[0] ?? -1) : (v.unitId ?? null);
        return dashboardView(db, { year: req.query.year, unitId, myUnitIds: isUnitStaff(u) ? u.unitIds : [] });
      },
    );

    app.get(
      '/ledger-flags',
      {
        preHandler: requireRole(...READ),
        schema: { tags, summary: '未达标指标所属措施及其台账任务（偏离目标）', querystring: YearQuery, response: { 200: Type.Array(LedgerFlag) } },
      },
      async (req) => ledgerFlags(db, req.query.year),
    );

    app.get(
      '/:code',
      {
        preHandler: requireRole(...READ),
        schema: {
          tags,
          summary: '指标详情：定义与版本、各期结果、各单位、说明（计入与排除）、未达标案件',
          params: CodeParams,
          querystring: DetailQuery,
          response: { 200: Detail },
        },
      },
      async (req) => indicatorDetail(db, req.params.code, { ...req.query, ...visibleUnits(sessionUser(req), req.query.unitId) }),
    );

    app.get(
      '/:code/cases',
      {
        preHandler: requireRole(...READ),
        schema: { tags, summary: '指标的未达标、排除或计入案件（含计算的用时）', params: CodeParams, querystring: CasesQuery, response: { 200: Cases } },
      },
      async (req) => {
        const { unitId, ...q } = req.query;
        return indicatorCases(db, req.params.code, { ...q, unitIds: unitList(visibleUnits(sessionUser(req), unitId)) });
      },
    );

    app.put(
      '/:code/definition',
      {
        preHandler: requireRole(...OFFICE),
        schema: {
          tags,
          summary: '调整指标定义（生成新版本并重新计算；旧结果保留原版本）',
          params: CodeParams,
          body: AdjustBody,
          response: { 200: AdjustedDefinition },
        },
      },
      async (req) => adjustIndicator(db, req.params.code, req.body.changes, { actor: sessionUser(req).account, reason: req.body.reason }),
    );

    app.post(
      '/:code/orders',
      {
        preHandler: requireRole(...OFFICE),
        schema: { tags, summary: '就未达标指标发起督办（台账督办单）', params: CodeParams, body: OrderBody, response: { 200: OrderCreated } },
      },
      async (req) => orderForIndicator(db, req.params.code, { ...req.body, actor: sessionUser(req).account }),
    );

    app.post(
      '/recompute',
      {
        preHandler: requireRole(...OFFICE),
        schema: {
          tags,
          summary: '重新计算全部指标（后台任务，返回运行编号；进度为已完成的指标数；取消时已算完的指标保留新结果）',
          body: RecomputeBody,
          response: { 202: Started },
        },
      },
      async (req, reply) => {
        const user = sessionUser(req);
        return reply.code(202).send(await startRecompute(db, { year: req.body?.year, by: { id: user.id, account: user.account } }));
      },
    );
  };
}
