import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, samplePlanApp, type SessionHeaders } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { groupMisses, termOverlap } from './core/index.js';
import { refreshHelpdesk } from './knowledge-cache.js';
import { setOfficeHours } from './live-chat-store.js';
import { cut } from './segment.js';
import { textTerms } from './core/index.js';

interface Asked {
  confident: boolean;
  conversationId: string | null;
  questionId: number | null;
  answers: Array<{ key: string; text: string }>;
}
interface Miss {
  question: string;
  count: number;
  unanswered: number;
  down: number;
  wordings: Array<{ text: string; count: number }>;
  questionIds: number[];
}

describe('misses grouping (pure)', () => {
  const terms = (t: string) => textTerms(t, cut);
  const at = new Date('2026-11-01T08:00:00Z');
  it('puts the wordings of one question together and keeps unrelated ones apart, most asked first', () => {
    const qs = ['无人机航拍需要审批吗', '无人机航拍要审批吗？', '无人机航拍需要审批吗', '宠物可以带进政务中心吗', '宠物能带进政务中心吗'];
    const groups = groupMisses(
      qs.map((question, i) => ({ id: i + 1, question, unanswered: i !== 1, down: i === 1, askedAt: new Date(at.getTime() + i * 1000) })),
      terms,
    );
    expect(groups.map((g) => [g.question, g.count, g.unanswered, g.down])).toEqual([
      ['无人机航拍需要审批吗', 3, 2, 1],
      ['宠物能带进政务中心吗', 2, 2, 0],
    ]);
    expect(groups[0]!.wordings).toEqual([
      { text: '无人机航拍需要审批吗', count: 2 },
      { text: '无人机航拍要审批吗？', count: 1 },
    ]);
    expect(groups[0]!.questionIds).toEqual([1, 2, 3]);
  });
  it('measures overlap by the ranking weights (identical 1, disjoint 0)', () => {
    const a = new Set(terms('无人机航拍需要审批吗'));
    expect(termOverlap(a, a)).toBe(1);
    expect(termOverlap(a, new Set(terms('宠物能带进政务中心吗')))).toBe(0);
  });
});

describeStore('helpdesk logs: questions, clicks, ratings, misses → FAQ, 转人工', (ctx) => {
  let app: FastifyInstance;
  let office: SessionHeaders;
  let firm: SessionHeaders;
  let firmId: number;
  const ask = async (question: string, conversationId?: string | null, headers: SessionHeaders | Record<string, never> = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/helpdesk/ask',
      headers,
      payload: conversationId ? { question, conversationId } : { question },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as Asked;
  };
  const post = (url: string, payload: object, headers: SessionHeaders | Record<string, never> = {}) => app.inject({ method: 'POST', url, headers, payload });
  beforeAll(async () => {
    const s = await samplePlanApp(ctx);
    app = s.app;
    office = s.office;
    firmId = (
      await createEnterprise(ctx.db, { creditCode: completeCreditCode('91500103MA5UH202A'), name: '日志客服科技有限公司', industryCode: '6510' }, 'test')
    ).id;
    firm = await loginAs(app, ctx, { account: 'log-firm', role: 'enterprise', enterpriseId: firmId });
    await refreshHelpdesk(ctx.db);
  });

  it('logs a visitor’s questions in one conversation, with clicks and ratings, and nothing personal', async () => {
    const a = await ask('用水报装要多长时间？');
    expect(a.confident).toBe(true);
    expect(a.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    const b = await ask('无人机航拍需要审批吗', a.conversationId);
    expect(b.conversationId).toBe(a.conversationId);
    expect(b.confident).toBe(false);
    const base = `/api/helpdesk/conversations/${a.conversationId}`;
    expect((await post(`${base}/clicks`, { questionId: a.questionId, key: a.answers[0]!.key })).statusCode).toBe(200);
    expect((await post(`${base}/clicks`, { questionId: a.questionId, key: 'faq:NOPE' })).statusCode).toBe(400);
    expect((await post(`${base}/ratings`, { questionId: a.questionId, rating: 'up' })).statusCode).toBe(200);
    // Another conversation's question, or a staff member: refused.
    const other = await ask('宠物能带进政务中心吗');
    expect((await post(`${base}/ratings`, { questionId: other.questionId, rating: 'down' })).statusCode).toBe(404);
    expect((await post(`${base}/ratings`, { questionId: a.questionId, rating: 'down' }, office)).statusCode).toBe(403);
    // The firm cannot act on the visitor's conversation.
    expect((await post(`${base}/ratings`, { questionId: a.questionId, rating: 'down' }, firm)).statusCode).toBe(404);

    const conv = await ctx.db.selectFrom('helpdesk_conversation').selectAll().where('token', '=', a.conversationId!).executeTakeFirstOrThrow();
    expect(conv.enterprise_id).toBeNull();
    const rows = await ctx.db.selectFrom('helpdesk_question').selectAll().where('conversation_id', '=', conv.id).orderBy('id').execute();
    expect(rows.map((r) => [r.question, r.confident, r.clicked_key, r.rating])).toEqual([
      ['用水报装要多长时间？', true, a.answers[0]!.key, 'up'],
      ['无人机航拍需要审批吗', false, null, null],
    ]);
    expect(rows[0]!.answers.map((x) => x.key)).toEqual(a.answers.map((x) => x.key));
    // Staff trying questions are not logged.
    const tried = await ask('无人机航拍需要审批吗', null, office);
    expect([tried.conversationId, tried.questionId]).toEqual([null, null]);
  });

  it('keeps the enterprise of a logged-in firm, and a firm’s id is not the visitor’s', async () => {
    const a = await ask('社保怎么开户', null, firm);
    const conv = await ctx.db.selectFrom('helpdesk_conversation').selectAll().where('token', '=', a.conversationId!).executeTakeFirstOrThrow();
    expect(conv.enterprise_id).toBe(firmId);
    // A visitor sending the firm's conversation id gets a new conversation.
    const v = await ask('社保怎么开户', a.conversationId);
    expect(v.conversationId).not.toBe(a.conversationId);
    expect((await post(`/api/helpdesk/conversations/${a.conversationId}/ratings`, { questionId: a.questionId, rating: 'down' })).statusCode).toBe(404);
  });

  it('groups misses (unanswered and 👎) for the office and turns a group into an FAQ entry that then answers', async () => {
    for (const q of ['无人机航拍需要审批吗', '无人机航拍要审批吗？']) await ask(q);
    const down = await ask('用水报装要多长时间？');
    await post(`/api/helpdesk/conversations/${down.conversationId}/ratings`, { questionId: down.questionId, rating: 'down' });
    const res = await app.inject({ url: '/api/helpdesk/misses', headers: office });
    expect(res.statusCode).toBe(200);
    const groups = res.json() as Miss[];
    const drone = groups.find((g) => g.question.startsWith('无人机航拍'))!;
    expect(drone.count).toBe(3); // the first test's and these two (the office's try is not logged)
    expect(drone.unanswered).toBe(3);
    expect(drone.wordings.map((w) => w.text).sort()).toEqual(['无人机航拍要审批吗？', '无人机航拍需要审批吗']);
    expect(groups.some((g) => g.question === '用水报装要多长时间？' && g.down === 1)).toBe(true);

    const made = await post(
      '/api/helpdesk/misses/faq',
      {
        questionIds: drone.questionIds,
        faq: {
          code: 'X001',
          question: drone.question,
          variants: drone.wordings.map((w) => w.text).filter((t) => t !== drone.question),
          answer: '在渝中区航拍须向空管部门申请空域（测试）。',
          sourceDocument: null,
          sourceArticle: null,
          sourcePath: '/calendar',
          unitName: null,
          validFrom: null,
          validTo: null,
        },
      },
      office,
    );
    expect(made.statusCode).toBe(200);
    expect(made.json()).toMatchObject({ resolved: 3, faq: { code: 'X001' } });
    const after = (await app.inject({ url: '/api/helpdesk/misses', headers: office })).json() as Miss[];
    expect(after.some((g) => g.question.startsWith('无人机航拍'))).toBe(false);
    const again = await ask('无人机航拍需要审批吗');
    expect(again.confident).toBe(true);
    expect(again.answers[0]!.key).toBe('faq:X001');
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'helpdesk.faq.create').execute();
    expect(audit.length).toBeGreaterThan(0);
    // A duplicate code writes nothing (the questions stay misses of no entry).
    const dup = await post('/api/helpdesk/misses/faq', { questionIds: [down.questionId], faq: { ...made.json().faq, id: undefined } }, office);
    expect(dup.statusCode).toBe(400);
  });

  it('hands a visitor’s conversation off as an anonymous request (mobile required), once', async () => {
    const a = await ask('外资企业设立分公司有什么特别要求吗');
    await ask('无人驾驶测试牌照去哪办', a.conversationId);
    const url = `/api/helpdesk/conversations/${a.conversationId}/handoff`;
    const bad = await post(url, { contactName: '张先生', contactPhone: '023-63891234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('contactPhone');
    const res = await post(url, { contactName: '张先生', contactPhone: '13800138000' });
    expect(res.statusCode).toBe(200);
    const h = res.json() as { number: string; queryCode: string | null };
    expect(h.queryCode).toBeTruthy();
    const item = await ctx.db.selectFrom('request_item').selectAll().where('number', '=', h.number).executeTakeFirstOrThrow();
    expect(item.enterprise_id).toBeNull();
    expect(item.category).toBe('咨询');
    expect(item.description).toContain('无人驾驶测试牌照去哪办');
    expect(item.description).toContain('外资企业设立分公司有什么特别要求吗');
    const conv = await ctx.db.selectFrom('helpdesk_conversation').selectAll().where('token', '=', a.conversationId!).executeTakeFirstOrThrow();
    expect([conv.handoff_kind, conv.request_number]).toEqual(['request', h.number]);
    expect((await post(url, { contactName: '张先生', contactPhone: '13800138000' })).statusCode).toBe(409);
  });

  it('hands a firm’s conversation off as the firm’s own request', async () => {
    const a = await ask('无人驾驶测试牌照去哪办', null, firm);
    const res = await post(`/api/helpdesk/conversations/${a.conversationId}/handoff`, { contactName: '李经理', contactPhone: '023-63891234' }, firm);
    expect(res.statusCode).toBe(200);
    const h = res.json() as { number: string; queryCode: string | null };
    expect(h.queryCode).toBeNull();
    const item = await ctx.db.selectFrom('request_item').selectAll().where('number', '=', h.number).executeTakeFirstOrThrow();
    expect(item.enterprise_id).toBe(firmId);
    const seen = await app.inject({ url: `/api/requests/${item.id}`, headers: firm });
    expect(seen.statusCode).toBe(200);
  });

  it('logs 在线人工 started from a chat window as a live hand-off (the asker’s own conversation only, once)', async () => {
    await setOfficeHours(ctx.db, 'test', { periods: [{ from: '00:00', to: '24:00' }], everyDay: true });
    const a = await ask('无人驾驶测试牌照去哪办');
    const theirs = await ask('无人驾驶测试牌照去哪办', null, firm);
    const start = (conversationId: string) => post('/api/helpdesk/live/chat', { name: null, question: '无人驾驶测试牌照去哪办', conversationId });
    expect((await start(a.conversationId!)).statusCode).toBe(200);
    expect((await start(theirs.conversationId!)).statusCode).toBe(200); // a visitor holding a firm's id: not marked
    const kinds = await ctx.db
      .selectFrom('helpdesk_conversation')
      .select(['token', 'handoff_kind'])
      .where('token', 'in', [a.conversationId!, theirs.conversationId!])
      .execute();
    expect(Object.fromEntries(kinds.map((k) => [k.token, k.handoff_kind]))).toEqual({ [a.conversationId!]: 'live', [theirs.conversationId!]: null });
  });
});
