import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, type AppContext } from '../shared/index.js';
import { INSPECTION_KEEPERS, INSPECTION_OFFICE, INSPECTION_READERS } from './access.js';
import { Committed } from './api.js';
import {
  Decided,
  DecisionBody,
  PlanBody,
  PlanCreated,
  PlanDetail,
  PlanParams,
  PlanSummary,
  PlanTaskParams,
  PlanTitleBody,
  PlanVersion,
  PlanVersionParams,
  Proposal,
  ProposalBody,
  ProposalParams,
  ProposalQuery,
  PublicPlan,
  PublicPlanYears,
  Published,
  PublishBody,
  TaskBody,
  TaskDrawBody,
  YearParams,
} from './plan-api.js';
import {
  addTask,
  approvePlan,
  createPlan,
  createTaskDraw,
  decideProposal,
  deleteTask,
  getPlan,
  getPlanVersion,
  listPlans,
  listProposals,
  publicPlan,
  publishedPlanYears,
  publishPlan,
  renamePlan,
  submitProposal,
  updateTask,
} from './plan-store.js';

const tags = ['inspections'];

/**
 * 年度联合抽查计划: plans, tasks, proposals, versions and draws for tasks under /api/inspections/plans; the published
 * plan under /api/inspections/public/plans (no login).
 */
export function planRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...INSPECTION_READERS);
  const keepers = requireRole(...INSPECTION_KEEPERS);
  const office = requireRole(...INSPECTION_OFFICE);
  return async (app) => {
    app.get('/plans', { preHandler: readers, schema: { tags, summary: '年度联合抽查计划列表', response: { 200: Type.Array(PlanSummary) } } }, async () =>
      listPlans(db),
    );
    app.post(
      '/plans',
      { preHandler: office, schema: { tags, summary: '新建年度联合抽查计划（每年一份）', body: PlanBody, response: { 200: PlanCreated } } },
      async (req) => createPlan(db, sessionUser(req), req.body),
    );
    app.get(
      '/plans/proposals',
      {
        preHandler: readers,
        schema: { tags, summary: '部门提出的抽查任务建议（单位工作人员仅本单位）', querystring: ProposalQuery, response: { 200: Type.Array(Proposal) } },
      },
      async (req) => listProposals(db, sessionUser(req), req.query),
    );
    app.post(
      '/plans/proposals',
      { preHandler: keepers, schema: { tags, summary: '提出抽查任务建议（以本单位为牵头部门）', body: ProposalBody, response: { 200: PlanCreated } } },
      async (req) => submitProposal(db, sessionUser(req), req.body),
    );
    app.put(
      '/plans/proposals/:proposalId/decision',
      {
        preHandler: office,
        schema: { tags, summary: '采纳（可修改）或不采纳一项建议', params: ProposalParams, body: DecisionBody, response: { 200: Decided } },
      },
      async (req) => decideProposal(db, sessionUser(req), req.params.proposalId, req.body),
    );
    app.get(
      '/plans/:planId',
      { preHandler: readers, schema: { tags, summary: '计划详情：任务、各任务的抽查与版本', params: PlanParams, response: { 200: PlanDetail } } },
      async (req) => getPlan(db, sessionUser(req), req.params.planId),
    );
    app.put(
      '/plans/:planId',
      { preHandler: office, schema: { tags, summary: '修改计划名称', params: PlanParams, body: PlanTitleBody, response: { 200: Ok } } },
      async (req) => renamePlan(db, sessionUser(req), req.params.planId, req.body),
    );
    app.post(
      '/plans/:planId/tasks',
      { preHandler: office, schema: { tags, summary: '添加抽查任务', params: PlanParams, body: TaskBody, response: { 200: PlanCreated } } },
      async (req) => addTask(db, sessionUser(req), req.params.planId, req.body),
    );
    app.put(
      '/plans/:planId/tasks/:taskId',
      { preHandler: office, schema: { tags, summary: '修改抽查任务', params: PlanTaskParams, body: TaskBody, response: { 200: Ok } } },
      async (req) => updateTask(db, sessionUser(req), req.params.planId, req.params.taskId, req.body),
    );
    app.delete(
      '/plans/:planId/tasks/:taskId',
      { preHandler: office, schema: { tags, summary: '删除抽查任务（已有抽查的不能删除）', params: PlanTaskParams, response: { 200: Ok } } },
      async (req) => deleteTask(db, sessionUser(req), req.params.planId, req.params.taskId),
    );
    app.post(
      '/plans/:planId/approve',
      { preHandler: office, schema: { tags, summary: '审核计划（全部任务重新校验）', params: PlanParams, response: { 200: Ok } } },
      async (req) => approvePlan(db, sessionUser(req), req.params.planId),
    );
    app.post(
      '/plans/:planId/publish',
      {
        preHandler: office,
        schema: { tags, summary: '发布计划（生成新版本并记录变化）', params: PlanParams, body: PublishBody, response: { 200: Published } },
      },
      async (req) => publishPlan(db, sessionUser(req), req.params.planId, req.body),
    );
    app.get(
      '/plans/:planId/versions/:version',
      { preHandler: readers, schema: { tags, summary: '计划的一个已发布版本及其变化', params: PlanVersionParams, response: { 200: PlanVersion } } },
      async (req) => getPlanVersion(db, sessionUser(req), req.params.planId, req.params.version),
    );
    app.post(
      '/plans/:planId/tasks/:taskId/draws',
      {
        preHandler: office,
        schema: { tags, summary: '为已发布计划中的任务公开承诺一次抽查', params: PlanTaskParams, body: TaskDrawBody, response: { 200: Committed } },
      },
      async (req) => createTaskDraw(db, sessionUser(req), req.params.planId, req.params.taskId, req.body),
    );
    // ---- public (一公开): the published plan ----
    app.get('/public/plans', { schema: { tags, summary: '公开：已发布年度计划的年份', response: { 200: PublicPlanYears } } }, async () =>
      publishedPlanYears(db),
    );
    app.get(
      '/public/plans/:year',
      { schema: { tags, summary: '公开：该年度联合抽查计划（最新发布版本）与各任务的抽查', params: YearParams, response: { 200: PublicPlan } } },
      async (req) => publicPlan(db, req.params.year),
    );
  };
}
