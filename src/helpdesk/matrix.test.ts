import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { loginAs, multipart, samplePlanApp, type SessionHeaders } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { createFaq, createSynonym } from './faq-store.js';
import crypto from 'node:crypto';
import { setOfficeHours, startChat } from './live-chat-store.js';

type Who = 'visitor' | 'office' | 'admin' | 'leader' | 'unit' | 'firm' | 'supervisor';
const ALL: Who[] = ['visitor', 'office', 'admin', 'leader', 'unit', 'firm', 'supervisor'];
const OFFICE: Who[] = ['office', 'admin'];
/** Who keeps a chat conversation (staff trying questions are not logged: 403). */
const ASKERS: Who[] = ['visitor', 'firm', 'supervisor'];
/** Live chat: the party (a visitor by its token, an enterprise by its session) and the console (office and unit staff). */
const PARTY: Who[] = ['visitor', 'firm'];
const LIVE_STAFF: Who[] = ['office', 'admin', 'unit'];

/**
 * The permission matrix: every helpdesk route × every role. Anyone asks (visitors too); the office keeps the FAQ and
 * the synonyms. "Allowed" means neither 401 nor 403 (nor a 5xx); "refused" means exactly 403 (401 for a visitor).
 * A route missing here fails the test.
 */
const MATRIX: Record<string, Who[]> = {
  'POST /api/helpdesk/ask': ALL,
  'GET /api/helpdesk/status': OFFICE,
  'GET /api/helpdesk/faq': OFFICE,
  'POST /api/helpdesk/faq': OFFICE,
  'GET /api/helpdesk/faq.xlsx': OFFICE,
  'POST /api/helpdesk/faq/import': OFFICE,
  'GET /api/helpdesk/faq/{faqId}': OFFICE,
  'PUT /api/helpdesk/faq/{faqId}': OFFICE,
  'DELETE /api/helpdesk/faq/{faqId}': OFFICE,
  'GET /api/helpdesk/synonyms': OFFICE,
  'POST /api/helpdesk/synonyms': OFFICE,
  'PUT /api/helpdesk/synonyms/{synonymId}': OFFICE,
  'DELETE /api/helpdesk/synonyms/{synonymId}': OFFICE,
  'POST /api/helpdesk/conversations/{conversationId}/clicks': ASKERS,
  'POST /api/helpdesk/conversations/{conversationId}/ratings': ASKERS,
  'POST /api/helpdesk/conversations/{conversationId}/handoff': ASKERS,
  'GET /api/helpdesk/misses': OFFICE,
  'POST /api/helpdesk/misses/faq': OFFICE,
  'GET /api/helpdesk/live/status': ALL,
  'GET /api/helpdesk/live/hours': OFFICE,
  'PUT /api/helpdesk/live/hours': OFFICE,
  'POST /api/helpdesk/live/chat': PARTY,
  'GET /api/helpdesk/live/chat': PARTY,
  'POST /api/helpdesk/live/chat/messages': PARTY,
  'POST /api/helpdesk/live/chat/close': PARTY,
  'GET /api/helpdesk/live/queue': LIVE_STAFF,
  'GET /api/helpdesk/live/targets': LIVE_STAFF,
  'GET /api/helpdesk/live/canned': LIVE_STAFF,
  'GET /api/helpdesk/live/chats/{chatId}': LIVE_STAFF,
  'POST /api/helpdesk/live/chats/{chatId}/accept': LIVE_STAFF,
  'POST /api/helpdesk/live/chats/{chatId}/messages': LIVE_STAFF,
  'POST /api/helpdesk/live/chats/{chatId}/transfer': LIVE_STAFF,
  'POST /api/helpdesk/live/chats/{chatId}/close': LIVE_STAFF,
};

const faq = (code: string) => ({
  code,
  question: `矩阵测试问题${code}`,
  variants: [],
  answer: '矩阵测试答案。',
  sourceDocument: '渝中府办〔2021〕16号',
  sourceArticle: '第21条',
  sourcePath: null,
  unitName: null,
  validFrom: null,
  validTo: null,
});

describeStore('helpdesk permission matrix', (ctx) => {
  let app: FastifyInstance;
  let headers: Record<Exclude<Who, 'visitor'>, SessionHeaders>;
  let units: { water: number; finance: number };
  let firmId: number;
  const loggedChat = async (enterpriseId: number | null) => {
    const c = await ctx.db
      .insertInto('helpdesk_conversation')
      .values({ token: crypto.randomUUID(), enterprise_id: enterpriseId })
      .returning(['id', 'token'])
      .executeTakeFirstOrThrow();
    const q = await ctx.db
      .insertInto('helpdesk_question')
      .values({
        conversation_id: c.id,
        question: '无人机航拍需要审批吗',
        confident: false,
        answers: JSON.stringify([{ key: 'faq:MX1', title: 't', coverage: 0.2 }]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { conversationId: c.token, questionId: q.id, answers: [{ key: 'faq:MX1' }] };
  };
  beforeAll(async () => {
    const s = await samplePlanApp(ctx);
    units = { water: s.waterUnit, finance: s.financeUnit };
    // Live chat open all day, every day, whenever the test runs.
    await setOfficeHours(ctx.db, 'test', { periods: [{ from: '00:00', to: '24:00' }], everyDay: true });
    app = s.app;
    const firm = (
      await createEnterprise(ctx.db, { creditCode: completeCreditCode('91500103MA5UH101A'), name: '矩阵客服科技有限公司', industryCode: '6510' }, 'test')
    ).id;
    firmId = firm;
    headers = {
      office: s.office,
      leader: s.leader,
      unit: s.water,
      admin: await loginAs(app, ctx, { account: 'hd-admin', role: 'admin' }),
      firm: await loginAs(app, ctx, { account: 'hd-firm', role: 'enterprise', enterpriseId: firm }),
      supervisor: await loginAs(app, ctx, { account: 'hd-sup', role: 'supervisor' }),
    };
  });

  it('answers every helpdesk route for every role as declared', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/helpdesk/'))
      .flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
    const wrong: string[] = [];
    let n = 0;
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const who of ALL) {
        n++;
        // A fresh entry per call, so that every allowed PUT/DELETE has something to act on.
        const faqId = (await createFaq(ctx.db, 'test', faq(`MX${n}`))).id;
        const synonymId = (await createSynonym(ctx.db, 'test', { words: [`甲${n}`, `乙${n}`], note: null })).id;
        // A fresh conversation of the caller (a visitor's for anyone but the firm) and a logged question in it.
        // (Rows written directly: asking would rebuild the index after every FAQ created above.)
        const chat = await loggedChat(who === 'firm' ? firmId : null);
        let payload: object | Buffer | undefined;
        let sent: Record<string, string> = who === 'visitor' ? {} : headers[who];
        if (route === 'POST /api/helpdesk/ask') payload = { question: '用水报装要多久' };
        if (route === 'POST /api/helpdesk/faq') payload = faq(`NEW${n}`);
        if (route === 'PUT /api/helpdesk/faq/{faqId}') payload = faq(`MX${n}`);
        if (route.startsWith('POST /api/helpdesk/synonyms') || route.startsWith('PUT /api/helpdesk/synonyms'))
          payload = { words: [`丙${n}`, `丁${n}`], note: null };
        if (route.endsWith('/clicks')) payload = { questionId: chat.questionId, key: chat.answers[0]!.key };
        if (route.endsWith('/ratings')) payload = { questionId: chat.questionId, rating: 'down' };
        if (route.endsWith('/handoff')) payload = { contactName: '矩阵', contactPhone: '13800138000' };
        if (route === 'POST /api/helpdesk/misses/faq') payload = { questionIds: [chat.questionId], faq: faq(`MF${n}`) };
        if (route === 'POST /api/helpdesk/faq/import') {
          const file = multipart('faq.csv', Buffer.from(`编号,问题,答案,来源文件\nIMP${n},导入问题${n},导入答案,渝中府办〔2021〕16号\n`));
          sent = { ...sent, ...file.headers };
          payload = file.payload;
        }
        // Live chat: a fresh visitor chat in the water unit's queue per call (accepted first by the caller where a
        // reply, transfer or close needs it); the firm's open chat for its own routes.
        // Only for live-chat routes, with the chats of earlier calls closed (the queue holds at most 200 open chats).
        const live = route.includes('/api/helpdesk/live/');
        if (live) await ctx.db.updateTable('helpdesk_chat').set({ status: 'closed' }).where('status', '<>', 'closed').execute();
        const visitorChat = live ? await startChat(ctx.db, { party: { kind: 'visitor' }, name: '矩阵访客', question: `在线咨询${n}` }) : null;
        const chatId = visitorChat?.poll.chat.id ?? 0;
        if (live) await ctx.db.updateTable('helpdesk_chat').set({ unit_id: units.water }).where('id', '=', chatId).execute();
        if (route.startsWith('POST /api/helpdesk/live/chat/') || route === 'GET /api/helpdesk/live/chat') {
          if (who === 'visitor') sent = { 'x-chat-token': visitorChat!.token! };
          if (who === 'firm') await startChat(ctx.db, { party: { kind: 'enterprise', enterpriseId: firmId }, name: null, question: '企业在线咨询' });
        }
        if (route === 'POST /api/helpdesk/live/chat') payload = { name: null, question: '在线咨询开办企业' };
        if (route === 'POST /api/helpdesk/live/chat/messages') payload = { body: '还有一个问题' };
        if (route === 'PUT /api/helpdesk/live/hours') payload = { periods: [{ from: '00:00', to: '24:00' }], everyDay: true };
        if (route === 'POST /api/helpdesk/live/chats/{chatId}/messages') payload = { body: '您好，请讲', faqCode: null };
        if (route === 'POST /api/helpdesk/live/chats/{chatId}/transfer') payload = { accountId: null, unitId: units.finance };
        if (/live\/chats\/\{chatId\}\/(messages|transfer|close)/.test(route) && who !== 'visitor' && MATRIX[route]!.includes(who))
          await app.inject({ method: 'POST', url: `/api/helpdesk/live/chats/${chatId}/accept`, headers: sent });
        const url = pattern
          .replace('{faqId}', String(faqId))
          .replace('{synonymId}', String(synonymId))
          .replace('{chatId}', String(chatId))
          .replace('{conversationId}', chat.conversationId!)
          .replace('/live/canned', '/live/canned?q=%E5%BC%80%E5%8A%9E');
        const res = await app.inject({ method: method as 'GET', url, headers: sent, payload });
        const allowed = MATRIX[route]!.includes(who);
        const expected = who === 'visitor' ? 401 : 403;
        if (allowed ? [401, 403].includes(res.statusCode) || res.statusCode >= 400 : res.statusCode !== expected)
          wrong.push(`${route} as ${who}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);
});
