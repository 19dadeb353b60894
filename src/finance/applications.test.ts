import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { periodOf } from './core/index.js';
import { countFinance, financeFigures, financeOnTimeIndicators } from './application-figures-store.js';
import { sendFinanceReminders } from './application-reminders.js';
import { actOnApplication, applyForProducts, getApplication, listApplications, setFinanceLimits } from './application-store.js';
import { insertNeed, seedFinance, type FinanceFixture } from './application-testing.js';
import { enterpriseDataFor, listConsents, withdrawConsent } from './consent-store.js';

const CONSENT = { items: ['profile', 'size'] as Array<'profile' | 'size'>, days: 90 };

describeStore('finance applications, consent and deadlines', (ctx) => {
  let app: FastifyInstance;
  let f: FinanceFixture;
  beforeAll(async () => {
    app = await createTestApp(ctx);
    f = await seedFinance(app, ctx);
  });

  it('applies to two products with consent, each with its 受理 deadline over the Spring Festival, audited', async () => {
    const apps = await applyForProducts(
      ctx.db,
      f.users.firmA,
      { needId: f.needA, productIds: [f.product1, f.product2], consent: CONSENT },
      { today: '2026-02-12' },
    );
    expect(apps.map((a) => [a.institutionId, a.status, a.acceptDue, a.firstLoanDeclared, a.sizeClass])).toEqual([
      [f.bank1Branch, 'submitted', '2026-02-24', true, '小型'],
      [f.bank2, 'submitted', '2026-02-24', true, '小型'],
    ]);
    await expect(
      applyForProducts(ctx.db, f.users.firmA, { needId: f.needA, productIds: [f.product1], consent: CONSENT }, { today: '2026-02-12' }),
    ).rejects.toThrow('已申请过“科创信用贷”，不能重复申请');
    await expect(applyForProducts(ctx.db, f.users.firmB, { needId: f.needA, productIds: [f.product1], consent: CONSENT })).rejects.toThrow(
      '只能为本企业的融资需求提交申请',
    );
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'finance.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'finance.application.submit',
      'finance.application.submit',
      'finance.consent.grant',
      'finance.consent.grant',
    ]);
    // The bank accounts of the branch's head office are told.
    const notices = await ctx.db.selectFrom('notification').select(['user_id', 'kind']).where('kind', '=', 'finance.application').execute();
    expect(notices.map((n) => n.user_id).sort()).toEqual([f.users.bank1.id, f.users.bank2.id].sort());
  });

  it('scopes reading: the firm its own, a bank what is addressed to it (head office: its branches too), the desk and leaders all', async () => {
    const all = await listApplications(ctx.db, f.users.office, {}, '2026-02-12');
    const [a1, a2] = all.items.sort((x, y) => x.id - y.id);
    expect((await listApplications(ctx.db, f.users.bank1, {}, '2026-02-12')).items.map((a) => a.id)).toEqual([a1!.id]);
    expect((await listApplications(ctx.db, f.users.bank2, {}, '2026-02-12')).items.map((a) => a.id)).toEqual([a2!.id]);
    expect((await listApplications(ctx.db, f.users.firmB, {}, '2026-02-12')).total).toBe(0);
    expect((await listApplications(ctx.db, f.users.desk, {}, '2026-02-12')).total).toBe(2);
    await expect(listApplications(ctx.db, f.users.otherUnit)).rejects.toThrow('只有区金融办');
    await expect(getApplication(ctx.db, f.users.bank2, a1!.id)).rejects.toThrow('不是提交给本机构的');
  });

  it('lets a bank see only the consented items, only while the consent is active; records and audits every view', async () => {
    const [a1, a2] = (await listApplications(ctx.db, f.users.office, {}, '2026-02-12')).items.sort((x, y) => x.id - y.id);
    const view = await enterpriseDataFor(ctx.db, f.users.bank1, a1!.id, '2026-02-13');
    expect(view.sections.map((s) => s.label)).toEqual(['企业基本信息', '企业规模']);
    expect(view.sections[1]!.fields[0]).toEqual({ label: '企业规模', value: '小型' });
    expect(view.notCovered.map((n) => n.label)).toEqual(['信用等级', '信用风险分类']);
    expect(view.validUntil).toBe('2026-05-12');
    // Another bank's application: refused, whatever the consent.
    await expect(enterpriseDataFor(ctx.db, f.users.bank2, a1!.id, '2026-02-13')).rejects.toThrow('不是提交给本机构的');
    // Expired after its last day.
    await expect(enterpriseDataFor(ctx.db, f.users.bank1, a1!.id, '2026-05-13')).rejects.toThrow('企业数据授权已过期，无法查看企业数据');
    // Withdrawn: refused from then on; the other bank's consent is untouched.
    const consents = await listConsents(ctx.db, f.users.firmA, '2026-02-13');
    expect(consents.find((c) => c.applicationId === a1!.id)).toMatchObject({ status: 'active', views: 1, institutionName: '测试农村商业银行渝中支行' });
    const mine = consents.find((c) => c.applicationId === a1!.id)!;
    expect(await withdrawConsent(ctx.db, f.users.firmA, mine.id, '2026-02-13')).toMatchObject({ status: 'withdrawn' });
    await expect(withdrawConsent(ctx.db, f.users.firmA, mine.id)).rejects.toThrow('已撤回');
    await expect(withdrawConsent(ctx.db, f.users.firmB, consents[0]!.id)).rejects.toThrow('只能撤回本企业的数据授权');
    await expect(enterpriseDataFor(ctx.db, f.users.bank1, a1!.id, '2026-02-13')).rejects.toThrow('企业已撤回数据授权，无法查看企业数据');
    expect((await enterpriseDataFor(ctx.db, f.users.bank2, a2!.id, '2026-02-13')).sections).toHaveLength(2);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['finance.data.view', 'finance.consent.withdraw']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['finance.consent.withdraw', 'finance.data.view', 'finance.data.view']);
    expect(await ctx.db.selectFrom('finance_data_view').select('id').execute()).toHaveLength(2);
  });

  it('runs the bank steps with deadlines, reasons and outcomes, and refuses steps out of order or by the wrong side', async () => {
    const [a1, a2] = (await listApplications(ctx.db, f.users.office, {}, '2026-02-12')).items.sort((x, y) => x.id - y.id);
    await expect(actOnApplication(ctx.db, f.users.firmA, a1!.id, { action: 'accept' })).rejects.toThrow('只有受理银行可以受理');
    await expect(actOnApplication(ctx.db, f.users.bank2, a1!.id, { action: 'accept' })).rejects.toThrow('不是提交给本机构的');
    await expect(
      actOnApplication(ctx.db, f.users.bank1, a1!.id, {
        action: 'approve',
        approval: { creditAmount: 300, rate: 3.8, guarantee: '信用', termMonths: 12, firstLoan: true, renewal: 'none' },
      }),
    ).rejects.toThrow('申请处于“待受理”状态，不能授信');
    const acc = await actOnApplication(ctx.db, f.users.bank1, a1!.id, { action: 'accept' }, { today: '2026-02-24' });
    expect(acc).toMatchObject({ status: 'accepted', acceptedOn: '2026-02-24', decideDue: '2026-03-09', pending: { step: '审批', due: '2026-03-09' } });
    await actOnApplication(
      ctx.db,
      f.users.bank1,
      a1!.id,
      { action: 'approve', approval: { creditAmount: 300, rate: 3.8, guarantee: '信用', termMonths: 12, firstLoan: true, renewal: 'none' } },
      { today: '2026-03-09' },
    );
    await expect(
      actOnApplication(
        ctx.db,
        f.users.bank1,
        a1!.id,
        { action: 'disburse', disbursement: { amount: 350, disbursedOn: '2026-03-10' } },
        { today: '2026-03-10' },
      ),
    ).rejects.toThrow('放款信息有误');
    const d = await actOnApplication(
      ctx.db,
      f.users.bank1,
      a1!.id,
      { action: 'disburse', disbursement: { amount: 300, disbursedOn: '2026-03-10' } },
      { today: '2026-03-10' },
    );
    expect(d).toMatchObject({ status: 'disbursed', creditAmount: 300, rate: 3.8, disbursedAmount: 300, firstLoanConfirmed: true, renewal: 'none' });
    // a2: accepted a day late, declined after its decision deadline (03-10), with a reason and a note.
    await actOnApplication(ctx.db, f.users.bank2, a2!.id, { action: 'accept' }, { today: '2026-02-25' });
    await expect(
      actOnApplication(ctx.db, f.users.bank2, a2!.id, { action: 'decline', reason: 'collateral_short', note: ' ' }, { today: '2026-03-11' }),
    ).rejects.toThrow('请说明原因');
    const dec = await actOnApplication(
      ctx.db,
      f.users.bank2,
      a2!.id,
      { action: 'decline', reason: 'collateral_short', note: '抵押物评估值不足' },
      { today: '2026-03-11' },
    );
    expect(dec).toMatchObject({ status: 'declined', decideDue: '2026-03-10', declineReasonLabel: '担保或抵质押不足' });
    const detail = await getApplication(ctx.db, f.users.firmA, a2!.id);
    expect(detail.steps.map((s) => s.label)).toEqual(['提交申请', '受理', '不予授信']);
    expect(detail.steps[2]!.note).toBe('担保或抵质押不足：抵押物评估值不足');
    const decisions = await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'finance.application.%').execute();
    expect(
      decisions
        .map((x) => x.action)
        .filter((x) => x !== 'finance.application.submit')
        .sort(),
    ).toEqual([
      'finance.application.accept',
      'finance.application.accept',
      'finance.application.approve',
      'finance.application.decline',
      'finance.application.disburse',
    ]);
  });

  it('reminds the bank the working day before and on the deadline, once, and lists overdue applications for the desk', async () => {
    const needB2 = await insertNeed(ctx.db, f.firmB, { loanKind: '续贷', postedOn: '2026-03-01', matched: false });
    const [a3, a4] = await applyForProducts(
      ctx.db,
      f.users.firmB,
      { needId: f.needB, productIds: [f.product1, f.product2], consent: CONSENT },
      { today: '2026-03-02' },
    );
    const [a5] = await applyForProducts(ctx.db, f.users.firmB, { needId: needB2, productIds: [f.product2], consent: CONSENT }, { today: '2026-03-02' });
    expect(a4!.acceptDue).toBe('2026-03-05');
    // 03-04 is the eve of a4's deadline (and a3's, a5's): three reminders; again: none.
    const r = await sendFinanceReminders(ctx.db, '2026-03-04');
    expect(r).toMatchObject({ accept: 3, decide: 0 });
    expect((await sendFinanceReminders(ctx.db, '2026-03-04')).notified).toBe(0);
    expect((await sendFinanceReminders(ctx.db, '2026-03-07')).text).toBe('2026-03-07 不是工作日，未发送提醒');
    await actOnApplication(ctx.db, f.users.bank1, a3!.id, { action: 'decline', reason: 'credit_record', note: '存在逾期记录' }, { today: '2026-03-03' });
    await actOnApplication(ctx.db, f.users.bank2, a5!.id, { action: 'accept' }, { today: '2026-03-03' });
    await actOnApplication(
      ctx.db,
      f.users.bank2,
      a5!.id,
      { action: 'approve', approval: { creditAmount: 100, rate: 4.2, guarantee: '抵押', termMonths: 12, firstLoan: false, renewal: 'no_repayment_renewal' } },
      { today: '2026-03-04' },
    );
    await actOnApplication(
      ctx.db,
      f.users.bank2,
      a5!.id,
      { action: 'disburse', disbursement: { amount: 80, disbursedOn: '2026-03-05' } },
      { today: '2026-03-05' },
    );
    const overdue = await listApplications(ctx.db, f.users.desk, { overdue: true }, '2026-03-12');
    expect(overdue.items.map((a) => [a.id, a.pending?.step, a.overdue])).toEqual([[a4!.id, '受理', true]]);
  });

  it('counts every figure as worked out by hand on the five applications and three needs', async () => {
    // a1 bank1 branch 信用贷 小型 I: 02-12 → accepted 02-24 (due 02-24) → approved 03-09 (due 03-09), 13 working days, 首贷, 放款 300.
    // a2 bank2 抵押贷 小型 I: 02-12 → accepted 02-25 (late) → declined 03-11 (due 03-10, late), 15 working days.
    // a3 bank1 branch 信用贷 微型 F: 03-02 → declined at 受理 03-03 (on time), 1 working day.
    // a4 bank2 抵押贷 微型 F: 03-02, not accepted, 受理 due 03-05: overdue on 03-12.
    // a5 bank2 抵押贷 微型 F: 03-02 → accepted 03-03 → approved 03-04, 2 working days, 无还本续贷, 授信 100, 放款 80.
    const c = await countFinance(ctx.db, {
      from: '2026-01-01',
      to: '2026-12-31',
      asOf: '2026-03-12',
      dims: ['bank', 'productType', 'industry', 'size', 'month'],
    });
    expect(c.district).toEqual({
      needsPosted: 3,
      needsMatched: 2,
      applied: 5,
      acceptDue: 5,
      acceptedOnTime: 3,
      decideDue: 4,
      decidedOnTime: 3,
      decided: 4,
      decisionDays: 31,
      approved: 2,
      approvedAmount: 400,
      disbursed: 2,
      disbursedAmount: 380,
      declined: 2,
      firstLoans: 1,
      firstLoanAmount: 300,
      noRepaymentRenewals: 1,
      noRepaymentRenewalAmount: 80,
      smallMicroDisbursed: 2,
      smallMicroDisbursedAmount: 380,
    });
    expect(c.bank.get(f.bank1Branch)).toMatchObject({
      applied: 2,
      acceptedOnTime: 2,
      decided: 2,
      decisionDays: 14,
      disbursed: 1,
      disbursedAmount: 300,
      needsPosted: 0,
    });
    expect(c.bank.get(f.bank2)).toMatchObject({ applied: 3, acceptDue: 3, acceptedOnTime: 1, decided: 2, declined: 1, approved: 1, disbursedAmount: 80 });
    expect(c.productType.get('抵押贷')).toMatchObject({ applied: 3, disbursed: 1 });
    expect(c.size.get('小型')).toMatchObject({ applied: 2, needsPosted: 1, needsMatched: 1, firstLoans: 1 });
    expect(c.size.get('微型')).toMatchObject({ applied: 3, needsPosted: 2, needsMatched: 1, noRepaymentRenewals: 1 });
    expect(c.industry.get('I')).toMatchObject({ applied: 2, needsPosted: 1 });
    expect(c.industry.get('F')).toMatchObject({ applied: 3, needsPosted: 2 });
    expect(c.month.get(2)).toMatchObject({ applied: 2, needsPosted: 2 });
    expect(c.month.get(3)).toMatchObject({ applied: 3, needsPosted: 1 });
    expect([...c.declineReasons]).toEqual(
      expect.arrayContaining([
        ['collateral_short', 1],
        ['credit_record', 1],
      ]),
    );
    const fig = await financeFigures(ctx.db, periodOf(2026, 'year')!, '2026-03-12');
    expect(fig.district).toMatchObject({
      matchRate: 66.67,
      acceptOnTime: 60,
      decideOnTime: 75,
      approvalRate: 50,
      avgDecisionDays: 7.75,
      firstLoanShare: 50,
      smallMicroShare: 100,
    });
    expect(fig.banks.map((b) => b.label)).toEqual(['测试城市银行', '测试农村商业银行渝中支行']);
    expect(fig.industries.map((b) => b.label)).toEqual(['F 批发和零售业', 'I 信息传输、软件和信息技术服务业']);
    expect(fig.months.map((m) => m.counts.applied)).toEqual([0, 2, 3]);
    // The targets 区金融办 sets become indicators (met or not).
    await setFinanceLimits(ctx.db, 'fi-desk', { acceptDays: 3, decideDays: 10, acceptTarget: null, decideTarget: 95 });
    expect(await financeOnTimeIndicators(ctx.db, 2026, '2026-03-12', { acceptTarget: null, decideTarget: 95 })).toEqual([
      { code: 'finance-decide-on-time', name: '融资申请按时审批率', value: 75, target: 95, met: false, due: 4, late: 1 },
    ]);
  });
});
