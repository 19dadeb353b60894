import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole, sessionUser } from '../auth/index.js';
import type { AppContext } from '../shared/index.js';
import { REQUEST_ACTORS, REQUEST_OFFICE, REQUEST_READERS } from './access.js';
import {
  Filed,
  IntakeBody,
  LimitsBody,
  ListQuery,
  Meta,
  Moved,
  NewRequestBody,
  RateBody,
  Rated,
  RequestDetail,
  RequestPage,
  RequestParams,
  StepBody,
} from './api.js';
import {
  RATINGS,
  REQUEST_ACTIONS,
  REQUEST_CATEGORIES,
  REQUEST_CHANNELS,
  REQUEST_STAGES,
  STAFF_CHANNELS,
  STAGE_INFO,
  type RequestAction,
} from './core/index.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { communicationRoutes } from './communication-routes.js';
import { figureRoutes } from './figures-routes.js';
import { requestTimeRoutes } from './time-routes.js';
import { intakeRoutes } from './intake-routes.js';
import { withAttachments } from './attachment-store.js';
import { actOnRequest, fileRequest, getRequest, intakeRequest, listRequests, rateRequest, requestLimits, setRequestLimits } from './request-store.js';

const tags = ['requests'];

async function meta(ctx: AppContext) {
  const limits = await requestLimits(ctx.db);
  return {
    categories: [...REQUEST_CATEGORIES],
    channels: [...REQUEST_CHANNELS],
    staffChannels: [...STAFF_CHANNELS],
    stages: REQUEST_STAGES.map((code) => ({ code, ...STAGE_INFO[code] })),
    actions: (Object.keys(REQUEST_ACTIONS) as RequestAction[]).map((code) => ({ code, label: REQUEST_ACTIONS[code].label, by: REQUEST_ACTIONS[code].by })),
    ratings: [...RATINGS],
    limits: REQUEST_CATEGORIES.map((category) => ({ category, ...limits[category] })),
  };
}

/** Enterprise requests (企业诉求): filing, intake, routing and handling, rating. Mounted at /api/requests. */
export function requestRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  const readers = requireRole(...REQUEST_READERS);
  const office = requireRole(...REQUEST_OFFICE);
  return async (app) => {
    await app.register(catalogueRoutes(ctx));
    await app.register(figureRoutes(ctx));
    await app.register(requestTimeRoutes(ctx));
    await app.register(intakeRoutes(ctx));
    app.get('/meta', { preHandler: readers, schema: { tags, summary: '诉求类别、渠道、状态、操作与办理时限', response: { 200: Meta } } }, async () =>
      meta(ctx),
    );
    app.put(
      '/limits',
      { preHandler: office, schema: { tags, summary: '设置各类诉求的签收、答复时限（工作日）', body: LimitsBody, response: { 200: Meta } } },
      async (req) => {
        await setRequestLimits(db, sessionUser(req).account, req.body.limits);
        return meta(ctx);
      },
    );
    app.get(
      '/',
      {
        preHandler: readers,
        schema: { tags, summary: '诉求列表（企业仅本企业，单位工作人员仅派给本单位的）', querystring: ListQuery, response: { 200: RequestPage } },
      },
      async (req) => listRequests(db, sessionUser(req), req.query),
    );
    app.get(
      '/:requestId',
      { preHandler: readers, schema: { tags, summary: '诉求详情与办理过程', params: RequestParams, response: { 200: RequestDetail } } },
      async (req) => getRequest(db, sessionUser(req), req.params.requestId),
    );
    app.post(
      '/',
      { preHandler: requireRole('enterprise'), schema: { tags, summary: '企业在线提交诉求', body: NewRequestBody, response: { 200: Filed } } },
      async (req) => fileRequest(db, sessionUser(req), req.body, withAttachments(ctx.dataDir, req.body.attachments, sessionUser(req).account)),
    );
    app.post(
      '/intake',
      { preHandler: office, schema: { tags, summary: '工作人员登记诉求（电话、来访、座谈会、监督员、信函）', body: IntakeBody, response: { 200: Filed } } },
      async (req) => intakeRequest(db, sessionUser(req), req.body, withAttachments(ctx.dataDir, req.body.attachments, sessionUser(req).account)),
    );
    app.post(
      '/:requestId/actions',
      {
        preHandler: requireRole(...REQUEST_ACTORS),
        schema: { tags, summary: '诉求办理（派单、签收、退单、办理记录、答复）', params: RequestParams, body: StepBody, response: { 200: Moved } },
      },
      async (req) => actOnRequest(db, sessionUser(req), req.params.requestId, req.body),
    );
    app.post(
      '/:requestId/rating',
      {
        preHandler: requireRole('enterprise', 'supervisor'),
        schema: {
          tags,
          summary: '评价答复（企业；监督员、专家评价本人反映的问题；不满意则重办）',
          params: RequestParams,
          body: RateBody,
          response: { 200: Rated },
        },
      },
      async (req) => rateRequest(db, sessionUser(req), req.params.requestId, req.body),
    );
    await app.register(communicationRoutes(ctx));
  };
}
