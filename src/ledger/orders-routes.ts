import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { LEDGER_OFFICE, LEDGER_READERS, LEDGER_WRITERS } from './access.js';
import { attachment, DOCX_TYPE } from './download.js';
import { orderDocx, orderSheet } from './order-docx.js';
import { AsOfQuery, FileDownload, NewOrderBody, Order, OrderActionBody, OrderCreated, OrderDetail, OrderListQuery, OrderMoved, OrderParams } from './api.js';
import { optionalAsOf } from './as-of.js';
import { actOnOrder, createOrder, getOrder, listOrders } from './order-store.js';

const tags = ['ledger'];

/** Supervision orders (督办单) and their workflow. */
export function ordersRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...LEDGER_READERS);
  const writers = requireRole(...LEDGER_WRITERS);
  const office = requireRole(...LEDGER_OFFICE);
  return async (app) => {
    app.get(
      '/orders',
      { preHandler: readers, schema: { tags, summary: '督办单列表', querystring: OrderListQuery, response: { 200: Type.Array(Order) } } },
      async (req) => {
        const { planId, unitId, taskId } = req.query;
        return listOrders(db, { planId, unitId, taskId, asOf: optionalAsOf(req.query) });
      },
    );
    app.get(
      '/orders/:orderId',
      { preHandler: readers, schema: { tags, summary: '督办单详情与流转记录', params: OrderParams, querystring: AsOfQuery, response: { 200: OrderDetail } } },
      async (req) => getOrder(db, req.params.orderId, optionalAsOf(req.query)),
    );
    app.get(
      '/orders/:orderId/order.docx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '督办通知单（Word 文档，可打印）',
          params: OrderParams,
          querystring: AsOfQuery,
          response: { 200: FileDownload('督办单（.docx）') },
        },
      },
      async (req, reply) => {
        const sheet = await orderSheet(db, req.params.orderId, optionalAsOf(req.query));
        reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(`督办通知单${sheet.number}.docx`));
        return reply.send(await orderDocx(sheet));
      },
    );
    app.post('/orders', { preHandler: office, schema: { tags, summary: '督办立项', body: NewOrderBody, response: { 200: OrderCreated } } }, async (req) =>
      createOrder(db, sessionUser(req).account, req.body),
    );
    app.post(
      '/orders/:orderId/actions',
      {
        preHandler: writers,
        schema: {
          tags,
          summary: '督办单流转（下发、签收、办理、反馈、复核、办结、退回、提级）',
          params: OrderParams,
          body: OrderActionBody,
          response: { 200: OrderMoved },
        },
      },
      async (req) => actOnOrder(db, sessionUser(req), req.params.orderId, req.body),
    );
  };
}
