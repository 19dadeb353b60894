import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { multipart, samplePlanApp, type SessionHeaders } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { chinaToday, toIsoDate } from '../calendar/index.js';
import { seedHelpdeskDemo } from './demo.js';
import { listMisses } from './log-store.js';
import { refreshHelpdesk } from './knowledge-cache.js';

const addDaysIso = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const faqBody = (over: Record<string, unknown> = {}) => ({
  code: 'T001',
  question: '共享单车在政务中心门口停哪里',
  variants: ['单车停放点在哪'],
  answer: '政务中心东侧设有非机动车停放区（测试）。',
  sourceDocument: null,
  sourceArticle: null,
  sourcePath: '/calendar',
  unitName: '区城管局',
  validFrom: null,
  validTo: null,
  ...over,
});

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('常见问题');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeStore('helpdesk: asking, the FAQ and the synonyms', (ctx) => {
  let app: FastifyInstance;
  let office: SessionHeaders;
  let planId: number;
  const ask = async (question: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/helpdesk/ask', payload: { question } });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      confident: boolean;
      answers: Array<{ key: string; text: string; source: { label: string; link: string | null } }>;
      calendar: { end: string } | null;
    };
  };
  beforeAll(async () => {
    const s = await samplePlanApp(ctx);
    app = s.app;
    office = s.office;
    planId = (await ctx.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await refreshHelpdesk(ctx.db);
  });

  it('answers a visitor from the plan (measure 6: water in 9 个工作日) with the source link, and a calendar question', async () => {
    const r = await ask('用水报装要多长时间？');
    expect(r.confident).toBe(true);
    const m6 = r.answers.find((a) => a.key === 'measure:6' || a.key === 'figure:water-connection')!;
    expect(m6.text).toContain('9个工作日');
    expect(m6.source.link).toBe(`/plan/${planId}/measures/6`);
    expect((await ask('2021年9月30日申请，5个工作日后是哪天')).calendar?.end).toBe('2021-10-13');
    expect((await ask('投诉举报多久答复')).answers.some((a) => a.key === 'request:投诉举报')).toBe(true);
  });

  it('lets the office add, change and delete an FAQ entry (audited), answered at once by every question after', async () => {
    expect((await ask('单车停放点在哪')).answers[0]?.key).not.toBe('faq:T001');
    const bad = await app.inject({ method: 'POST', url: '/api/helpdesk/faq', headers: office, payload: faqBody({ sourcePath: null, unitName: '区不存在局' }) });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['来源', '责任单位']);
    const created = await app.inject({ method: 'POST', url: '/api/helpdesk/faq', headers: office, payload: faqBody() });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as number;
    expect(created.json().unitName).toBe('区城管局');
    const r = await ask('单车停放点在哪');
    expect(r.answers[0]).toMatchObject({ key: 'faq:T001', text: '政务中心东侧设有非机动车停放区（测试）。', source: { link: '/calendar' } });
    const dup = await app.inject({ method: 'POST', url: '/api/helpdesk/faq', headers: office, payload: faqBody() });
    expect(dup.statusCode).toBe(409);
    const put = await app.inject({ method: 'PUT', url: `/api/helpdesk/faq/${id}`, headers: office, payload: faqBody({ answer: '已改到西侧（测试）。' }) });
    expect(put.statusCode).toBe(200);
    expect((await ask('单车停放点在哪')).answers[0]!.text).toBe('已改到西侧（测试）。');
    const del = await app.inject({ method: 'DELETE', url: `/api/helpdesk/faq/${id}`, headers: office });
    expect(del.statusCode).toBe(200);
    expect((await ask('单车停放点在哪')).answers.some((a) => a.key === 'faq:T001')).toBe(false);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'helpdesk_faq')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['helpdesk.faq.create', 'helpdesk.faq.update', 'helpdesk.faq.delete']);
  });

  it('meets a question in other words through the office’s synonyms', async () => {
    await app.inject({ method: 'POST', url: '/api/helpdesk/faq', headers: office, payload: faqBody({ code: 'T002', question: '共享单车停放', variants: [] }) });
    const before = await ask('小黄车停哪');
    expect(before.answers[0]?.key === 'faq:T002' && before.confident).toBe(false);
    const syn = await app.inject({ method: 'POST', url: '/api/helpdesk/synonyms', headers: office, payload: { words: ['共享单车', '小黄车'], note: '测试' } });
    expect(syn.statusCode).toBe(200);
    const after = await ask('小黄车停哪');
    expect(after.answers[0]?.key).toBe('faq:T002');
    const bad = await app.inject({ method: 'POST', url: '/api/helpdesk/synonyms', headers: office, payload: { words: ['社保', '社保'], note: null } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('同义词');
  });

  it('exports the FAQ as Excel and imports it back; a file with problems names every row and writes nothing', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/helpdesk/faq',
      headers: office,
      payload: faqBody({ code: 'T010', question: '政务中心有饮水机吗', variants: ['哪里能喝水'] }),
    });
    const exp = await app.inject({ url: '/api/helpdesk/faq.xlsx', headers: office });
    expect(exp.statusCode).toBe(200);
    const back = multipart('faq.xlsx', exp.rawPayload);
    const same = await app.inject({ method: 'POST', url: '/api/helpdesk/faq/import', headers: { ...office, ...back.headers }, payload: back.payload });
    expect(same.statusCode, same.body).toBe(200); // the header found under the export's title and filter lines
    expect(same.json()).toMatchObject({ created: 0, updated: 0 });
    const header = ['编号', '问题', '相似问法', '答案', '来源文件', '来源条款', '平台页面', '责任单位', '生效日期', '失效日期'];
    const good = await xlsx([
      header,
      ['T010', '政务中心有饮水机吗', '哪里能喝水\n有开水吗', '大厅东侧（导入）。', '', '', '/calendar', '区城管局', '', ''],
      ['T003', '政务中心有充电宝吗', '', '大厅服务台可借（导入）。', '', '', '/', '', '2021/1/1', ''],
    ]);
    const ok = multipart('faq.xlsx', good);
    const r = await app.inject({ method: 'POST', url: '/api/helpdesk/faq/import', headers: { ...office, ...ok.headers }, payload: ok.payload });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect((await ask('政务中心能借充电宝吗')).answers[0]?.key).toBe('faq:T003');
    const bad = multipart(
      'bad.xlsx',
      await xlsx([
        header,
        ['T004', '', '', '答', '', '', '/', '', '', ''],
        ['T005', '问', '', '答', '', '', '', '', '2021-13-01', ''],
        ['T004', '问', '', '答', '', '', '/', '', '', ''],
      ]),
    );
    const rb = await app.inject({ method: 'POST', url: '/api/helpdesk/faq/import', headers: { ...office, ...bad.headers }, payload: bad.payload });
    expect(rb.statusCode).toBe(400);
    expect(rb.json().error.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`)).toEqual(['2:问题', '3:来源', '3:生效日期', '4:编号']);
    expect(await ctx.db.selectFrom('helpdesk_faq').select('code').where('code', 'in', ['T004', 'T005']).execute()).toEqual([]);
  });

  it('seeds the demo FAQ (≥ 150 entries, units from the plan’s directory) and the synonyms once', async () => {
    expect(await seedHelpdeskDemo(ctx.db, 'test')).toEqual({
      faq: 152,
      synonyms: expect.any(Number),
      liveChats: expect.any(Number),
      conversations: expect.any(Number),
      questions: expect.any(Number),
    });
    expect(await seedHelpdeskDemo(ctx.db, 'test')).toEqual({ faq: 0, synonyms: 0, liveChats: 0, conversations: 0, questions: 0 });
    const rows = await ctx.db.selectFrom('helpdesk_faq').select(['code', 'unit_id', 'answer']).where('is_demo', '=', true).execute();
    expect(rows.length).toBeGreaterThanOrEqual(150);
    const units = await ctx.db.selectFrom('unit').select('name').execute();
    expect(
      rows.filter((r) => r.unit_id === null).map((r) => r.code),
      units.map((u) => u.name).join(','),
    ).toEqual([]);
    expect(rows.filter((r) => r.code.startsWith('D')).every((r) => r.answer.startsWith('【演示】'))).toBe(true);
    const r = await ask('用水报装要多久');
    expect(r.confident).toBe(true);
    expect(r.answers[0]).toMatchObject({ key: 'faq:M014', source: { label: '渝中府办〔2021〕16号 第6条' } });
  });

  it('seeds a month of demo conversations (China dates) that give the misses page groups to show', async () => {
    await seedHelpdeskDemo(ctx.db, 'test'); // seeded by the test above (idempotent: nothing more then)
    const qs = await ctx.db
      .selectFrom('helpdesk_question as q')
      .innerJoin('helpdesk_conversation as c', 'c.id', 'q.conversation_id')
      .select(['q.question', 'q.confident', 'q.clicked_key', 'q.rating', 'q.asked_at', 'q.answers', 'c.handoff_kind'])
      .where('c.is_demo', '=', true) // the tests above asked as visitors too
      .execute();
    expect(qs.length).toBeGreaterThan(150);
    const today = chinaToday();
    const days = new Set(qs.map((q) => toIsoDate(q.asked_at)));
    expect([...days].every((d) => d < today && d >= addDaysIso(today, -30))).toBe(true);
    expect(days.size).toBeGreaterThanOrEqual(25);
    expect(qs.some((q) => q.clicked_key && q.answers.some((a) => a.key === q.clicked_key))).toBe(true);
    expect(qs.some((q) => q.rating === 'up') && qs.some((q) => q.rating === 'down')).toBe(true);
    expect(qs.some((q) => q.handoff_kind === 'live')).toBe(true);
    expect(qs.filter((q) => !q.confident).length).toBeGreaterThan(20);
    const misses = await listMisses(ctx.db);
    // Wordings of one uncovered need grouped, every group labelled demo; unanswered and 👎 groups both.
    const housing = misses.find((g) => g.wordings.some((w) => w.text === '人才公寓怎么申请'))!;
    // How often the need is drawn depends on the days of the month; its wordings are asked in turn (log-demo.ts).
    const housingWordings = ['人才公寓怎么申请', '人才公寓申请条件是什么', '青年人才公寓在哪里申请'];
    expect(housing.wordings.length).toBeGreaterThanOrEqual(2);
    expect(housing.wordings.every((w) => housingWordings.includes(w.text))).toBe(true);
    expect(housing.demo).toBe(housing.count);
    const demo = misses.filter((g) => g.demo > 0);
    expect(demo.some((g) => g.unanswered > 0) && demo.some((g) => g.down > 0)).toBe(true);
  });
});
