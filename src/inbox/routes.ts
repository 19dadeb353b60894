import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireLogin } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { listInbox, markRead, unreadCount } from './inbox-store.js';

const ListQuery = Type.Object({
  unreadOnly: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** Each user reads only their own inbox. */
export function inboxRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    app.get('/messages', { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '我的消息', querystring: ListQuery } }, async (req) =>
      listInbox(ctx.db, req.user!.id, req.query as Static<typeof ListQuery>),
    );
    app.get('/unread-count', { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '未读消息数' } }, async (req) => ({
      unread: await unreadCount(ctx.db, req.user!.id),
    }));
    const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
    app.post('/messages/:id/read', { preHandler: requireLogin, schema: { tags: ['inbox'], summary: '标记已读', params: Id } }, async (req) => {
      await markRead(ctx.db, req.user!.id, (req.params as Static<typeof Id>).id);
      return { ok: true };
    });
  };
}
