import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createUser } from '../auth/index.js';
import { officialCalendar } from '../calendar/index.js';
import { completeCreditCode, createEnterprise } from '../enterprises/index.js';
import { actOnApplication, applyForProducts, decideDue, setFinanceLimits } from '../finance/index.js';
import { insertInstitution, insertNeed, insertProduct } from '../finance/application-testing.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { initLedger, listTasks, syncFinanceSignals } from './index.js';

/**
 * Measures 9 and 11 (融资) read 渝中融's on-time rates against 区金融办's targets: one application of 2021 decided
 * after its deadline (accepted 09-14, due 09-28 over the Mid-Autumn break and its 调休 days, approved 09-30).
 */
describeStore('finance in the ledger: measures 9 and 11 off track against the office target', (ctx) => {
  let planId: number;
  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
    planId = (await ctx.db.selectFrom('plan').select('id').executeTakeFirstOrThrow()).id;
    await initLedger(ctx.db, { planId, actor: 'test' });
    const firm = (await createEnterprise(ctx.db, { creditCode: completeCreditCode('91500103MA5UF201A'), name: '丙融资有限公司' }, 'test')).id;
    const bank = await insertInstitution(ctx.db, '测试银行');
    const product = await insertProduct(ctx.db, bank, '测试信用贷', '信用贷');
    const needId = await insertNeed(ctx.db, firm, { postedOn: '2021-09-13' });
    const user = (role: 'enterprise' | 'bank') =>
      createUser(ctx.db, {
        account: `fs-${role}`,
        name: role,
        role,
        password: 'Passw0rd-test-fs',
        enterpriseId: role === 'enterprise' ? firm : null,
        actor: 'test',
      });
    const [a] = await applyForProducts(
      ctx.db,
      await user('enterprise'),
      { needId, productIds: [product], consent: { items: ['profile'], days: 30 } },
      { today: '2021-09-13' },
    );
    const staff = await user('bank');
    // The bank account: linked to the institution (the first part's link table).
    await ctx.db.insertInto('finance_bank_staff').values({ user_id: staff.id, institution_id: bank, linked_by: 'test' }).execute();
    await actOnApplication(ctx.db, staff, a!.id, { action: 'accept' }, { today: '2021-09-14' });
    expect(decideDue(officialCalendar, '2021-09-14', { acceptDays: 3, decideDays: 10 })).toBe('2021-09-28');
    await actOnApplication(
      ctx.db,
      staff,
      a!.id,
      { action: 'approve', approval: { creditAmount: 100, rate: 4, guarantee: '信用', termMonths: 12, firstLoan: true, renewal: 'none' } },
      { today: '2021-09-30' },
    );
  });

  const offTrack = async (n: number) =>
    (await listTasks(ctx.db, planId, '2021-10-29')).filter((t) => t.measureNumber === n).flatMap((t) => t.flags.filter((f) => f.kind === 'off_track'));

  it('sets no signal without a target, flags measures 9 and 11 when the target is missed, and clears them when the target goes', async () => {
    expect(await syncFinanceSignals(ctx.db, planId, '2021-10-29')).toMatchObject({ added: 0, values: [] });
    await setFinanceLimits(ctx.db, 'test', { acceptDays: 3, decideDays: 10, acceptTarget: null, decideTarget: 95 });
    const r = await syncFinanceSignals(ctx.db, planId, '2021-10-29');
    expect(r).toMatchObject({ added: 2, values: [{ code: 'finance-decide-on-time', value: 0, met: false }] });
    expect((await offTrack(9))[0]?.message).toBe('指标“融资申请按时审批率”未达标：当前 0.00%，目标 95%（应办 1 件，1 件超期）');
    expect(await offTrack(11)).toHaveLength(1);
    await setFinanceLimits(ctx.db, 'test', { acceptDays: 3, decideDays: 10, acceptTarget: 90, decideTarget: null });
    expect(await syncFinanceSignals(ctx.db, planId, '2021-10-29')).toMatchObject({
      removed: 2,
      values: [{ code: 'finance-accept-on-time', value: 100, met: true }],
    });
    expect(await offTrack(9)).toEqual([]);
  });
});
