import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Id, type AppContext } from '../shared/index.js';
import { LEDGER_OFFICE } from './access.js';
import { OrderCreated } from './api.js';
import { orderForRequest } from './request-orders.js';

const RequestOrderParams = Type.Object({ requestId: Id });
const RequestOrderBody = Type.Object(
  {
    requirement: Type.Optional(Type.String({ maxLength: 2000, description: '办理要求（默认：立即办理并答复企业）' })),
    replyDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: '反馈时限（工作日，默认 3）' })),
  },
  { additionalProperties: false },
);

/** 督办单 on the unit handling an enterprise request (one click on the request's page). Under /api/ledger. */
export function requestOrdersRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.post(
      '/orders/from-request/:requestId',
      {
        preHandler: requireRole(...LEDGER_OFFICE),
        schema: {
          tags: ['ledger'],
          summary: '对企业诉求的承办单位发出督办单（立项并下发，关联诉求）',
          params: RequestOrderParams,
          body: RequestOrderBody,
          response: { 200: OrderCreated },
        },
      },
      async (req) => orderForRequest(db, sessionUser(req), req.params.requestId, req.body),
    );
  };
}
