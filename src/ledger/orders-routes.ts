import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { LEDGER_OFFICE, LEDGER_READERS, LEDGER_WRITERS } from './access.js';
import { attachment, DOCX_TYPE, XLSX_TYPE } from './download.js';
import { orderDocx, orderSheet } from './order-docx.js';
import { ordersListXlsx, queryOrders } from './lists.js';
import { AsOfQuery, FileDownload, NewOrderBody, Order, OrderActionBody, OrderCreated, OrderDetail, OrderListQuery, OrderMoved, OrderParams } from './api.js';
import { optionalAsOf } from './as-of.js';
import { actOnOrder, createOrder, getOrder } from './order-store.js';

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
      {
        preHandler: readers,
        schema: { tags, summary: '督办单列表（筛选、排序；单位工作人员仅本单位）', querystring: OrderListQuery, response: { 200: Type.Array(Order) } },
      },
      async (req) => queryOrders(db, sessionUser(req), optionalAsOf(req.query), req.query),
    );
    app.get(
      '/orders.xlsx',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: '导出督办单列表（Excel，与列表相同的筛选和排序）',
          querystring: OrderListQuery,
          response: { 200: FileDownload('督办单列表（.xlsx）') },
        },
      },
      async (req, reply) => {
        const { buffer, fileName } = await ordersListXlsx(db, sessionUser(req), optionalAsOf(req.query), req.query);
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(fileName));
        return reply.send(buffer);
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
