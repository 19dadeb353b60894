import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { unitForToken } from '../auth/index.js';
import { AppError, ForbiddenError, type AppContext } from '../shared/index.js';
import {
  Open311ErrorResponses,
  Open311Filed,
  Open311KeyQuery,
  Open311ListQuery,
  Open311NewRequest,
  Open311RequestParams,
  Open311Requests,
  Open311Service,
} from './intake-api.js';
import { open311File, open311Get, open311List, open311Services } from './open311-store.js';
import { Type } from '@sinclair/typebox';

const tags = ['open311'];

/** The unit of the API token sent as `Authorization: Bearer …` or as Open311's `api_key` (403 otherwise, as Open311 says). */
async function unitOf(ctx: AppContext, authorization: string | undefined, apiKey: string | undefined): Promise<number> {
  const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  const token = bearer ?? apiKey;
  const t = token ? await unitForToken(ctx.db, token) : null;
  if (!t) throw new ForbiddenError(token ? 'api_key 无效或已停用' : '缺少 api_key（单位 API 令牌，由营商办签发）');
  return t.unitId;
}

/** Open311's form posts (`application/x-www-form-urlencoded`); `attribute[…]` fields are not used (no service has metadata). */
function formFields(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) if (!k.startsWith('attribute[') && !Object.hasOwn(out, k)) out[k] = v;
  return out;
}

/** A schema error in Chinese, naming the Open311 parameter. */
function validationText(v: Array<{ instancePath?: string; keyword?: string; params?: Record<string, unknown> }>): string {
  return v
    .map((e) => {
      const name = e.keyword === 'required' ? String(e.params?.missingProperty ?? '') : (e.instancePath ?? '').replace(/^\//, '');
      return e.keyword === 'required' ? `缺少参数“${name}”` : `参数“${name}”格式不正确`;
    })
    .join('；');
}

/**
 * Open311 GeoReport v2 (JSON only), mounted at /open311/v2: services, filing and reading requests with a unit's API
 * token. Errors are Open311's `[{ code, description }]` (description in Chinese). See docs/open311.md.
 */
export function open311Routes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const { db } = ctx;
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, formFields(typeof body === 'string' ? body : body.toString('utf8')));
    });
    app.setErrorHandler((err, req, reply) => {
      if (err instanceof AppError) return reply.status(err.statusCode).send([{ code: err.statusCode, description: err.message }]);
      const e = err as {
        validation?: Array<{ instancePath?: string; keyword?: string; params?: Record<string, unknown> }>;
        statusCode?: number;
        message: string;
      };
      if (e.validation) return reply.status(400).send([{ code: 400, description: `请求参数有误：${validationText(e.validation)}` }]);
      if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.status(e.statusCode).send([{ code: e.statusCode, description: e.message }]);
      req.log.error({ err }, 'request failed');
      return reply.status(500).send([{ code: 500, description: `服务器内部错误，请稍后重试（请求编号 ${req.id}）` }]);
    });
    app.get(
      '/services.json',
      {
        schema: {
          tags,
          summary: 'Open311：服务（诉求类别）列表',
          querystring: Open311KeyQuery,
          response: { 200: Type.Array(Open311Service), ...Open311ErrorResponses },
        },
      },
      async () => open311Services(),
    );
    app.post(
      '/requests.json',
      {
        schema: {
          tags,
          summary: 'Open311：提交诉求（单位 API 令牌）',
          body: Open311NewRequest,
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          response: { 200: Open311Filed, ...Open311ErrorResponses },
        },
      },
      async (req) => open311File(db, await unitOf(ctx, req.headers.authorization, req.body.api_key), req.body),
    );
    app.get(
      '/requests.json',
      {
        schema: {
          tags,
          summary: 'Open311：本单位提交或承办的诉求',
          querystring: Open311ListQuery,
          response: { 200: Open311Requests, ...Open311ErrorResponses },
        },
      },
      async (req) => open311List(db, await unitOf(ctx, req.headers.authorization, req.query.api_key), req.query),
    );
    app.get(
      '/requests/:id.json',
      {
        schema: {
          tags,
          summary: 'Open311：一件诉求',
          params: Open311RequestParams,
          querystring: Open311KeyQuery,
          response: { 200: Open311Requests, ...Open311ErrorResponses },
        },
      },
      async (req) => open311Get(db, await unitOf(ctx, req.headers.authorization, req.query.api_key), req.params.id),
    );
  };
}
