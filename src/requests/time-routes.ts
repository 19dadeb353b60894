import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { REQUEST_ACTORS, REQUEST_OFFICE } from './access.js';
import { Rated, RequestParams } from './api.js';
import { CallbackBody, HoldAskBody, HoldDecisionBody, NoteBody, TimeState, UrgeBody } from './time-api.js';
import { askHold, decideHold, recordCallback, resumeRequest, urgeRequest } from './time-store.js';

const tags = ['requests'];

/** Handling time of a request: 挂起/延期 (asked by the unit, decided by the office), 恢复办理, 催办, 回访评价. Under /api/requests. */
export function requestTimeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const office = requireRole(...REQUEST_OFFICE);
  return async (app) => {
    app.post(
      '/:requestId/holds',
      {
        preHandler: requireRole('unit_staff'),
        schema: {
          tags,
          summary: '承办单位申请挂起或延期（营商办审批）',
          params: RequestParams,
          body: HoldAskBody,
          response: { 200: Type.Object({ holdId: Type.Integer() }) },
        },
      },
      async (req) => askHold(db, sessionUser(req), req.params.requestId, req.body),
    );
    app.post(
      '/:requestId/holds/decision',
      {
        preHandler: office,
        schema: { tags, summary: '营商办审批挂起、延期申请', params: RequestParams, body: HoldDecisionBody, response: { 200: TimeState } },
      },
      async (req) => decideHold(db, sessionUser(req), req.params.requestId, req.body),
    );
    app.post(
      '/:requestId/resume',
      {
        preHandler: requireRole(...REQUEST_ACTORS),
        schema: { tags, summary: '恢复办理挂起的诉求（答复期限顺延挂起的工作日）', params: RequestParams, body: NoteBody, response: { 200: TimeState } },
      },
      async (req) => resumeRequest(db, sessionUser(req), req.params.requestId, req.body),
    );
    app.post(
      '/:requestId/urge',
      { preHandler: office, schema: { tags, summary: '营商办催办', params: RequestParams, body: UrgeBody, response: { 200: TimeState } } },
      async (req) => urgeRequest(db, sessionUser(req), req.params.requestId, req.body),
    );
    app.post(
      '/:requestId/callback',
      {
        preHandler: office,
        schema: {
          tags,
          summary: '登记电话回访的评价（工作人员登记的诉求；不满意则重办）',
          params: RequestParams,
          body: CallbackBody,
          response: { 200: Rated },
        },
      },
      async (req) => recordCallback(db, sessionUser(req), req.params.requestId, req.body),
    );
  };
}
