import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { installAuth } from '../auth/index.js';
import { AppError, type AppContext } from '../shared/index.js';
import { capabilities } from './capabilities.js';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BuildAppParams extends AppContext {
  logger?: boolean;
  /** Serve the built web front end (web/dist); off in API tests. */
  serveWeb?: boolean;
}

export async function buildApp(p: BuildAppParams): Promise<FastifyInstance> {
  const app = Fastify({
    logger: p.logger ? { level: 'info' } : false,
    bodyLimit: 20 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(cookie);
  // Limits apply only where a route asks for them (login, anonymous calculators): `config.rateLimit`.
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'bizenv API', description: '营商环境改革管理平台 API', version: '0.1.0' },
      tags: capabilities.map((c) => ({ name: c.prefix })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, p.db);

  // Clear errors, never a crash: AppErrors carry their status; validation errors name the field.
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, details: err.details ?? null } });
    }
    const e = err as { validation?: unknown; statusCode?: number; message: string; code?: string };
    if (e.validation) {
      return reply.status(400).send({ error: { code: 'invalid_request', message: `请求参数有误：${e.message}`, details: e.validation } });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ error: { code: e.code ?? 'bad_request', message: e.message, details: null } });
    }
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试', details: null } });
  });

  const ctx: AppContext = { db: p.db, dataDir: p.dataDir };
  await app.register(async (api) => {
    for (const c of capabilities) await api.register(c.routes(ctx), { prefix: `/${c.prefix}` });
    api.get('/health', { schema: { tags: ['auth'], hide: true } }, async () => ({ ok: true }));
  }, { prefix: '/api' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (p.serveWeb !== false && fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // Single-page app: every non-API path that is not a file gets index.html.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'not_found', message: '接口不存在', details: null } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
