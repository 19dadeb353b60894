import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, multipart } from '../../test/app.js';
import { verifyAuditLog } from '../audit/index.js';
import { seedLedgerPlan } from './testing.js';

type Who = 'office' | 'admin' | 'leader' | 'unitA' | 'unitB' | 'enterprise';
const WHO: Who[] = ['office', 'admin', 'leader', 'unitA', 'unitB', 'enterprise'];

describeStore('ledger', (ctx) => {
  let app: FastifyInstance;
  let planId: number;
  let measures: Record<number, number>;
  let units: Record<string, number>;
  const c: Record<Who, { cookie: string }> = {} as never;
  const as = (who: Who) => c[who];
  let task22: number;
  let task6: number;
  let cycleSep: number;

  beforeAll(async () => {
    app = await createTestApp(ctx);
    ({ planId, measures, units } = await seedLedgerPlan(ctx.db));
    c.office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
    c.admin = await loginAs(app, ctx, { account: 'admin1', role: 'admin' });
    c.leader = await loginAs(app, ctx, { account: 'leader1', role: 'leader' });
    // 区政务服务办 leads measure 22; 区城管局 leads measure 6 only.
    c.unitA = await loginAs(app, ctx, { account: 'zwfw1', role: 'unit_staff', units: ['区政务服务办'] });
    c.unitB = await loginAs(app, ctx, { account: 'cgj1', role: 'unit_staff', units: ['区城管局'] });
    c.enterprise = await loginAs(app, ctx, { account: 'firm1', role: 'enterprise' });
  });

  it('creates one task per measure, the plan deadlines becoming milestones (idempotent)', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/init`, headers: as('office') });
    expect(res.json()).toEqual({ created: 4, tasks: 4 });
    expect((await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/init`, headers: as('office') })).json()).toEqual({ created: 0, tasks: 4 });
    const tasks = (await app.inject({ url: `/api/ledger/plans/${planId}/tasks?asOf=2021-07-01`, headers: as('leader') })).json() as Array<Record<string, any>>;
    expect(tasks.map((t) => t.code)).toEqual(['6-1', '22-1', '32-1', '47-1']);
    const t22 = tasks.find((t) => t.measureNumber === 22)!;
    task22 = t22.id;
    task6 = tasks.find((t) => t.measureNumber === 6)!.id;
    // "今年10月底前" and "2021年12月底" of measure 22.
    expect(t22.milestones.map((m: any) => [m.title, m.dueOn, m.source])).toEqual([
      ['今年10月底前', '2021-10-31', 'plan'],
      ['2021年12月底', '2021-12-31', 'plan'],
    ]);
    expect(t22.leadUnits.map((u: any) => u.name)).toEqual(['区政务服务办']);
    expect(t22.statusLabel).toBe('未启动');
    expect(tasks.find((t) => t.measureNumber === 6)!.targets.map((x: any) => `${x.op}${x.value}${x.unit}`)).toEqual(['<=9工作日', '<=8工作日']);
    expect(tasks.find((t) => t.measureNumber === 47)!.milestones.map((m: any) => m.dueOn)).toEqual(['2021-12-31']);
  });

  it("refuses a unit touching another unit's task, leaders and enterprises, with the exact status per role", async () => {
    const patch = (who: Who, taskId: number) =>
      app.inject({ method: 'PATCH', url: `/api/ledger/tasks/${taskId}`, headers: as(who), payload: { status: 'in_progress', progress: 10 } });
    const codes: Record<string, number> = {};
    for (const w of WHO) codes[w] = (await patch(w, task22)).statusCode;
    expect(codes).toEqual({ office: 200, admin: 200, leader: 403, unitA: 403, unitB: 403, enterprise: 403 });
    // Unit staff change neither status nor progress directly (only through reports the office accepts), nor anything else.
    for (const payload of [{ status: 'done', progress: 100 }, { progress: 50 }, { status: 'paused' }, { title: '改名' }]) {
      const r = await app.inject({ method: 'PATCH', url: `/api/ledger/tasks/${task22}`, headers: as('unitA'), payload });
      expect([r.statusCode, r.json().error.message]).toEqual([403, expect.stringContaining('进展报告')]);
    }
    const t = (await app.inject({ url: `/api/ledger/tasks/${task22}`, headers: as('office') })).json();
    expect([t.status, t.progress]).toEqual(['in_progress', 10]);
  });

  it('answers every ledger route per role as the permission matrix says', async () => {
    const ms = (await app.inject({ url: `/api/ledger/tasks/${task22}`, headers: as('office') })).json().milestones[0].id as number;
    type Req = { name: string; method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: unknown; allowed: Who[] };
    const readers: Who[] = ['office', 'admin', 'leader', 'unitA', 'unitB'];
    const reqs: Req[] = [
      { name: 'meta', method: 'GET', url: '/api/ledger/meta', allowed: readers },
      { name: 'tasks', method: 'GET', url: `/api/ledger/plans/${planId}/tasks`, allowed: readers },
      { name: 'task', method: 'GET', url: `/api/ledger/tasks/${task22}`, allowed: readers },
      { name: 'measures', method: 'GET', url: `/api/ledger/plans/${planId}/measures`, allowed: readers },
      { name: 'flags', method: 'GET', url: `/api/ledger/plans/${planId}/flags`, allowed: readers },
      { name: 'cycles', method: 'GET', url: `/api/ledger/plans/${planId}/cycles`, allowed: readers },
      { name: 'reports', method: 'GET', url: '/api/ledger/reports', allowed: readers },
      { name: 'orders', method: 'GET', url: '/api/ledger/orders', allowed: readers },
      { name: 'init', method: 'POST', url: `/api/ledger/plans/${planId}/init`, allowed: ['office', 'admin'] },
      {
        name: 'milestone add',
        method: 'POST',
        url: `/api/ledger/tasks/${task22}/milestones`,
        payload: { title: '完成方案', dueOn: '2021-08-31' },
        allowed: ['office', 'admin'],
      },
      { name: 'milestone done', method: 'PATCH', url: `/api/ledger/milestones/${ms}`, payload: { doneOn: null }, allowed: ['office', 'admin', 'unitA'] },
      {
        name: 'split',
        method: 'POST',
        url: `/api/ledger/measures/${measures[47]}/tasks`,
        payload: { title: '评估涉企政策', leadUnitIds: [units.区发展改革委] },
        allowed: ['office', 'admin'],
      },
      {
        name: 'cycles add',
        method: 'POST',
        url: `/api/ledger/plans/${planId}/cycles`,
        payload: { from: '2021-07', to: '2021-07' },
        allowed: ['office', 'admin'],
      },
      {
        name: 'order',
        method: 'POST',
        url: '/api/ledger/orders',
        payload: { taskId: task22, unitId: units.区政务服务办, reason: '进度滞后', requirement: '加快推进', replyDays: 5 },
        allowed: ['office', 'admin'],
      },
    ];
    const wrong: string[] = [];
    for (const r of reqs) {
      for (const w of WHO) {
        const res = await app.inject({ method: r.method, url: r.url, headers: as(w), payload: r.payload as object | undefined });
        const ok = r.allowed.includes(w);
        if (ok ? res.statusCode >= 300 : res.statusCode !== 403) wrong.push(`${r.name} as ${w}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Unit staff file reports, the office reviews: the reverse is refused.
    const cycles = (await app.inject({ url: `/api/ledger/plans/${planId}/cycles`, headers: as('office') })).json();
    const put = (w: Who) =>
      app.inject({
        method: 'PUT',
        url: `/api/ledger/tasks/${task22}/reports/${cycles[0].id}`,
        headers: as(w),
        payload: { status: 'in_progress', progress: 20, done: '梳理事项清单' },
      });
    for (const w of ['office', 'admin', 'leader', 'unitB', 'enterprise'] as Who[]) expect([w, (await put(w)).statusCode]).toEqual([w, 403]);
    const filed = await put('unitA');
    expect(filed.statusCode).toBe(200);
    for (const w of ['unitA', 'leader', 'enterprise'] as Who[]) {
      expect([
        w,
        (await app.inject({ method: 'POST', url: `/api/ledger/reports/${filed.json().reportId}/review`, headers: as(w), payload: { outcome: 'accept' } }))
          .statusCode,
      ]).toEqual([w, 403]);
    }
  });

  it('runs the review loop: submit, return with comment, resubmit, accept; versions kept; inbox told', async () => {
    const created = await app.inject({
      method: 'POST',
      url: `/api/ledger/plans/${planId}/cycles`,
      headers: as('office'),
      payload: { from: '2021-09', to: '2021-10' },
    });
    expect(created.json()).toEqual({ created: 2 });
    const cycles = (await app.inject({ url: `/api/ledger/plans/${planId}/cycles`, headers: as('office') })).json() as any[];
    const sep = cycles.find((x) => x.label === '2021年9月');
    expect(sep.dueOn).toBe('2021-10-13'); // 5th working day of October 2021 (10-09 is a 调休 Saturday)
    cycleSep = sep.id;
    const url = `/api/ledger/tasks/${task6}/reports/${cycleSep}`;
    const bad = await app.inject({
      method: 'PUT',
      url,
      headers: as('unitB'),
      payload: { status: 'done', progress: 60, done: '', actuals: [{ targetId: 999999, value: 7 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((p: any) => p.field)
        .sort(),
    ).toEqual(['actuals.targetId', 'done', 'progress']);
    expect((await app.inject({ url: `/api/ledger/reports?taskId=${task6}`, headers: as('office') })).json()).toEqual([]);

    const targets = (await app.inject({ url: `/api/ledger/tasks/${task6}`, headers: as('office') })).json().targets;
    const v1 = await app.inject({
      method: 'PUT',
      url,
      headers: as('unitB'),
      payload: {
        status: 'in_progress',
        progress: 50,
        done: '优化用水报装流程',
        problems: '',
        nextSteps: '推广',
        actuals: [{ targetId: targets[0].id, value: 8 }],
      },
    });
    expect(v1.json()).toMatchObject({ version: 1 });
    const reportId = v1.json().reportId as number;
    const pdf = Buffer.from('%PDF-1.4\n% evidence\n');
    const ev = await app.inject({
      method: 'POST',
      url: `/api/ledger/reports/${reportId}/evidence`,
      headers: { ...as('unitB'), ...multipart('流程图.pdf', pdf).headers },
      payload: multipart('流程图.pdf', pdf).payload,
    });
    expect(ev.statusCode).toBe(200);
    const evBad = await app.inject({
      method: 'POST',
      url: `/api/ledger/reports/${reportId}/evidence`,
      headers: { ...as('unitB'), ...multipart('x.pdf', Buffer.from('MZ')).headers },
      payload: multipart('x.pdf', Buffer.from('MZ')).payload,
    });
    expect(evBad.statusCode).toBe(400);
    expect(evBad.json().error.details[0]).toMatchObject({ file: 'x.pdf', field: 'file' });
    expect(fs.readdirSync(path.join(ctx.dataDir, 'evidence'))).toHaveLength(1);
    const dl = await app.inject({ url: `/api/ledger/evidence/${ev.json().id}`, headers: as('leader') });
    expect(dl.rawPayload.equals(pdf)).toBe(true);

    expect(
      (await app.inject({ method: 'POST', url: `/api/ledger/reports/${reportId}/review`, headers: as('office'), payload: { outcome: 'return' } })).statusCode,
    ).toBe(400);
    const ret = await app.inject({
      method: 'POST',
      url: `/api/ledger/reports/${reportId}/review`,
      headers: as('office'),
      payload: { outcome: 'return', comment: '请补充用电报装数据' },
    });
    expect(ret.json().state).toBe('returned');
    const inbox = (await app.inject({ url: '/api/inbox/messages', headers: as('unitB') })).json();
    expect(JSON.stringify(inbox)).toContain('请补充用电报装数据');
    expect(
      (await app.inject({ method: 'POST', url: `/api/ledger/reports/${reportId}/review`, headers: as('office'), payload: { outcome: 'accept' } })).statusCode,
    ).toBe(409);

    const v2 = await app.inject({
      method: 'PUT',
      url,
      headers: as('unitB'),
      payload: {
        status: 'in_progress',
        progress: 60,
        done: '优化用水、用电报装流程',
        actuals: [
          { targetId: targets[0].id, value: 8 },
          { targetId: targets[1].id, value: 7 },
        ],
      },
    });
    expect(v2.json()).toEqual({ reportId, version: 2 });
    const acc = await app.inject({ method: 'POST', url: `/api/ledger/reports/${reportId}/review`, headers: as('office'), payload: { outcome: 'accept' } });
    const rep = acc.json();
    expect(rep.state).toBe('accepted');
    expect(rep.returns).toBe(1);
    expect(rep.versions.map((v: any) => [v.version, v.outcome, v.reviewComment])).toEqual([
      [2, 'accepted', null],
      [1, 'returned', '请补充用电报装数据'],
    ]);
    expect(rep.evidence.map((e: any) => e.fileName)).toEqual(['流程图.pdf']);
    const task = (await app.inject({ url: `/api/ledger/tasks/${task6}`, headers: as('office') })).json();
    expect([task.status, task.progress]).toEqual(['in_progress', 60]);
    expect((await app.inject({ method: 'PUT', url, headers: as('unitB'), payload: { status: 'in_progress', progress: 70, done: 'x' } })).statusCode).toBe(409);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'ledger_report')
      .where('entity_id', '=', String(reportId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.report.submit', 'ledger.report.return', 'ledger.report.resubmit', 'ledger.report.accept']);
  });

  it('flags missing reports and overdue milestones on edge dates', async () => {
    const flags = async (asOf: string) => (await app.inject({ url: `/api/ledger/plans/${planId}/flags?asOf=${asOf}`, headers: as('leader') })).json() as any[];
    // September's reports are due 2021-10-13: not missing on that day, missing the day after (task 6 filed).
    const on13 = await flags('2021-10-13');
    expect(on13.flatMap((f) => f.flags).filter((f: any) => f.kind === 'report_missing' && f.cycleId === cycleSep)).toEqual([]);
    const on14 = await flags('2021-10-14');
    const missing = on14.filter((f) => f.flags.some((x: any) => x.kind === 'report_missing' && x.cycleId === cycleSep)).map((f) => f.code);
    expect(missing).toEqual(['22-1', '32-1', '47-1', '47-2', '47-3']);
    // "今年10月底前" = Sunday 2021-10-31 → due Monday 11-01: red only from 11-02.
    const oct = async (asOf: string) =>
      ((await app.inject({ url: `/api/ledger/tasks/${task22}?asOf=${asOf}`, headers: as('leader') })).json().flags as any[])
        .filter((f) => f.message.includes('今年10月底前'))
        .map((f) => f.kind);
    expect(await oct('2021-11-01')).toEqual(['milestone_due_soon']);
    expect(await oct('2021-11-02')).toEqual(['milestone_overdue']);
    expect((await app.inject({ url: `/api/ledger/tasks/${task22}?asOf=2021-11-02`, headers: as('leader') })).json().light).toBe('red');
  });

  it('rejects bad task input whole, naming the field', async () => {
    const before = (await app.inject({ url: `/api/ledger/tasks/${task22}`, headers: as('office') })).json();
    const r = await app.inject({
      method: 'PATCH',
      url: `/api/ledger/tasks/${task22}`,
      headers: as('office'),
      payload: { title: '新名称', status: 'done', progress: 50, leadUnitIds: [999999] },
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .error.details.map((p: any) => p.field)
        .sort(),
    ).toEqual(['progress', 'units']);
    const after = (await app.inject({ url: `/api/ledger/tasks/${task22}`, headers: as('office') })).json();
    expect(after.title).toBe(before.title);
  });

  it('moves a supervision order through its stages with a working-day deadline and inbox notices', async () => {
    const o = await app.inject({
      method: 'POST',
      url: '/api/ledger/orders',
      headers: as('office'),
      payload: { taskId: task22, unitId: units.区政务服务办, reason: '10月底前节点逾期', requirement: '说明原因并提出整改措施', replyDays: 3 },
    });
    expect(o.statusCode).toBe(200);
    const id = o.json().id as number;
    const act = (w: Who, action: string, note?: string) =>
      app.inject({ method: 'POST', url: `/api/ledger/orders/${id}/actions`, headers: as(w), payload: { action, note } });
    expect((await act('unitA', 'sign')).statusCode).toBe(400); // not issued yet
    expect((await act('unitA', 'issue')).statusCode).toBe(403);
    expect((await act('office', 'issue')).json()).toEqual({ stage: '下发' });
    expect((await act('unitB', 'sign')).statusCode).toBe(403);
    expect((await act('leader', 'sign')).statusCode).toBe(403);
    expect((await act('unitA', 'sign')).json()).toEqual({ stage: '签收' });
    expect((await act('unitA', 'reply')).statusCode).toBe(400);
    expect((await act('unitA', 'reply', '已完成整改')).json()).toEqual({ stage: '反馈' });
    expect((await act('office', 'review')).json()).toEqual({ stage: '复核' });
    expect((await act('office', 'close', '同意办结')).json()).toEqual({ stage: '办结' });
    const order = (await app.inject({ url: `/api/ledger/orders/${id}`, headers: as('leader') })).json();
    expect(order.events.map((e: any) => e.stage)).toEqual(['立项', '下发', '签收', '反馈', '复核', '办结']);
    expect(order.overdue).toBe(false);
    const inbox = JSON.stringify((await app.inject({ url: '/api/inbox/messages', headers: as('unitA') })).json());
    expect(inbox).toContain('督办单待签收');
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
  });
});

describe('ledger test fixture', () => {
  it('is importable', () => {
    expect(typeof seedLedgerPlan).toBe('function');
  });
});
