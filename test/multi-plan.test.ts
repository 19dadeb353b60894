import { createHash } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaToday } from '../src/calendar/index.js';
import { ledgerBackgroundJobs, sendReminders } from '../src/ledger/index.js';
import type { JobSystem } from '../src/jobs/index.js';
import { findPlan, importPlan, parsePlanFile, planJobs } from '../src/plan/index.js';
import { recompute } from '../src/indicators/index.js';
import { multipart, samplePlanApp, type SamplePlanApp } from './app.js';
import { describeStore } from './db.js';
import { linkedId } from './job-interrupt.js';
import { finishedRun, startTestJobs } from './jobs.js';

/**
 * Issue 13, "Done when", last point: importing a second, different plan keeps the first plan and its ledger
 * untouched; the ledger, indicators and bulletins work per plan.
 *
 * The second plan, test/fixtures/plans/yuzhong-2022.txt, is a CONSTRUCTED TEST VARIANT of the 2021 sample
 * (yuzhong-2021.txt), not a published document: title, 文号 (渝中府办〔2022〕8号), date line and the years in the
 * text changed to 2022, measure 6 promises 6 (water) and 5 (low-voltage power) working days instead of 9 and 8,
 * and measure 52 is another measure (企业之家服务驿站, led by 区工商联, a unit the 2021 plan does not name).
 */
describeStore('two plans side by side', (ctx) => {
  let s: SamplePlanApp;
  let p21: number;
  let p22: number;
  let before: Record<string, unknown>;
  let jobs: JobSystem | undefined;
  const thisYear = chinaToday().slice(0, 4);

  const as = async (headers: Record<string, string>, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const r = await s.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(200);
    return r;
  };
  const get = async (url: string) => (await as(s.office, 'GET', url)).json();
  const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

  /** A plan's ledger: tasks, cycles, one report filed by 区城管局 and accepted, an order, an issued bulletin. */
  async function runLedger(planId: number, year: number) {
    await as(s.office, 'POST', `/api/ledger/plans/${planId}/init`, {});
    await as(s.office, 'POST', `/api/ledger/plans/${planId}/cycles`, { from: `${year}-09`, to: `${year}-09` });
    const [cycle] = (await get(`/api/ledger/plans/${planId}/cycles`)) as Array<{ id: number }>;
    const tasks = (await get(`/api/ledger/plans/${planId}/tasks`)) as Array<{ id: number; code: string }>;
    const task6 = tasks.find((t) => t.code.startsWith('6'))!;
    const filed = (
      await as(s.water, 'PUT', `/api/ledger/tasks/${task6.id}/reports/${cycle!.id}`, { status: 'in_progress', progress: 40, done: `${year}年9月进展` })
    ).json() as { reportId: number };
    await as(s.office, 'POST', `/api/ledger/reports/${filed.reportId}/review`, { outcome: 'accept' });
    await as(s.office, 'POST', '/api/ledger/orders', {
      taskId: task6.id,
      unitId: s.waterUnit,
      reason: `${year}年用水接入超时`,
      requirement: '限期整改',
      replyDays: 5,
    });
    // Drafting runs in the background: the run's result links to the draft.
    const drafting = await s.app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/bulletins`, headers: s.office, payload: { cycleId: cycle!.id } });
    const draft = { id: linkedId(await finishedRun(s.app, jobs!, s.office, drafting), /^\/ledger\/bulletins\//) };
    await as(s.office, 'POST', `/api/ledger/bulletins/${draft.id}/issue`);
    return { cycleId: cycle!.id, task6: task6.id, bulletinId: draft.id };
  }

  /** Everything the platform shows of one plan, through its routes. */
  async function snapshot(planId: number, year: number, bulletinId: number) {
    const routes = [
      `/api/plan/plans/${planId}`,
      `/api/plan/plans/${planId}/revisions`,
      `/api/plan/plans/${planId}/as-of`,
      `/api/plan/plans/${planId}/measures`,
      `/api/plan/units?planId=${planId}`,
      `/api/ledger/plans/${planId}/tasks`,
      `/api/ledger/plans/${planId}/cycles`,
      `/api/ledger/plans/${planId}/flags`,
      `/api/ledger/plans/${planId}/dashboard`,
      `/api/ledger/plans/${planId}/assessment`,
      `/api/ledger/plans/${planId}/bulletins`,
      `/api/ledger/bulletins/${bulletinId}`,
      `/api/ledger/orders?planId=${planId}`,
      `/api/ledger/report-list?planId=${planId}`,
      `/api/indicators?year=${year}`,
      `/api/indicators/water-connection?year=${year}`,
    ];
    const out: Record<string, unknown> = {};
    for (const url of routes) out[url] = await get(url);
    // The year choice of the indicator dashboard offers the new year too: everything else stays.
    delete (out[`/api/indicators?year=${year}`] as { years?: number[] }).years;
    // The Excel ledger's cells (the file itself carries the time it was written) and the issued bulletin, byte for byte.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await as(s.office, 'GET', `/api/plan/plans/${planId}/ledger.xlsx`)).rawPayload as unknown as ArrayBuffer);
    out.ledgerXlsx = wb.worksheets.map((ws) => ws.getSheetValues());
    out.bulletinDocx = sha((await as(s.office, 'GET', `/api/ledger/bulletins/${bulletinId}/bulletin.docx`)).rawPayload);
    return out;
  }

  let l21: Awaited<ReturnType<typeof runLedger>>;
  afterAll(async () => jobs?.stop());
  beforeAll(async () => {
    s = await samplePlanApp(ctx);
    jobs = await startTestJobs(ctx, [...planJobs, ...ledgerBackgroundJobs]);
    p21 = (await findPlan(ctx.db, { year: 2021 }))!.id;
    l21 = await runLedger(p21, 2021);
    // A water connection of 2021 taking 7 working days (within 2021's 9), the office's as-of date of the 2021 plan.
    await as(s.office, 'POST', '/api/indicators/records/utility', {
      records: [{ externalId: 'W21', 责任单位: '渝中区自来水厂', 报装类型: '用水', 申请日期: '2021-09-01', 接通日期: '2021-09-10' }],
    });
    await as(s.office, 'PUT', `/api/plan/plans/${p21}/as-of`, { asOf: '2021-11-30' });
    before = await snapshot(p21, 2021, l21.bulletinId);

    // The second plan, uploaded as the office would.
    const upload = multipart('yuzhong-2022.txt', fs.readFileSync('test/fixtures/plans/yuzhong-2022.txt'));
    const imported = await s.app.inject({ method: 'POST', url: '/api/plan/plans', headers: { ...s.office, ...upload.headers }, payload: upload.payload });
    const run = await finishedRun(s.app, jobs!, s.office, imported);
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(run.result?.text).toContain('已导入“渝中府办〔2022〕8号”，第1版');
    p22 = linkedId(run, /^\/plan\?plan=/);
  });

  it('is a second plan: the list marks the newest plan year as current', async () => {
    expect(p22).not.toBe(p21);
    const plans = (await get('/api/plan/plans')) as Array<{ id: number; year: number; doc_number: string; current: boolean }>;
    expect(plans.map((p) => [p.doc_number, p.year, p.current])).toEqual([
      ['渝中府办〔2022〕8号', 2022, true],
      ['渝中府办〔2021〕16号', 2021, false],
    ]);
    // Importing the first plan's text again changes nothing of it (same content: no new revision).
    const again = await importPlan(ctx.db, {
      plan: await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt'),
      sourceName: 'x.txt',
      sourceKind: 'txt',
      actor: 'test',
    });
    expect(again).toEqual({ planId: p21, revision: 1, changed: false });
  });

  it('keeps the first plan, its ledger, bulletin, indicators and as-of date untouched while the second plan is worked on', async () => {
    const l22 = await runLedger(p22, 2022);
    await as(s.office, 'POST', '/api/indicators/records/utility', {
      records: [{ externalId: 'W22', 责任单位: '渝中区自来水厂', 报装类型: '用水', 申请日期: '2022-09-01', 接通日期: '2022-09-15' }],
    });
    await as(s.office, 'PUT', `/api/plan/plans/${p22}/as-of`, { asOf: '2022-10-31' });
    await recompute(ctx.db, { year: 2022 }); // what the office's 重新计算 background job runs
    expect(await snapshot(p21, 2021, l21.bulletinId)).toEqual(before);
    expect(l22.bulletinId).not.toBe(l21.bulletinId);
  });

  it('shows each plan its own measures, tasks, reports, orders and bulletins', async () => {
    const measures = async (id: number) =>
      (await get(`/api/plan/plans/${id}/measures`)) as Array<{ number: number; title: string; leadUnits: Array<{ name: string }> }>;
    const m21 = await measures(p21);
    const m22 = await measures(p22);
    expect(m21.find((m) => m.number === 52)).toMatchObject({ title: '建立招商落地企业回访服务机制', leadUnits: [{ name: '区招商局' }] });
    expect(m22.find((m) => m.number === 52)).toMatchObject({ title: '建设“渝中企业之家”服务驿站', leadUnits: [{ name: '区工商联' }] });
    expect(new Set([...m21, ...m22].map((m) => (m as unknown as { id: number }).id)).size).toBe(m21.length + m22.length);

    const tasks = async (id: number) => (await get(`/api/ledger/plans/${id}/tasks`)) as Array<{ id: number; code: string; title: string }>;
    const t21 = await tasks(p21);
    const t22 = await tasks(p22);
    expect(t22.find((t) => t.code.startsWith('52'))!.title).toContain('企业之家');
    expect(t21.find((t) => t.code.startsWith('52'))!.title).toContain('回访');
    const ids21 = new Set(t21.map((t) => t.id));
    expect(t22.some((t) => ids21.has(t.id))).toBe(false);

    // Reports and orders listed by plan: each plan sees its own one.
    const reports = async (id: number) => ((await get(`/api/ledger/report-list?planId=${id}`)) as { items: Array<{ taskId: number; done?: string }> }).items;
    expect((await reports(p21)).map((r) => r.taskId).every((t) => ids21.has(t))).toBe(true);
    expect((await reports(p22)).map((r) => r.taskId).some((t) => ids21.has(t))).toBe(false);
    const orders = async (id: number) => (await get(`/api/ledger/orders?planId=${id}`)) as Array<{ reason: string }>;
    expect((await orders(p21)).map((o) => o.reason)).toEqual(['2021年用水接入超时']);
    expect((await orders(p22)).map((o) => o.reason)).toEqual(['2022年用水接入超时']);

    // Bulletins: each plan lists its own; numbers run per year of issue over the district's plans (one organ, one series).
    const bulletins = async (id: number) => (await get(`/api/ledger/plans/${id}/bulletins`)) as Array<{ planId: number; number: string | null }>;
    const b21 = await bulletins(p21);
    const b22 = await bulletins(p22);
    expect(b21.map((b) => [b.planId, b.number])).toEqual([[p21, `渝中营商通报〔${thisYear}〕1号`]]);
    expect(b22.map((b) => [b.planId, b.number])).toEqual([[p22, `渝中营商通报〔${thisYear}〕2号`]]);

    // As-of dates per plan.
    expect((await get(`/api/plan/plans/${p21}/as-of`)).asOf).toBe('2021-11-30');
    expect((await get(`/api/plan/plans/${p22}/as-of`)).asOf).toBe('2022-10-31');
  });

  it('computes each year against the commitments of its own plan (measure 6: 9 working days in 2021, 6 in 2022)', async () => {
    const water = async (year: number) =>
      (await get(`/api/indicators/water-connection?year=${year}`)) as {
        target: string;
        planTarget: { planId: number; text: string; matches: boolean } | null;
        asOf: string;
        current: { counted: number; compliant: number; status: string } | null;
      };
    const w21 = await water(2021);
    const w22 = await water(2022);
    expect(w21.planTarget).toMatchObject({ planId: p21, text: '不超过9个工作日', matches: true });
    expect(w22.planTarget).toMatchObject({ planId: p22, text: '不超过6个工作日', matches: true });
    expect(w21.asOf).toBe('2021-11-30');
    expect(w22.asOf).toBe('2022-10-31');
    expect(w21.target).toContain('9');
    expect(w22.target).toContain('6');
    // 7 working days in 2021 (within 9); 9 working days in 2022 (2022-09-10 to 09-12 is 中秋): within 2021's 9, a breach of 2022's 6.
    expect(w21.current).toMatchObject({ counted: 1, compliant: 1, status: 'met' });
    expect(w22.current).toMatchObject({ counted: 1, compliant: 0, status: 'breached' });
    // The dashboard of each year names its own plan's target.
    const dash = async (year: number) =>
      (
        (await get(`/api/indicators?year=${year}`)) as { indicators: Array<{ code: string; target: string; planTarget: { planId: number } | null }> }
      ).indicators.find((i) => i.code === 'water-connection')!;
    expect((await dash(2021)).planTarget?.planId).toBe(p21);
    expect((await dash(2022)).planTarget?.planId).toBe(p22);
    expect((await dash(2022)).target).toContain('6');
  });

  it("keeps reminding the units of the first plan once the next year's plan is there (December's reports are due in January)", async () => {
    await as(s.office, 'POST', `/api/ledger/plans/${p21}/cycles`, { from: '2021-12', to: '2021-12' });
    const dec = ((await get(`/api/ledger/plans/${p21}/cycles`)) as Array<{ id: number; label: string; dueOn: string }>).find((c) => c.label.includes('12月'))!;
    expect(dec.dueOn).toBe('2022-01-10'); // the 5th working day of January 2022 (01-01 to 01-03 元旦)
    const r = await sendReminders(ctx.db, '2022-01-05'); // 3 working days before (01-06, 01-07, 01-10)
    expect(r.reportDue).toBeGreaterThan(0);
    const titles = (
      await ctx.db
        .selectFrom('notification')
        .innerJoin('app_user', 'app_user.id', 'notification.user_id')
        .select('title')
        .where('app_user.account', '=', 'cg1')
        .where('kind', '=', 'ledger.reminder')
        .execute()
    ).map((n) => n.title);
    expect(titles.some((t) => t.includes('进展报告还有 3 个工作日到期') && t.includes('区城管局'))).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').select(['entity_id']).where('action', '=', 'ledger.reminders.send').execute();
    expect(audit.map((a) => Number(a.entity_id))).toContain(p21);
  });

  it("marks the first plan's tasks off track when a record of its year breaches, with the next year's plan current", async () => {
    const flagsOf6 = async (planId: number) =>
      ((await get(`/api/ledger/plans/${planId}/tasks`)) as Array<{ code: string; flags: Array<{ kind: string; message: string }> }>)
        .find((t) => t.code === '6-1')!
        .flags.filter((f) => f.kind === 'off_track');
    expect(await flagsOf6(p21)).toEqual([]);
    // 2021-10-08 to 2021-10-29: 15 working days, over 2021's 9. The upload recomputes the current year (2022) and 2021.
    await as(s.office, 'POST', '/api/indicators/records/utility', {
      records: [{ externalId: 'W21-late', 责任单位: '渝中区自来水厂', 报装类型: '用水', 申请日期: '2021-10-08', 接通日期: '2021-10-29' }],
    });
    const flags = await flagsOf6(p21);
    expect(flags.map((f) => f.message)).toEqual([expect.stringContaining('获得用水全流程用时')]);
    expect(flags[0]!.message).toContain('9 个工作日');
    // The 2022 plan's own flag names its own target (6 working days).
    expect((await flagsOf6(p22)).map((f) => f.message)).toEqual([expect.stringContaining('6 个工作日')]);
  });
});
