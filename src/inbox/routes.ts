import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireLogin, sessionUser } from '../auth/index.js';
import { IdParams, Ok, type AppContext } from '../shared/index.js';
import { ListQuery, MarkAllBody, MarkAllResult, MessagePage, UnreadCount } from './api.js';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox-store.js';

/** Each user reads only their own inbox (every role that can log in has one). */
export function inboxRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/messages',
      { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '我的消息（分页）', querystring: ListQuery, response: { 200: MessagePage } } },
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
    app.post(
      '/messages/read-all',
      { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '全部标记已读（可限于一个类别）', body: MarkAllBody, response: { 200: MarkAllResult } } },
      async (req) => ({ marked: await markAllRead(ctx.db, sessionUser(req).id, req.body) }),
    );
  };
}
