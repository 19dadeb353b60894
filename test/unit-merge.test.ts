import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobSystem } from '../src/jobs/index.js';
import { createUser } from '../src/auth/index.js';
import { initLedger, listTasks } from '../src/ledger/index.js';
import { listMeasures, planJobs } from '../src/plan/index.js';
import { createTestApp, loginAs, multipart, type SessionHeaders } from './app.js';
import { describeStore } from './db.js';
import { linkedId } from './job-interrupt.js';
import { countsOf, finishedRun, startTestJobs } from './jobs.js';

const FIXTURE = 'test/fixtures/plans/import-units-2025.txt';
const TEXT = fs.readFileSync(FIXTURE, 'utf8');

// Issue 13: the import page's preview, the units to confirm, and the office's merge of a new unit into an existing one.
describeStore('plan import: units to confirm and merge', (ctx) => {
  let app: FastifyInstance;
  let office: SessionHeaders;
  let jobs: JobSystem | undefined;
  /** A plan upload, written by its background run: the run as it ended. */
  const imported = async (name: string, text: string) => {
    const run = await finishedRun(app, jobs!, office, await upload('/api/plan/plans', name, text));
    expect(run.status, run.error ?? '').toBe('succeeded');
    return run;
  };
  const upload = (url: string, name: string, text: string) => {
    const m = multipart(name, Buffer.from(text));
    return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...office } });
  };
  const unitId = async (name: string) => (await ctx.db.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirst())?.id;

  beforeAll(async () => {
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: 'office-merge', role: 'office' });
    jobs = await startTestJobs(ctx, planJobs);
  });
  afterAll(async () => jobs?.stop());

  it('previews without writing, imports, and merges the unknown unit into an existing one (alias, references, audit)', async () => {
    const preview = await upload('/api/plan/plans/preview', 'plan.txt', TEXT);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({
      title: '渝中区2025年数字政务提升工作方案',
      docNumber: '渝中府办〔2025〕9号',
      year: 2025,
      sections: 2,
      measures: 2,
      existingPlan: null,
    });
    expect(p.warnings).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('区数据管理局') })]);
    expect(p.unitsToConfirm).toEqual([{ name: '区数据管理局', measures: [1, 2], waiting: false }]);
    expect(await unitId('区数据管理局')).toBeUndefined();
    expect(await ctx.db.selectFrom('plan').select('id').execute()).toEqual([]);

    const planId = linkedId(await imported('plan.txt', TEXT), /^\/plan\?plan=/);
    const fromId = (await unitId('区数据管理局'))!;
    const intoId =
      (await unitId('区大数据局')) ??
      (
        await ctx.db
          .insertInto('unit')
          .values({ name: '区大数据局', kind: 'department', aliases: ['区数据局'] })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const pending = await app.inject({ url: `/api/plan/plans/${planId}/units-to-confirm`, headers: office });
    expect(pending.statusCode, pending.body).toBe(200);
    expect(pending.json().units).toEqual([
      {
        id: fromId,
        name: '区数据管理局',
        measures: [
          { number: 1, title: '建设数据共享平台', role: 'lead' },
          { number: 2, title: '压减办理时限', role: 'responsible' },
        ],
      },
    ]);
    expect(pending.json().candidates.map((c: { name: string }) => c.name)).toContain('区大数据局');
    expect(pending.json().candidates.map((c: { name: string }) => c.name)).not.toContain('区数据管理局');

    // References in other capabilities: ledger tasks and an account of the new unit.
    await initLedger(ctx.db, { planId, actor: 'test' });
    await createUser(ctx.db, {
      account: 'sj1',
      name: '数据局张三',
      role: 'unit_staff',
      password: 'Jiefangbei-2026',
      unitNames: ['区数据管理局'],
      actor: 'test',
    });

    const self = await app.inject({ method: 'POST', url: `/api/plan/units/${fromId}/merge`, headers: office, payload: { intoUnitId: fromId } });
    expect(self.statusCode).toBe(400);
    const merged = await app.inject({ method: 'POST', url: `/api/plan/units/${fromId}/merge`, headers: office, payload: { intoUnitId: intoId } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ intoUnitId: intoId, name: '区大数据局', moved: { measureUnits: 2, accounts: 1, taskUnits: 2 } });
    expect(merged.json().aliases).toContain('区数据管理局');

    expect(await unitId('区数据管理局')).toBeUndefined();
    const measures = await listMeasures(ctx.db, planId);
    expect(measures[0]!.leadUnits.map((u) => u.name)).toEqual(['区大数据局']);
    expect(measures[1]!.responsibleUnits.map((u) => u.name)).toEqual(['区大数据局']);
    const tasks = await listTasks(ctx.db, planId, '2025-06-30');
    expect(tasks.find((t) => t.measureNumber === 1)!.leadUnits.map((u) => u.name)).toEqual(['区大数据局']);
    const account = await ctx.db
      .selectFrom('user_unit')
      .innerJoin('app_user', 'app_user.id', 'user_unit.user_id')
      .select('user_unit.unit_id')
      .where('app_user.account', '=', 'sj1')
      .execute();
    expect(account).toEqual([{ unit_id: intoId }]);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor', 'after']).where('action', '=', 'unit.merge').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'office-merge', after: { mergedInto: { id: intoId, name: '区大数据局' }, aliasesAdded: ['区数据管理局'] } });
    expect((await app.inject({ url: `/api/plan/plans/${planId}/units-to-confirm`, headers: office })).json().units).toEqual([]);

    // A merged unit is gone; merging it again is a 404.
    expect((await app.inject({ method: 'POST', url: `/api/plan/units/${fromId}/merge`, headers: office, payload: { intoUnitId: intoId } })).statusCode).toBe(
      404,
    );

    // The next revision of the plan writes the name again: it maps to the unit it was merged into, no new unit.
    const revised = TEXT.replace('全覆盖。', '全覆盖，数据按日更新。');
    const again = await upload('/api/plan/plans/preview', 'plan-v2.txt', revised);
    expect(again.json()).toMatchObject({ unitsToConfirm: [], warnings: [], existingPlan: { planId, revision: 1 } });
    const v2 = await imported('plan-v2.txt', revised);
    expect(linkedId(v2, /^\/plan\?plan=/)).toBe(planId);
    expect(countsOf(v2)).toMatchObject({ 版本: 2 });
    expect(await unitId('区数据管理局')).toBeUndefined();
    expect((await listMeasures(ctx.db, planId))[0]!.leadUnits.map((u) => u.name)).toEqual(['区大数据局']);
  });

  it('confirms a new unit with its kind (audited), once; a confirmed unit cannot be merged', async () => {
    const text = TEXT.replace(/区数据管理局/g, '区数字化发展中心')
      .replace('〔2025〕9号', '〔2025〕10号')
      .replace('数字政务提升', '数字政务深化');
    await imported('other.txt', text);
    const id = (await unitId('区数字化发展中心'))!;
    const bad = await app.inject({ method: 'POST', url: `/api/plan/units/${id}/confirm`, headers: office, payload: { kind: 'unknown' } });
    expect(bad.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: `/api/plan/units/${id}/confirm`, headers: office, payload: { kind: 'institution' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ id, name: '区数字化发展中心', kind: 'institution', kindLabel: '事业单位' });
    const row = await ctx.db.selectFrom('unit').select(['kind', 'confirmed']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'institution', confirmed: true });
    expect((await ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'unit.confirm').execute()).map((a) => a.entity_id)).toEqual([
      String(id),
    ]);
    expect((await app.inject({ method: 'POST', url: `/api/plan/units/${id}/confirm`, headers: office, payload: { kind: 'institution' } })).statusCode).toBe(
      409,
    );
    const other = (await unitId('区政务服务办'))!;
    expect((await app.inject({ method: 'POST', url: `/api/plan/units/${id}/merge`, headers: office, payload: { intoUnitId: other } })).statusCode).toBe(409);
  });

  it('refuses the preview of a file of another type', async () => {
    const res = await upload('/api/plan/plans/preview', 'plan.pdf', TEXT);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('plan.pdf');
  });
});
