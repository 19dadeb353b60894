import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from './db.js';
import { createTestApp } from './app.js';

/**
 * Routes a visitor may call without logging in, each with the reason. Every other route of the
 * OpenAPI document must answer 401 to a visitor: a new route that forgets its role check fails here.
 */
const PUBLIC: Array<[method: string, pattern: RegExp, why: string]> = [
  ['POST', /^\/api\/auth\/(login|logout)$/, 'logging in and out'],
  ['GET', /^\/api\/auth\/me$/, 'tells a visitor that no one is logged in'],
  ['GET', /^\/api\/plan\//, 'the plan is a published document (此件公开发布)'],
  ['GET', /^\/api\/calendar\//, 'the official holiday arrangement and deadline calculator are public information'],
  ['GET', /^\/api\/enterprises\/(reference|check-code\/\{code\}|size)$/, 'public tools: credit-code check, size class, industry table'],
  ['GET', /^\/api\/policies\/(|facets|\{id\}|\{id\}\/attachments\/\{key\})$/, 'published policies and their attachments are public (惠企政策一网速查)'],
  ['POST', /^\/api\/policies\/calculator\/try$/, '政策计算器 for visitors (short form, nothing stored)'],
  ['GET', /^\/api\/inspections\/exemptions\/$/, 'the 免罚清单 is published (包容审慎监管)'],
  ['GET', /^\/api\/inspections\/results\/(meta|publication-due)$/, 'result categories and the 20-working-day publication rule are public (一公开)'],
  ['GET', /^\/api\/inspections\/public\/draws(\/\{drawId\}(\/proof)?)?$/, '一公开: published draws and their proofs, so that anyone can verify them'],
  ['GET', /^\/api\/inspections\/public\/plans(\/\{year\})?$/, "一公开: the published annual joint plan (国发〔2019〕5号), without inspectors' personal data"],
  ['GET', /^\/api\/inspections\/public\/results\/(first-offence)?$/, '一公开: published inspection results and 首违不罚 counts (企业信息公示暂行条例 第六条)'],
  [
    'POST',
    /^\/api\/helpdesk\/conversations\/\{conversationId\}\/(clicks|ratings|handoff)$/,
    "智能客服: a visitor's own conversation, addressed by its random id (转人工 rate-limited)",
  ],
  ['GET', /^\/api\/helpdesk\/live\/status$/, '在线人工: whether staff are on duty now'],
  ['GET', /^\/api\/helpdesk\/live\/chat$/, "在线人工: a visitor's own chat, addressed by its unguessable token (x-chat-token)"],
  ['POST', /^\/api\/helpdesk\/live\/chat(\/messages|\/close)?$/, '在线人工: a visitor starts and keeps its own chat by its token (rate-limited)'],
  ['POST', /^\/api\/helpdesk\/ask$/, '智能客服: anyone may ask (rate-limited; nothing personal kept for a visitor)'],
  ['GET', /^\/api\/finance\/(products|public\/figures)$/, '渝中融: the public product catalogue and district totals (no firm, no bank staff)'],
  ['GET', /^\/api\/requests\/public\/figures$/, 'district figures of enterprise requests (no unit, no firm, no person)'],
  [
    'POST',
    /^\/api\/requests\/public(\/follow|\/attachments\/\{attachmentId\})?$/,
    'anyone files a request without an account and follows it with its number and query code (rate-limited)',
  ],
  ['GET', /^\/open311\/v2\//, 'Open311 GeoReport v2: services are public; requests need a unit API token (api_key), not a session'],
  ['POST', /^\/open311\/v2\//, 'Open311 GeoReport v2: filing needs a unit API token (api_key), not a session'],
];

describeStore('access control', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(ctx);
  });

  it('refuses every non-public route to a visitor', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const checked: string[] = [];
    const leaks: string[] = [];
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const m of Object.keys(methods)) {
        const method = m.toUpperCase();
        if (PUBLIC.some(([pm, re]) => pm === method && re.test(p))) continue;
        const url = p.replace(/\{[^}]+\}/g, '1');
        const res = await app.inject({ method: method as 'GET', url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
        checked.push(`${method} ${p}`);
        if (res.statusCode !== 401) leaks.push(`${method} ${p} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked.length).toBeGreaterThan(3);
  });
});
