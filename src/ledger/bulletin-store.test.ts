import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkedId } from '../../test/job-interrupt.js';
import { finishedRun, startTestJobs } from '../../test/jobs.js';
import { ledgerBackgroundJobs } from './background-jobs.js';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs } from '../../test/app.js';
import { createUser, type SessionUser } from '../auth/index.js';
import { sql } from '../db/index.js';
import { ConflictError, ForbiddenError } from '../shared/index.js';
import { initLedger, listTasks } from './task-store.js';
import { createMonthlyCycles, reviewReport, submitReport } from './report-store.js';
import {
  bulletinDocxOf,
  createBulletinDraft,
  deleteBulletinDraft,
  getBulletinDoc,
  issueBulletin,
  listBulletins,
  updateBulletinDraft,
} from './bulletin-store.js';
import { issuedBulletins } from './read-api.js';
import { seedLedgerPlan } from './testing.js';

/**
 * Bulletins as documents: the September 2021 cycle of the small plan (4 tasks, units 区城管局 and 区经济信息委 on
 * 6-1, 区政务服务办 and 区发展改革委 on 22-1, 区市场监管局 on 32-1, 区发展改革委 and 区财政局 on 47-1; 区档案馆 has none).
 * Drafted, edited, issued; then a report is accepted: the issued bulletin stays byte for byte the same, a new
 * draft shows the new figures and gets the next number.
 */
describeStore('ledger bulletins as documents', (ctx) => {
  let app: FastifyInstance;
  let planId: number;
  let cycleId: number;
  let office: SessionUser;
  let zw: SessionUser;
  let cg: SessionUser;
  let cz: SessionUser;
  let officeHeaders: Record<string, string>;
  let unitHeaders: Record<string, string>;
  let firstId: number;
  let firstDocx: Buffer;
  let firstSnapshot: unknown;

  const inboxOf = (u: SessionUser) =>
    ctx.db
      .selectFrom('notification')
      .select(['title', 'link', 'dedupe_key'])
      .where('user_id', '=', u.id)
      .where('kind', '=', 'ledger.bulletin')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    app = await createTestApp(ctx);
    const seeded = await seedLedgerPlan(ctx.db);
    planId = seeded.planId;
    await initLedger(ctx.db, { planId, actor: 'test' });
    await createMonthlyCycles(ctx.db, 'test', planId, { from: '2021-09', to: '2021-09' });
    cycleId = (await ctx.db.selectFrom('ledger_cycle').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow()).id;
    const mk = (account: string, name: string, units: string[]) =>
      createUser(ctx.db, { account, name, role: 'unit_staff', password: 'Passw0rd-test', unitNames: units, actor: 'test' });
    zw = await mk('zw1', '张政务', ['区政务服务办']);
    cg = await mk('cg1', '李城管', ['区城管局']);
    await ctx.db.insertInto('unit').values({ name: '区档案馆', kind: 'department', aliases: [] }).execute();
    cz = await mk('da1', '王档案', ['区档案馆']);
    office = await createUser(ctx.db, { account: 'office-b', name: '赵通报', role: 'office', password: 'Passw0rd-test', actor: 'test' });
    officeHeaders = await loginAs(app, ctx, { account: 'office-h', role: 'office' });
    unitHeaders = await loginAs(app, ctx, { account: 'zw-h', role: 'unit_staff', units: ['区政务服务办'] });
  });

  it('drafts a bulletin as of the default data date with texts drafted from the figures; only the office sees drafts', async () => {
    firstId = (await createBulletinDraft(ctx.db, office, { planId, cycleId })).id;
    const d = await getBulletinDoc(ctx.db, office, firstId);
    expect(d).toMatchObject({ state: 'draft', number: null, issuedOn: null, dataDate: '2021-10-14', authorName: '赵通报', cycleLabel: '2021年9月' });
    expect(d.content.issue).toBeNull();
    expect(d.content.docNumber).toBe('（草稿，签发时编号）');
    expect(d.content.overall.byStatus.find((s) => s.status === 'done')!.count).toBe(0);
    expect(d.content.texts.recipients).toBe('各专项小组、区级有关部门');
    expect(d.content.texts.problems).toMatch(/^一是进展报送不够及时，区城管局、.*等5个单位未按时报送。$/);
    await expect(getBulletinDoc(ctx.db, zw, firstId)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await listBulletins(ctx.db, zw, { planId })).toEqual([]);
    expect((await listBulletins(ctx.db, office, { planId })).map((b) => b.id)).toEqual([firstId]);
    await expect(createBulletinDraft(ctx.db, office, { planId, cycleId, dataDate: '2021-08-31' })).rejects.toMatchObject({
      details: [{ field: 'dataDate', message: expect.stringContaining('不能早于') }],
    });
  });

  it('edits the texts and the data date of a draft, audited', async () => {
    await updateBulletinDraft(ctx.db, office, firstId, {
      title: '关于2021年9月全区优化营商环境改革任务推进情况的通报',
      overview: '全区各单位总体推进有序。',
      problems: '一是信用监管推进偏慢。',
      requirements: '请各牵头单位于10月底前补报进展。\n区营商办将开展专项督查。',
      dataDate: '2021-10-15',
    });
    const d = await getBulletinDoc(ctx.db, office, firstId);
    expect(d.dataDate).toBe('2021-10-15');
    expect(d.content.asOf).toBe('2021-10-15');
    expect(d.content.title).toBe('关于2021年9月全区优化营商环境改革任务推进情况的通报');
    expect(d.content.texts).toEqual({
      recipients: '各专项小组、区级有关部门',
      overview: '全区各单位总体推进有序。',
      problems: '一是信用监管推进偏慢。',
      requirements: '请各牵头单位于10月底前补报进展。\n区营商办将开展专项督查。',
    });
    await expect(updateBulletinDraft(ctx.db, office, firstId, { requirements: '  ' })).rejects.toMatchObject({ details: [{ field: 'requirements' }] });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'ledger_bulletin')
      .where('entity_id', '=', String(firstId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.bulletin.draft', 'ledger.bulletin.update']);
  });

  it('issues: number, date and issuer frozen with the figures and the .docx; the units concerned are notified once', async () => {
    const issued = await issueBulletin(ctx.db, office, firstId, { today: '2021-10-20' });
    expect(issued).toMatchObject({ number: '渝中营商通报〔2021〕1号', issuedOn: '2021-10-20', notified: 3 }); // zw1, cg1 and zw-h
    const d = await getBulletinDoc(ctx.db, zw, firstId);
    expect(d).toMatchObject({
      state: 'issued',
      number: '渝中营商通报〔2021〕1号',
      issuedOn: '2021-10-20',
      issuerName: '赵通报',
      issuerUnit: '区优化营商环境领导小组办公室',
    });
    expect(d.content.issue).toEqual({
      number: '渝中营商通报〔2021〕1号',
      issuedOn: '2021-10-20',
      issuerName: '赵通报',
      issuerUnit: '区优化营商环境领导小组办公室',
    });
    expect(d.content.docNumber).toBe('渝中营商通报〔2021〕1号');
    firstSnapshot = d.content;
    firstDocx = (await bulletinDocxOf(ctx.db, cg, firstId)).bytes;
    expect(createHash('sha256').update(firstDocx).digest('hex')).toBe(d.docxSha256);
    const text = (await mammoth.extractRawText({ buffer: firstDocx })).value;
    for (const s of [
      '渝中营商通报〔2021〕1号',
      '关于2021年9月全区优化营商环境改革任务推进情况的通报',
      '全区各单位总体推进有序。',
      '存在问题',
      '一是信用监管推进偏慢。',
      '请各牵头单位于10月底前补报进展。',
      '区营商办将开展专项督查。',
      '2021年10月20日',
      '数据截至2021年10月15日',
      '签发：赵通报（区优化营商环境领导小组办公室）',
      '审计链锚点',
    ])
      expect(text).toContain(s);
    // Staff of units with tasks (区政务服务办, 区城管局) get it once; 区档案馆 (no task) and the office do not.
    expect(await inboxOf(zw)).toEqual([
      { title: '通报渝中营商通报〔2021〕1号：2021年9月优化营商环境改革任务推进情况', link: `/ledger/bulletins/${firstId}`, dedupe_key: `bulletin:${firstId}` },
    ]);
    expect(await inboxOf(cg)).toHaveLength(1);
    expect(await inboxOf(cz)).toEqual([]);
    expect(await inboxOf(office)).toEqual([]);
    const audit = await ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'ledger.bulletin.issue').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ number: '渝中营商通报〔2021〕1号', docxSha256: d.docxSha256 });
  });

  it('refuses to edit, delete or issue again an issued bulletin (409), and the database refuses too', async () => {
    await expect(updateBulletinDraft(ctx.db, office, firstId, { overview: '改一下' })).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteBulletinDraft(ctx.db, office, firstId)).rejects.toBeInstanceOf(ConflictError);
    await expect(issueBulletin(ctx.db, office, firstId, { today: '2021-10-21' })).rejects.toBeInstanceOf(ConflictError);
    const patch = await app.inject({ method: 'PATCH', url: `/api/ledger/bulletins/${firstId}`, headers: officeHeaders, payload: { overview: '改一下' } });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.message).toContain('已签发，不能修改');
    expect((await app.inject({ method: 'DELETE', url: `/api/ledger/bulletins/${firstId}`, headers: officeHeaders })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: `/api/ledger/bulletins/${firstId}/issue`, headers: officeHeaders })).statusCode).toBe(409);
    await expect(sql`update ledger_bulletin set overview = 'x' where id = ${firstId}`.execute(ctx.db)).rejects.toThrow(/frozen/);
    await expect(sql`delete from ledger_bulletin where id = ${firstId}`.execute(ctx.db)).rejects.toThrow(/frozen/);
    expect(await inboxOf(zw)).toHaveLength(1);
  });

  it('after a report is accepted the issued bulletin is identical; a new draft shows the new figures and gets the next number', async () => {
    const t22 = (await listTasks(ctx.db, planId, '2021-10-01')).find((t) => t.measureNumber === 22)!;
    const r = await submitReport(ctx.db, zw, {
      taskId: t22.id,
      cycleId,
      now: new Date('2021-10-12T02:00:00Z'),
      content: { status: 'done', progress: 100, done: '完成跨区县通办事项梳理', problems: '', nextSteps: '', actuals: [] },
    });
    await reviewReport(ctx.db, 'office', r.reportId, { outcome: 'accept' });

    expect((await getBulletinDoc(ctx.db, office, firstId)).content).toEqual(firstSnapshot);
    expect((await bulletinDocxOf(ctx.db, office, firstId)).bytes.equals(firstDocx)).toBe(true);
    const res = await app.inject({ url: `/api/ledger/bulletins/${firstId}/bulletin.docx`, headers: unitHeaders });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(firstDocx)).toBe(true);

    const secondId = (await createBulletinDraft(ctx.db, office, { planId, cycleId, dataDate: '2021-10-15' })).id;
    const draft = await getBulletinDoc(ctx.db, office, secondId);
    expect(draft.content.overall.byStatus.find((s) => s.status === 'done')!.count).toBe(1);
    expect(draft.content.completed.map((t) => t.code)).toEqual(['22-1']);
    expect(draft.content.reporting.onTime).toBe(1);
    const second = await issueBulletin(ctx.db, office, secondId, { today: '2021-10-22' });
    expect(second.number).toBe('渝中营商通报〔2021〕2号');
    expect(await inboxOf(zw)).toHaveLength(2);
    expect(await inboxOf(cg)).toHaveLength(2);

    // The sequence restarts with the year of issue.
    const thirdId = (await createBulletinDraft(ctx.db, office, { planId, cycleId })).id;
    expect((await issueBulletin(ctx.db, office, thirdId, { today: '2022-01-05' })).number).toBe('渝中营商通报〔2022〕1号');

    // The archive: issued ones for everybody, newest first.
    const archive = await listBulletins(ctx.db, zw, { planId });
    expect(archive.map((b) => [b.number, b.issuedOn, b.issuerName])).toEqual([
      ['渝中营商通报〔2022〕1号', '2022-01-05', '赵通报'],
      ['渝中营商通报〔2021〕2号', '2021-10-22', '赵通报'],
      ['渝中营商通报〔2021〕1号', '2021-10-20', '赵通报'],
    ]);
    // The read API other capabilities use: issued ones only, with the units they concern.
    const [latest] = await issuedBulletins(ctx.db, { planId, limit: 1 });
    expect(latest).toMatchObject({ id: thirdId, number: '渝中营商通报〔2022〕1号', issuedOn: '2022-01-05' });
    expect(latest!.unitIds).toHaveLength(6);
    const draftId = (await createBulletinDraft(ctx.db, office, { planId, cycleId })).id;
    expect(await issuedBulletins(ctx.db, { id: draftId })).toEqual([]);
    await deleteBulletinDraft(ctx.db, office, draftId);
  });

  it('gives two bulletins issued at the same moment consecutive numbers (lock per prefix and year)', async () => {
    const a = (await createBulletinDraft(ctx.db, office, { planId, cycleId })).id;
    const b = (await createBulletinDraft(ctx.db, office, { planId, cycleId })).id;
    const issued = await Promise.all([issueBulletin(ctx.db, office, a, { today: '2023-03-01' }), issueBulletin(ctx.db, office, b, { today: '2023-03-01' })]);
    expect(issued.map((i) => i.number).sort()).toEqual(['渝中营商通报〔2023〕1号', '渝中营商通报〔2023〕2号']);
  });

  it('deletes a draft (audited)', async () => {
    const id = (await createBulletinDraft(ctx.db, office, { planId, cycleId })).id;
    await deleteBulletinDraft(ctx.db, office, id);
    expect(await ctx.db.selectFrom('ledger_bulletin').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'ledger_bulletin').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.bulletin.draft', 'ledger.bulletin.delete']);
  });

  describe('routes', () => {
    it('drafts, edits and issues through the API; a unit sees the issued one only', async () => {
      // Drafting runs in the background (src/ledger/background-jobs.test.ts): its result links to the draft.
      const jobs = await startTestJobs(ctx, ledgerBackgroundJobs);
      const created = await app.inject({ method: 'POST', url: `/api/ledger/plans/${planId}/bulletins`, headers: officeHeaders, payload: { cycleId } });
      const id = linkedId(await finishedRun(app, jobs, officeHeaders, created).finally(() => jobs.stop()), /^\/ledger\/bulletins\//);
      expect((await app.inject({ url: `/api/ledger/bulletins/${id}`, headers: unitHeaders })).statusCode).toBe(403);
      const bad = await app.inject({ method: 'PATCH', url: `/api/ledger/bulletins/${id}`, headers: officeHeaders, payload: { dataDate: '2021-13-01' } });
      expect(bad.statusCode).toBe(400);
      const ok = await app.inject({ method: 'PATCH', url: `/api/ledger/bulletins/${id}`, headers: officeHeaders, payload: { requirements: '按期整改。' } });
      expect(ok.statusCode).toBe(200);
      const issued = await app.inject({ method: 'POST', url: `/api/ledger/bulletins/${id}/issue`, headers: officeHeaders });
      expect(issued.statusCode).toBe(200);
      expect(issued.json().number).toMatch(/^渝中营商通报〔\d{4}〕\d+号$/);
      const got = await app.inject({ url: `/api/ledger/bulletins/${id}`, headers: unitHeaders });
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ state: 'issued', issuerName: 'office-h', content: { texts: { requirements: '按期整改。' } } });
      const list = await app.inject({ url: `/api/ledger/plans/${planId}/bulletins?state=issued`, headers: unitHeaders });
      expect(list.json().map((b: { id: number }) => b.id)).toContain(id);
    });
  });
});
