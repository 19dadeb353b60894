import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, type AppContext } from '../shared/index.js';
import { tags } from './api.js';
import {
  AskedSchema,
  AskInChatBody,
  ClickBody,
  ConversationParams,
  FaqFromMissBody,
  FaqFromMissResult,
  HandOffBody,
  HandOffResult,
  MissList,
  RatingBody,
} from './log-api.js';
import { askAndLog, faqFromMisses, handOff, listMisses, recordClick, recordRating } from './log-store.js';

const MISS_READERS = ['office', 'admin'] as const;

/**
 * The chat window's routes (no login: a visitor's conversation is its random id; a logged-in enterprise's is also
 * tied to the enterprise; staff get 403) and the office's misses (mounted inside /api/helpdesk).
 */
export function helpdeskLogRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.post(
      '/ask',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: '提问（免登录）：最相关的回答、来源、得分和是否有把握；记入本窗口的对话',
          body: AskInChatBody,
          response: { 200: AskedSchema },
        },
      },
      async (req) => askAndLog(db, req.body, req.user ?? null),
    );
    app.post(
      '/conversations/:conversationId/clicks',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags, summary: '记录点开的回答', params: ConversationParams, body: ClickBody, response: { 200: Ok } },
      },
      async (req) => {
        await recordClick(db, req.params.conversationId, req.user ?? null, req.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/conversations/:conversationId/ratings',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags, summary: '对回答点👍或👎', params: ConversationParams, body: RatingBody, response: { 200: Ok } },
      },
      async (req) => {
        await recordRating(db, req.params.conversationId, req.user ?? null, req.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/conversations/:conversationId/handoff',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
        schema: {
          tags,
          summary: '转人工：本对话转为企业诉求（免登录时须填姓名和手机号码），返回诉求编号（和查询码）',
          params: ConversationParams,
          body: HandOffBody,
          response: { 200: HandOffResult },
        },
      },
      async (req) => handOff(db, ctx.dataDir, req.params.conversationId, req.user ?? null, req.body),
    );
    app.get(
      '/misses',
      {
        preHandler: requireRole(...MISS_READERS),
        schema: { tags, summary: '未答与差评问题（按相似度分组，含次数）', response: { 200: MissList } },
      },
      async () => listMisses(db),
    );
    app.post(
      '/misses/faq',
      {
        preHandler: requireRole(...MISS_READERS),
        schema: { tags, summary: '把一组未答问题转为常见问题（一步）', body: FaqFromMissBody, response: { 200: FaqFromMissResult } },
      },
      async (req) => faqFromMisses(db, sessionUser(req).account, req.body),
    );
  };
}
