import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireLogin, sessionUser } from '../auth/index.js';
import { IdParams, Ok, type AppContext } from '../shared/index.js';
import { ListQuery, Message, UnreadCount } from './api.js';
import { listInbox, markRead, unreadCount } from './inbox-store.js';

/** Each user reads only their own inbox. */
export function inboxRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/messages',
      { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '我的消息', querystring: ListQuery, response: { 200: Type.Array(Message) } } },
      async (req) => listInbox(ctx.db, sessionUser(req).id, req.query),
    );
    app.get('/unread-count', { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '未读消息数', response: { 200: UnreadCount } } }, async (req) => ({
      unread: await unreadCount(ctx.db, sessionUser(req).id),
    }));
    app.post(
      '/messages/:id/read',
      { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '标记已读', params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await markRead(ctx.db, sessionUser(req).id, req.params.id);
        return { ok: true as const };
      },
    );
  };
}
