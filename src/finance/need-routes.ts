import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import { Ok, type AppContext } from '../shared/index.js';
import { FINANCE_DESK_ROLES, FINANCE_READER_ROLES } from './access.js';
import { CloseNeedBody, Created, FollowupBody, NeedBody, NeedList, NeedMatches, NeedParams, UnmatchedList, UnmatchedQuery } from './api.js';
import { addFollowup, closeNeed, createNeed, listOwnNeeds, needMatches, unmatchedNeeds, updateNeed } from './need-store.js';

const tags = ['finance'];

/** Enterprises' financing needs, their matches, and 区金融办's unmatched needs. */
export function needRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const firm = requireRole('enterprise');
  return async (app) => {
    app.get('/needs/mine', { preHandler: firm, schema: { tags, summary: '本企业的融资需求', response: { 200: NeedList } } }, async (req) =>
      listOwnNeeds(db, sessionUser(req)),
    );
    app.post('/needs', { preHandler: firm, schema: { tags, summary: '发布融资需求', body: NeedBody, response: { 200: Created } } }, async (req) => ({
      id: await createNeed(db, sessionUser(req), req.body),
    }));
    app.put(
      '/needs/:needId',
      { preHandler: firm, schema: { tags, summary: '修改融资需求', params: NeedParams, body: NeedBody, response: { 200: Ok } } },
      async (req) => {
        await updateNeed(db, sessionUser(req), req.params.needId, req.body);
        return { ok: true as const };
      },
    );
    app.post(
      '/needs/:needId/close',
      { preHandler: firm, schema: { tags, summary: '关闭融资需求', params: NeedParams, body: CloseNeedBody, response: { 200: Ok } } },
      async (req) => {
        await closeNeed(db, sessionUser(req), req.params.needId, req.body.reason);
        return { ok: true as const };
      },
    );
    app.get(
      '/needs/:needId/matches',
      {
        preHandler: requireRole('enterprise', ...FINANCE_READER_ROLES),
        schema: { tags, summary: '需求与在售产品的匹配（逐条说明）', params: NeedParams, response: { 200: NeedMatches } },
      },
      async (req) => needMatches(db, sessionUser(req), req.params.needId),
    );
    app.get(
      '/needs/unmatched',
      {
        preHandler: requireRole(...FINANCE_READER_ROLES),
        schema: { tags, summary: '无符合产品的融资需求（区金融办跟进）', querystring: UnmatchedQuery, response: { 200: UnmatchedList } },
      },
      async (req) => unmatchedNeeds(db, sessionUser(req), req.query.status),
    );
    app.post(
      '/needs/:needId/followups',
      {
        preHandler: requireRole(...FINANCE_DESK_ROLES),
        schema: { tags, summary: '记录跟进情况', params: NeedParams, body: FollowupBody, response: { 200: Created } },
      },
      async (req) => ({ id: await addFollowup(db, sessionUser(req), req.params.needId, req.body.note) }),
    );
  };
}
