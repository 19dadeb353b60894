import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { REQUEST_OFFICE } from './access.js';
import { RequestParams } from './api.js';
import { Catalogue, DispatchBody, Dispatched, Routing, Seeded, Suggestions, Topic, TopicBody, TopicParams, TryBody } from './catalogue-api.js';
import { createTopic, listCatalogue, seedCatalogue, updateTopic } from './catalogue-store.js';
import { dispatchRequest, requestRouting } from './dispatch-store.js';
import { suggestForText } from './routing-store.js';

const tags = ['requests'];
/** Who reads the catalogue and a request's routing: the office, and leaders. */
const CATALOGUE_READERS = [...REQUEST_OFFICE, 'leader'] as const;

/** The 派单目录 and 派单 by topic (mounted inside requestRoutes, under /api/requests). */
export function catalogueRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const office = requireRole(...REQUEST_OFFICE);
  const readers = requireRole(...CATALOGUE_READERS);
  return async (app) => {
    app.get(
      '/catalogue',
      { preHandler: readers, schema: { tags, summary: '派单目录（事项类别、承办单位、关键词与权重）', response: { 200: Catalogue } } },
      async () => listCatalogue(db),
    );
    app.post('/catalogue', { preHandler: office, schema: { tags, summary: '新增事项类别', body: TopicBody, response: { 200: Topic } } }, async (req) =>
      createTopic(db, sessionUser(req).account, req.body),
    );
    app.put(
      '/catalogue/:topicId',
      { preHandler: office, schema: { tags, summary: '修改事项类别', params: TopicParams, body: TopicBody, response: { 200: Topic } } },
      async (req) => updateTopic(db, sessionUser(req).account, req.params.topicId, req.body),
    );
    app.post(
      '/catalogue/seed',
      { preHandler: office, schema: { tags, summary: '按实施方案各措施的牵头单位生成派单目录（已有类别不变）', response: { 200: Seeded } } },
      async (req) => seedCatalogue(db, sessionUser(req).account),
    );
    app.post(
      '/catalogue/try',
      { preHandler: office, schema: { tags, summary: '试算派单建议（前 3 个类别及理由）', body: TryBody, response: { 200: Suggestions } } },
      async (req) => suggestForText(db, req.body.subject, req.body.description),
    );
    app.get(
      '/:requestId/routing',
      { preHandler: readers, schema: { tags, summary: '派单建议（受理时与当前）及派单记录', params: RequestParams, response: { 200: Routing } } },
      async (req) => requestRouting(db, req.params.requestId),
    );
    app.post(
      '/:requestId/dispatch',
      {
        preHandler: office,
        schema: { tags, summary: '按事项类别派单（记录是否采纳建议）', params: RequestParams, body: DispatchBody, response: { 200: Dispatched } },
      },
      async (req) => dispatchRequest(db, sessionUser(req), req.params.requestId, req.body),
    );
  };
}
