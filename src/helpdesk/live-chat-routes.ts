import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireRole, sessionUser } from '../auth/index.js';
import { ForbiddenError, NotFoundError, type AppContext } from '../shared/index.js';
import {
  CannedList,
  CannedQuery,
  ChatParams,
  ChatPollSchema,
  ChatStarted,
  Hours,
  HoursBody,
  LiveStatus,
  MessageBody,
  QueueSchema,
  ReplyBody,
  SinceQuery,
  StartBody,
  TargetsSchema,
  TokenHeader,
  TransferBody,
} from './live-chat-api.js';
import {
  acceptChat,
  cannedAnswers,
  chatQueue,
  getOfficeHours,
  LIVE_STAFF,
  liveChatStatus,
  partyClose,
  partyPoll,
  partySend,
  setOfficeHours,
  staffClose,
  staffPoll,
  staffReply,
  startChat,
  transferChat,
  transferTargets,
  type ChatParty,
} from './live-chat-store.js';
import { noteLiveHandOff } from './log-store.js';

const tags = ['智能客服'];
const HOURS_EDITORS = ['office', 'admin'] as const;

/** The party of a chat request: a visitor by its token header, otherwise a logged-in enterprise by its session. */
function party(req: FastifyRequest, token: string | undefined): ChatParty {
  if (token) return { kind: 'visitor', token };
  const u = req.user;
  if (u?.role === 'enterprise' && u.enterpriseId) return { kind: 'enterprise', enterpriseId: u.enterpriseId };
  if (u) throw new ForbiddenError('在线人工会话仅限访客和企业发起');
  throw new NotFoundError('在线会话（缺少会话凭证）');
}

/**
 * 在线人工 (mounted at /api/helpdesk/live): the status (anyone), the visitor's or enterprise's chat, the staff console
 * (office and unit staff) and the office hours (office).
 */
export function liveChatRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.get('/live/status', { schema: { tags, summary: '在线人工是否值守（值守时间与工作日）', response: { 200: LiveStatus } } }, async () =>
      liveChatStatus(db),
    );
    app.get('/live/hours', { preHandler: requireRole(...HOURS_EDITORS), schema: { tags, summary: '在线人工值守时间', response: { 200: Hours } } }, async () =>
      getOfficeHours(db),
    );
    app.put(
      '/live/hours',
      { preHandler: requireRole(...HOURS_EDITORS), schema: { tags, summary: '设置在线人工值守时间（记入审计）', body: HoursBody, response: { 200: Hours } } },
      async (req) => setOfficeHours(db, sessionUser(req).account, req.body),
    );

    app.post(
      '/live/chat',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { tags, summary: '发起在线人工会话（访客或企业；值守时间内）', body: StartBody, response: { 200: ChatStarted } },
      },
      async (req) => {
        const u = req.user;
        if (u && u.role !== 'enterprise') throw new ForbiddenError('在线人工会话仅限访客和企业发起');
        if (u && !u.enterpriseId) throw new ForbiddenError('该企业账号未关联企业');
        const started = await startChat(db, {
          party: u?.enterpriseId ? { kind: 'enterprise', enterpriseId: u.enterpriseId } : { kind: 'visitor' },
          name: req.body.name,
          question: req.body.question,
        });
        if (req.body.conversationId) await noteLiveHandOff(db, req.body.conversationId, u?.enterpriseId ?? null);
        return started;
      },
    );
    app.get(
      '/live/chat',
      {
        schema: {
          tags,
          summary: '我的在线会话：新消息（轮询，since 为已收到的最后一条）',
          headers: TokenHeader,
          querystring: SinceQuery,
          response: { 200: ChatPollSchema },
        },
      },
      async (req) => partyPoll(db, party(req, req.headers['x-chat-token']), req.query.since ?? 0),
    );
    app.post(
      '/live/chat/messages',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags, summary: '在会话中发送消息', headers: TokenHeader, body: MessageBody, response: { 200: ChatPollSchema } },
      },
      async (req) => partySend(db, party(req, req.headers['x-chat-token']), req.body.body, req.body.since ?? 0),
    );
    app.post(
      '/live/chat/close',
      { schema: { tags, summary: '结束我的在线会话', headers: TokenHeader, querystring: SinceQuery, response: { 200: ChatPollSchema } } },
      async (req) => partyClose(db, party(req, req.headers['x-chat-token']), req.query.since ?? 0),
    );

    app.get(
      '/live/queue',
      { preHandler: requireRole(...LIVE_STAFF), schema: { tags, summary: '客服工作台：排队和接待中的会话', response: { 200: QueueSchema } } },
      async (req) => chatQueue(db, sessionUser(req)),
    );
    app.get(
      '/live/targets',
      { preHandler: requireRole(...LIVE_STAFF), schema: { tags, summary: '可转接的营商办工作人员和单位', response: { 200: TargetsSchema } } },
      async () => transferTargets(db),
    );
    app.get(
      '/live/canned',
      {
        preHandler: requireRole(...LIVE_STAFF),
        schema: { tags, summary: '常用回复：检索常见问题库', querystring: CannedQuery, response: { 200: CannedList } },
      },
      async (req) => cannedAnswers(db, req.query.q),
    );
    app.get(
      '/live/chats/:chatId',
      {
        preHandler: requireRole(...LIVE_STAFF),
        schema: { tags, summary: '一次会话及新消息（轮询）', params: ChatParams, querystring: SinceQuery, response: { 200: ChatPollSchema } },
      },
      async (req) => staffPoll(db, sessionUser(req), req.params.chatId, req.query.since ?? 0),
    );
    app.post(
      '/live/chats/:chatId/accept',
      { preHandler: requireRole(...LIVE_STAFF), schema: { tags, summary: '接入会话（记入审计）', params: ChatParams, response: { 200: ChatPollSchema } } },
      async (req) => acceptChat(db, sessionUser(req), req.params.chatId),
    );
    app.post(
      '/live/chats/:chatId/messages',
      {
        preHandler: requireRole(...LIVE_STAFF),
        schema: { tags, summary: '回复（记入审计）', params: ChatParams, body: ReplyBody, response: { 200: ChatPollSchema } },
      },
      async (req) => staffReply(db, sessionUser(req), req.params.chatId, { body: req.body.body, faqCode: req.body.faqCode, since: req.body.since ?? 0 }),
    );
    app.post(
      '/live/chats/:chatId/transfer',
      {
        preHandler: requireRole(...LIVE_STAFF),
        schema: { tags, summary: '转接给工作人员或单位（记入审计）', params: ChatParams, body: TransferBody, response: { 200: ChatPollSchema } },
      },
      async (req) => transferChat(db, sessionUser(req), req.params.chatId, req.body),
    );
    app.post(
      '/live/chats/:chatId/close',
      { preHandler: requireRole(...LIVE_STAFF), schema: { tags, summary: '结束会话（记入审计）', params: ChatParams, response: { 200: ChatPollSchema } } },
      async (req) => staffClose(db, sessionUser(req), req.params.chatId),
    );
  };
}
