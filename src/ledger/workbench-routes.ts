import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, userRead, type AppContext } from '../shared/index.js';
import { LEDGER_OFFICE, LEDGER_READ_DOMAINS, LEDGER_READERS } from './access.js';
import {
  AsOfQuery,
  BulkReviewBody,
  BulkReviewed,
  Created,
  Instruction,
  InstructionAnswerBody,
  InstructionListQuery,
  InstructionParams,
  LeaderView,
  NewInstructionBody,
  PlanParams,
  Todo,
  WorkQueue,
} from './api.js';
import { asOfOf } from './as-of.js';
import { answerInstruction, createInstruction, listInstructions } from './instruction-store.js';
import { bulkReview, leaderView, myTodo, officeQueue } from './workbench.js';

const tags = ['ledger'];

/** Each role's own work: 我的待办 (unit staff), 领导视图 and 批示 (leaders), 工作队列 and bulk review (the office). */
export function workbenchRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...LEDGER_READERS);
  const office = requireRole(...LEDGER_OFFICE);
  return async (app) => {
    app.get(
      '/plans/:planId/todo',
      {
        preHandler: requireRole('unit_staff'),
        schema: {
          tags,
          summary: '我的待办（本单位应报送的进展报告、被退回的报告、待签收和待反馈的督办单、待答复的批示）',
          params: PlanParams,
          querystring: AsOfQuery,
          response: { 200: Todo },
        },
      },
      async (req) => myTodo(db, sessionUser(req), req.params.planId, await asOfOf(db, req.params.planId, req.query)),
    );
    app.get(
      '/plans/:planId/leader',
      {
        preHandler: requireRole('leader', 'office', 'admin'),
        schema: {
          tags,
          summary: '领导视图（红灯任务、逾期督办、最新通报、单位排名、我的批示）',
          params: PlanParams,
          querystring: AsOfQuery,
          response: { 200: LeaderView },
        },
      },
      async (req) => leaderView(db, sessionUser(req), req.params.planId, await asOfOf(db, req.params.planId, req.query)),
    );
    app.get(
      '/plans/:planId/work-queue',
      {
        preHandler: office,
        ...userRead(LEDGER_READ_DOMAINS),
        schema: {
          tags,
          summary: '营商办工作队列（待审核报告、待复核督办单、今日新增预警）',
          params: PlanParams,
          querystring: AsOfQuery,
          response: { 200: WorkQueue },
        },
      },
      async (req) => officeQueue(db, req.params.planId, await asOfOf(db, req.params.planId, req.query)),
    );
    app.post(
      '/reports/review',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '批量审核进展报告（一条意见，全部通过或全部退回；任一份不能审核则均不处理）',
          body: BulkReviewBody,
          response: { 200: BulkReviewed },
        },
      },
      async (req) => bulkReview(db, sessionUser(req).account, req.body),
    );
    app.get(
      '/instructions',
      {
        preHandler: readers,
        schema: { tags, summary: '领导批示及答复（单位只看送达本单位的）', querystring: InstructionListQuery, response: { 200: Type.Array(Instruction) } },
      },
      async (req) => listInstructions(db, sessionUser(req), req.query),
    );
    app.post(
      '/instructions',
      {
        preHandler: requireRole('leader'),
        schema: { tags, summary: '领导批示（任务、督办单或通报；送达相关单位）', body: NewInstructionBody, response: { 200: Created } },
      },
      async (req) => createInstruction(db, sessionUser(req), req.body),
    );
    app.post(
      '/instructions/:instructionId/answer',
      {
        preHandler: requireRole('unit_staff'),
        schema: { tags, summary: '答复批示（送达单位的工作人员）', params: InstructionParams, body: InstructionAnswerBody, response: { 200: Ok } },
      },
      async (req) => {
        await answerInstruction(db, sessionUser(req), req.params.instructionId, req.body.answer);
        return { ok: true as const };
      },
    );
  };
}
