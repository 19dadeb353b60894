import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { installAuth } from '../auth/index.js';
import { AppError, ERROR_RESPONSES, ErrorBody, type AppContext } from '../shared/index.js';
import { capabilities } from './capabilities.js';
import { open311Routes } from '../requests/index.js';
import { newRequestId, REQUEST_ID_HEADER } from './logger.js';
import { installResponseCheck } from './response-check.js';
import { sharedSchemaCompilers } from './schema-compilers.js';
import { installInputGuard } from './input-guard.js';
import { installCsrfProtection } from './csrf.js';
import { installReadCache } from './read-cache.js';
import { chineseProblems, type SchemaError } from './validation-messages.js';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BuildAppParams extends AppContext {
  /** The logger (see `createLogger`); none in API tests unless given. */
  logger?: FastifyBaseLogger;
  /** Serve the built web front end (web/dist); off in API tests. */
  serveWeb?: boolean;
  /** The built web front end's folder (default web/dist; tests use a folder of their own). */
  webDir?: string;
  /** Check every JSON response against its schema (config `checkResponses`; on in tests). */
  checkResponses?: boolean;
  /** The address people use (config `publicUrl`): with https, HSTS is sent and cookies are Secure. */
  publicUrl?: URL;
  /** The audit checkpoints' key file (config `auditKeyFile`). */
  auditKeyFile?: string;
  /** Behind a reverse proxy: which proxies to trust for the client address (config `trustProxy`). */
  trustProxy?: boolean | string;
}

export async function buildApp(p: BuildAppParams): Promise<FastifyInstance> {
  const app = Fastify({
    ...(p.logger ? { loggerInstance: p.logger } : { logger: false }),
    genReqId: newRequestId,
    trustProxy: p.trustProxy ?? false,
    bodyLimit: 20 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, verbose: true } }, // verbose: field titles for messages
    schemaController: sharedSchemaCompilers, // compiled once per process, not once per app (src/server/schema-compilers.ts)
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every response carries its request id, so that a user can quote it and staff find it in the log.
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  // Every route with a response schema also documents the error body (one shared schema).
  app.addSchema(ErrorBody);
  app.addHook('onRoute', (opts) => {
    if (opts.schema?.response) opts.schema.response = { ...ERROR_RESPONSES, ...(opts.schema.response as object) };
  });
  if (p.checkResponses ?? process.env.NODE_ENV === 'test') installResponseCheck(app, [ErrorBody]);

  // Security headers on every response. The web app loads only its own scripts; antd writes its
  // styles inline (CSS-in-JS), hence 'unsafe-inline' for styles only. No page may frame ours.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: p.publicUrl?.protocol === 'https:' ? [] : null,
      },
    },
    strictTransportSecurity: p.publicUrl?.protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  // Answers above 1 KB are compressed when the client accepts it (JSON lists, the outline; brotli at
  // a fast level). The web's built assets are compressed ahead of time and sent as they are (below).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  // Limits apply only where a route asks for them (login, anonymous calculators): `config.rateLimit`.
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 5 } });
  await app.register(swagger, {
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      info: { title: 'bizenv API', description: '营商环境改革管理平台 API', version: '0.1.0' },
      tags: [...capabilities.map((c) => ({ name: c.prefix })), { name: 'open311' }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets inline styles; nothing else of the policy is loosened, and it may not be framed either.
    transformStaticCSP: (header) =>
      header.replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline' https:").replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
  });
  installAuth(app, p.db);
  installCsrfProtection(app, { publicUrl: p.publicUrl, secureCookies: p.publicUrl?.protocol === 'https:' });
  installInputGuard(app);
  // Public reads (`publicRead` routes) answered from memory until their data changes; other answers private.
  installReadCache(app, p.db);

  // Clear errors, never a crash: AppErrors carry their status; validation errors name the field;
  // anything else is a 500, logged with its stack and request id, which the client also receives.
  app.setErrorHandler((err, req, reply) => {
    const requestId = String(req.id);
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, details: err.details ?? null, requestId } });
    }
    const e = err as { validation?: SchemaError[]; validationContext?: string; statusCode?: number; message: string; code?: string };
    if (e.validation) {
      const problems = chineseProblems(e.validationContext, e.validation);
      const message = `请求参数有误：${problems.map((x) => x.message).join('；') || '格式不正确'}`;
      return reply.status(400).send({ error: { code: 'invalid_request', message, details: problems, requestId } });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ error: { code: e.code ?? 'bad_request', message: e.message, details: null, requestId } });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: `服务器内部错误，请稍后重试（请求编号 ${requestId}）`, details: null, requestId } });
  });

  const ctx: AppContext = { db: p.db, dataDir: p.dataDir, publicUrl: p.publicUrl, auditKeyFile: p.auditKeyFile };
  await app.register(
    async (api) => {
      for (const c of capabilities) await api.register(c.routes(ctx), { prefix: `/${c.prefix}` });
      api.get('/health', { schema: { tags: ['auth'], hide: true, response: { 200: Type.Object({ ok: Type.Literal(true) }) } } }, async () => ({
        ok: true as const,
      }));
    },
    { prefix: '/api' },
  );
  // Open311 GeoReport v2 for existing service-request clients (a unit's API token): outside /api, as the standard's paths.
  await app.register(open311Routes(ctx), { prefix: '/open311/v2' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = p.webDir ?? webDist;
  if (p.serveWeb !== false && fs.existsSync(path.join(webRoot, 'index.html'))) {
    // `wildcard: true`: files are looked up per request, so a web build made while the server runs is
    // served (no list of files taken at start). Hashed assets never change: cached for a year;
    // index.html (and other unhashed files) is revalidated each time, so a new build is seen at once.
    // `preCompressed`: the build's .br/.gz copies are sent when the browser accepts them.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        const hashed = path.relative(webRoot, file).split(path.sep)[0] === 'assets';
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Single-page app: every non-API path that is not a file gets index.html.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/'))
        return reply.status(404).send({ error: { code: 'not_found', message: '接口不存在', details: null, requestId: String(req.id) } });
      // A missing hashed asset (an old page asking for a chunk of a previous build) is a 404, not the page.
      if (req.url.startsWith('/assets/'))
        return reply.status(404).send({ error: { code: 'not_found', message: '文件不存在', details: null, requestId: String(req.id) } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
