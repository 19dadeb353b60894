import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { assertFinanceDesk, assertFinanceReader } from './access.js';
import { EventBody, EventList, EventOut, EventParams, EventQuery } from './application-api.js';
import { createEvent, getEvent, listEvents, updateEvent } from './event-store.js';

const tags = ['finance'];

/** 银企对接活动 and 培训: 区金融办 keeps them, leaders read them. */
export function eventRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole('office', 'admin', 'unit_staff', 'leader');
  const desk = requireRole('office', 'admin', 'unit_staff');
  return async (app) => {
    app.get(
      '/events',
      { preHandler: readers, schema: { tags, summary: '银企对接活动与培训（含每场统计）', querystring: EventQuery, response: { 200: EventList } } },
      async (req) => {
        await assertFinanceReader(db, sessionUser(req));
        return listEvents(db, req.query.year);
      },
    );
    app.post(
      '/events',
      { preHandler: desk, schema: { tags, summary: '登记银企对接活动或培训（区金融办）', body: EventBody, response: { 200: EventOut } } },
      async (req) => {
        const user = sessionUser(req);
        await assertFinanceDesk(db, user);
        return createEvent(db, user.account, req.body);
      },
    );
    app.get(
      '/events/:eventId',
      { preHandler: readers, schema: { tags, summary: '一场对接活动', params: EventParams, response: { 200: EventOut } } },
      async (req) => {
        await assertFinanceReader(db, sessionUser(req));
        return getEvent(db, req.params.eventId);
      },
    );
    app.put(
      '/events/:eventId',
      { preHandler: desk, schema: { tags, summary: '修改对接活动（区金融办）', params: EventParams, body: EventBody, response: { 200: EventOut } } },
      async (req) => {
        const user = sessionUser(req);
        await assertFinanceDesk(db, user);
        return updateEvent(db, user.account, req.params.eventId, req.body);
      },
    );
  };
}
