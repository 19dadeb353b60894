import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/server/logger.js';
import { buildApp } from '../src/server/app.js';
import { openApiDocument, WEB_TYPES_FILE, webTypesSource } from '../src/server/openapi.js';
import { describeStore } from './db.js';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

describe('contracts', () => {
  it('the web’s generated API types are up to date (npm run gen:api)', async () => {
    const current = fs.readFileSync(WEB_TYPES_FILE, 'utf8');
    expect(current === (await webTypesSource()), 'web/src/generated/api.d.ts is stale: run npm run gen:api').toBe(true);
  });

  it('every route declares its success response', async () => {
    const doc = (await openApiDocument()) as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = Object.entries(op.responses ?? {}).some(([code, r]) => /^2/.test(code) && r.content && Object.values(r.content).some((c) => c.schema));
        if (!ok) missing.push(`${method.toUpperCase()} ${p}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('bounds every string and array a request may carry (params, query, body)', async () => {
    type S = Record<string, unknown>;
    const doc = (await openApiDocument()) as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ name: string; in: string; schema: S }>; requestBody?: { content: Record<string, { schema: S }> } }>
      >;
      components?: { schemas?: Record<string, S> };
    };
    const unbounded: string[] = [];
    const walk = (s: S | undefined, at: string, refs: Set<string>) => {
      if (!s) return;
      if (typeof s.$ref === 'string') {
        const name = s.$ref.split('/').pop()!;
        if (!refs.has(name)) walk(doc.components?.schemas?.[name], `${at}→${name}`, new Set([...refs, name]));
        return;
      }
      if (s.type === 'string' && s.maxLength === undefined && !s.enum && s.const === undefined && !s.pattern && !s.format) unbounded.push(at);
      if (s.type === 'array' && s.maxItems === undefined) unbounded.push(`${at}[]`);
      for (const k of ['anyOf', 'oneOf', 'allOf']) for (const x of (s[k] as S[] | undefined) ?? []) walk(x, at, refs);
      if (s.items) walk(s.items as S, `${at}[]`, refs);
      for (const [k, v] of Object.entries((s.properties as Record<string, S>) ?? {})) walk(v, `${at}.${k}`, refs);
    };
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        for (const prm of op.parameters ?? []) walk(prm.schema, `${m.toUpperCase()} ${p} ${prm.in}.${prm.name}`, new Set());
        for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema, `${m.toUpperCase()} ${p} body`, new Set());
      }
    expect(unbounded).toEqual([]);
  });

  it('route files read request data without casts and the user without `!`', () => {
    const files = fs
      .readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((f) => /routes?\.ts$|-routes\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => path.join('src', f));
    expect(files.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const f of files) {
      fs.readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/req\.user!/.test(line)) problems.push(`${f}:${i + 1} req.user!`);
          if (/req\.(params|query|body|headers)\b[^;]*\bas\b/.test(line)) problems.push(`${f}:${i + 1} cast of request data`);
        });
    }
    expect(problems).toEqual([]);
  });
});

describeStore('errors reach the log and the client with one request id', (ctx) => {
  it('logs a 500 with its stack and request id, and returns the id in the header and body', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const app = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false, logger: createLogger({ logLevel: 'info', logFormat: 'json' }, sink) });
    app.get('/api/test-boom', { schema: { response: { 200: Type.Object({}) } } }, async () => {
      throw new Error('boom in a handler');
    });
    const res = await app.inject({ url: '/api/test-boom' });
    expect(res.statusCode).toBe(500);
    const id = res.headers['x-request-id'];
    expect(typeof id).toBe('string');
    expect(res.json().error.requestId).toBe(id);
    expect(res.json().error.message).toContain(String(id));
    const logged = lines.map((l) => JSON.parse(l) as { level: number; reqId?: string; err?: { message: string; stack: string } }).find((l) => l.level === 50);
    expect(logged?.reqId).toBe(id);
    expect(logged?.err?.message).toBe('boom in a handler');
    expect(logged?.err?.stack).toContain('contracts.test.ts');
    await app.close();
  });

  it('a response that drifts from its schema is a 500 naming the field (in tests and development)', async () => {
    const app = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false, checkResponses: true });
    app.get('/api/test-drift', { schema: { response: { 200: Type.Object({ a: Type.String() }) } } }, async () => ({ a: 'x', secret: 1 }) as { a: string });
    app.get('/api/test-type', { schema: { response: { 200: Type.Object({ a: Type.String() }) } } }, async () => ({ a: 1 }) as unknown as { a: string });
    expect((await app.inject({ url: '/api/test-drift' })).statusCode).toBe(500);
    expect((await app.inject({ url: '/api/test-type' })).statusCode).toBe(500);
    const off = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false, checkResponses: false });
    off.get('/api/test-drift', { schema: { response: { 200: Type.Object({ a: Type.String() }) } } }, async () => ({ a: 'x', secret: 1 }) as { a: string });
    expect((await off.inject({ url: '/api/test-drift' })).json()).toEqual({ a: 'x' });
    await app.close();
    await off.close();
  });
});

describe('docs/architecture.md', () => {
  it('lists each folder’s public API as its index.ts exports it (npm run gen:docs)', async () => {
    const { ARCHITECTURE, architectureWithApi } = await import('./public-api.js');
    const text = fs.readFileSync(ARCHITECTURE, 'utf8');
    expect(text === architectureWithApi(text), 'the public API section is stale: run npm run gen:docs').toBe(true);
  });
});

describeStore('validation errors', (ctx) => {
  it('are answered in Chinese, naming the field, with the problems as details', async () => {
    const app = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false });
    const res = await app.inject({ url: '/api/calendar/year/abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('请求参数有误：路径参数 字段“year”应为整数');
    expect(res.json().error.details).toEqual([{ field: 'year', message: '路径参数 字段“year”应为整数' }]);
    expect(res.body).not.toMatch(/must /);
    await app.close();
  });
});
