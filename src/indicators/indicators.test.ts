import { beforeAll, describe, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { importPlan, parsePlanFile } from '../plan/index.js';
import { officialCalendar } from '../calendar/index.js';
import { InputRejectedError } from '../shared/index.js';
import { adjustDefinition, importRecordFile, indicatorDashboard, indicatorDetail, recompute, breachedMeasures } from './index.js';

/**
 * Hand-made records whose outcome was worked out by hand with the 2021 arrangement:
 * 中秋 09-19…09-21 off (09-18 Sat 上班); 国庆 10-01…10-07 off (09-26 Sun, 10-09 Sat 上班);
 * 春节 02-11…02-17 off (02-07 Sun, 02-20 Sat 上班). Working days count from the day after the start.
 */
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'), 'utf8');
const AS_OF = '2021-12-31';

const UTILITY = [
  ['申请编号', '责任单位', '报装类型', '申请日期', '接通日期', '开挖占绿备案申请日期', '开挖占绿备案办结日期'],
  // W1: 09-30(1) 10-08(2) 10-09 Sat 上班(3) 10-11(4) 10-12(5) 10-13(6) → 6 ≤ 9
  ['W1', '区经济信息委', '用水', '2021-09-29', '2021-10-13', '', ''],
  // W2: 09-26 Sun 上班(1) 09-27…09-30(5) 10-08(6) 10-09(7) 10-11(8) 10-12(9) → 9, exactly the limit
  ['W2', '区经济信息委', '用水', '2021-09-24', '2021-10-12', '', ''],
  // W3: one day earlier → 10 > 9: breach
  ['W3', '区经济信息委', '用水', '2021-09-23', '2021-10-12', '', ''],
  // W4: 02-07 Sun 上班(1) 02-08…02-10(4) 02-18(5) 02-19(6) 02-20 Sat 上班(7) 02-22(8) → 8 (17 calendar days)
  ['W4', '', '用水', '2021-02-05', '2021-02-22', '', ''],
  // W5: 02-02…02-05(4) 02-07(5) 02-08…02-10(8) 02-18(9) → 9
  ['W5', '', '用水', '2021-02-01', '2021-02-18', '', ''],
  // W6: … 02-19(10) → breach
  ['W6', '', '用水', '2021-02-01', '2021-02-19', '', ''],
  // W7: still open on 12-31, 22 working days since 12-01 → breach counted in December
  ['W7', '', '用水', '2021-12-01', '', '', ''],
  // W8: open, 4 working days on 12-31 → not yet due: excluded
  ['W8', '', '用水', '2021-12-27', '', '', ''],
  // K1: 09-02…09-17(12) 09-18 Sat 上班(13) 09-22…09-24(16) 09-26(17) 09-27…09-30(21) 10-08(22) 10-09(23) 10-11…10-15(28) 10-18…10-20(31) → 31
  ['K1', '', '10千伏用电', '2021-09-01', '2021-10-20', '', ''],
  // K2: 10-09(1) 10-11…10-15(6) 10-18…10-22(11) 10-25…10-29(16) → 16; average (31 + 16) / 2 = 23.5 ≤ 30
  ['K2', '', '10千伏用电', '2021-10-08', '2021-10-29', '', ''],
  // F1: 2日 from 09-30 → 10-02 is in the 国庆 break → last day 10-08 (民法典 第二百零三条): done 10-08 complies
  ['F1', '', '低压用电', '2021-09-30', '2021-10-12', '2021-09-30', '2021-10-08'],
  // F2: 2日 from 2021-10-14 (Thu) → 10-16 Sat → 10-18 Mon; done 10-19 → breach
  ['F2', '', '低压用电', '2021-10-14', '2021-10-20', '2021-10-14', '2021-10-19'],
];

const PROCUREMENT = [
  [
    '项目编号',
    '采购单位',
    '预算金额（万元）',
    '是否达到公开招标限额',
    '是否适宜中小企业提供',
    '预留中小企业金额（万元）',
    '其中预留小微企业金额（万元）',
    '中标供应商规模',
    '中标通知书发出日期',
    '合同签订日期',
    '合同金额（万元）',
    '预付款金额（万元）',
    '合同执行完毕日期',
    '履约验收日期',
    '收到发票日期',
    '支付日期',
  ],
  // P1: 20日 from 09-13 → 10-03 (holiday) → 10-08; signed 10-08 complies. Prepayment 30/100.
  ['P1', '', '1000', '是', '是', '300', '200', '大型', '2021-09-13', '2021-10-08', '100', '30', '2021-10-15', '2021-10-26', '2021-02-09', '2021-02-19'],
  // P2: signed 10-09 > 10-08: breach. Prepayment 120/200 (medium).
  ['P2', '', '500', '是', '是', '100', '50', '中型', '2021-09-13', '2021-10-09', '200', '120', '', '', '2021-09-24', '2021-10-08'],
  // P3: 20日 from 01-22 → 02-11 (春节) → 02-18; complies. No prepayment (small supplier): counts as 0.
  ['P3', '', '800', '否', '是', '', '', '小型', '2021-01-22', '2021-02-18', '100', '', '', '', '', ''],
  // P4: 20日 from 09-19 → 10-09, a Saturday but 上班: not moved; signed 10-11 → breach (a weekends-only rule would say 10-11 complies)
  ['P4', '', '50', '否', '否', '', '', '大型', '2021-09-19', '2021-10-11', '', '', '', '', '', ''],
];

describeStore('indicators: hand-worked outcomes', (ctx) => {
  beforeAll(async () => {
    const plan = await parsePlanFile('test/fixtures/plans/yuzhong-2021.txt');
    await importPlan(ctx.db, { plan, sourceName: 'yuzhong-2021.txt', sourceKind: 'txt', actor: 'test' });
  });
  const up = (type: string, rows: string[][], name = `${type}.csv`) =>
    importRecordFile(ctx.db, { type, fileName: name, buffer: csv(rows), uploader: { actor: 'test' } }).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}: ${JSON.stringify((e as InputRejectedError).problems)}`);
    });
  const detail = (code: string, extra: Record<string, unknown> = {}) => indicatorDetail(ctx.db, code, { year: 2021, ...extra });

  it('the calendar gives the durations worked out by hand', () => {
    expect(officialCalendar.workingDaysBetween('2021-09-24', '2021-10-12')).toBe(9);
    expect(officialCalendar.workingDaysBetween('2021-02-05', '2021-02-22')).toBe(8);
    expect(officialCalendar.workingDaysBetween('2021-09-01', '2021-10-20')).toBe(31);
  });

  it('water connections within 9 working days across the National Day and Spring Festival breaks', async () => {
    const r = await up('utility', UTILITY);
    expect(r).toMatchObject({ rows: 12, inserted: 12, updated: 0 });
    await recompute(ctx.db, { year: 2021, asOf: AS_OF });
    const d = await detail('water-connection');
    expect(d.current).toMatchObject({ periodKind: 'ytd', period: '2021-12', counted: 7, compliant: 4, excluded: 1, status: 'breached', worst: 22, version: 1 });
    expect(d.current!.value).toBeCloseTo(57.14, 2);
    expect(d.current!.average).toBeCloseTo(74 / 7, 2);
    expect(d.current!.excludedReasons).toEqual({ '尚未办结（未超期）': 1 });
    const byPeriod = Object.fromEntries(d.periods.map((p) => [`${p.periodKind} ${p.period}`, [p.counted, p.compliant, p.status]]));
    expect(byPeriod['month 2021-02']).toEqual([3, 2, 'breached']);
    expect(byPeriod['month 2021-10']).toEqual([3, 2, 'breached']);
    expect(byPeriod['month 2021-12']).toEqual([1, 0, 'breached']);
    expect(byPeriod['month 2021-05']).toEqual([0, 0, 'no_data']);
    expect(byPeriod['quarter 2021-Q4']).toEqual([4, 2, 'breached']);
    expect(byPeriod['ytd 2021-02']).toEqual([3, 2, 'breached']);
    expect(d.breaching.items.map((c) => [c.externalId, c.duration, c.open])).toEqual([
      ['W7', 22, true],
      ['W3', 10, false],
      ['W6', 10, false],
    ]);
    expect(d.breaching.items.find((c) => c.externalId === 'W3')!.deadline).toBe('2021-10-11');
    expect(d.excluded.items.map((c) => [c.externalId, c.reason])).toEqual([['W8', '尚未办结（未超期）']]);
    // Per unit: W1–W3 name 区经济信息委; the others fall to the measure's lead unit.
    const units = Object.fromEntries(d.units.map((u) => [u.unitName, [u.counted, u.compliant]]));
    expect(units.区经济信息委).toEqual([3, 2]);
    expect(d.units.reduce((n, u) => n + u.counted, 0)).toBe(7);
  });

  it('10 kV: the average of 31 and 16 working days is 23.5 ≤ 30; the case over 30 is listed', async () => {
    const d = await detail('power-10kv');
    expect(d.current).toMatchObject({ counted: 2, value: 23.5, status: 'met', worst: 31 });
    expect(d.breaching.items.map((c) => c.externalId)).toEqual(['K1']);
  });

  it('excavation filing in 2日: a last day in the holiday moves to the next working day', async () => {
    const d = await detail('excavation-filing');
    expect(d.current).toMatchObject({ counted: 2, compliant: 1, status: 'breached' });
    expect(d.breaching.items.map((c) => [c.externalId, c.deadline])).toEqual([['F2', '2021-10-18']]);
  });

  it('procurement: contract within 20 days (calendar days, 调休 Saturday not moved), acceptance and payment in working days, prepayment and SME ratios', async () => {
    await up('procurement', PROCUREMENT);
    await recompute(ctx.db, { year: 2021, asOf: AS_OF });
    const contract = await detail('procurement-contract');
    expect(contract.current).toMatchObject({ counted: 4, compliant: 2, value: 50, status: 'breached' });
    expect(contract.breaching.items.map((c) => [c.externalId, c.deadline]).sort()).toEqual([
      ['P2', '2021-10-08'],
      ['P4', '2021-10-09'],
    ]);
    // acceptance: 10-18…10-22(5) 10-25(6) 10-26(7) → 7 ≤ 7
    expect((await detail('procurement-acceptance')).current).toMatchObject({ counted: 1, compliant: 1, status: 'met' });
    // payment: P1 02-10(1) 02-18(2) 02-19(3) ok; P2 09-26(1)…09-30(5) 10-08(6) breach
    const pay = await detail('procurement-payment');
    expect(pay.current).toMatchObject({ counted: 2, compliant: 1, status: 'breached' });
    expect(pay.breaching.items.map((c) => [c.externalId, c.duration])).toEqual([['P2', 6]]);
    // prepayment: (30 + 120 + 0) / (100 + 200 + 100) = 37.5 % ≥ 30 %; P4 has no contract amount: excluded
    const pre = await detail('prepayment-share');
    expect(pre.current).toMatchObject({ counted: 3, value: 37.5, status: 'met', excluded: 1 });
    expect(pre.current!.excludedReasons).toEqual({ '缺少合同金额（万元）': 1 });
    // SMEs only (P2 medium, P3 small): 120 / 300 = 40 % < 50 %; P3 (0 %) is the record below the target
    const sme = await detail('prepayment-share-sme');
    expect(sme.current).toMatchObject({ counted: 2, value: 40, status: 'breached' });
    expect(sme.breaching.items.map((c) => c.externalId)).toEqual(['P3']);
    // reservation (public tender and suitable: P1, P2): (300 + 100) / 1500 = 26.67 % < 30 %; small and micro 250 / 400 = 62.5 %
    expect((await detail('sme-reservation')).current).toMatchObject({ counted: 2, value: 26.67, status: 'breached' });
    expect((await detail('sme-reservation-small')).current).toMatchObject({ counted: 2, value: 62.5, status: 'met' });
  });

  it('unemployment benefits within 1 working day: a 调休 Saturday counts', async () => {
    await up('benefit_claim', [
      ['申领编号', '待遇类型', '申领日期', '办结日期'],
      ['B1', '失业保险金', '2021-09-30', '2021-10-08'], // 1
      ['B2', '失业补助金', '2021-10-08', '2021-10-11'], // 10-09 Sat 上班(1) 10-11(2): breach
      ['B3', '失业保险金', '2021-10-16', '2021-10-18'], // applied on a Saturday: Monday is day 1
    ]);
    const d = await detail('unemployment-benefit');
    expect(d.current).toMatchObject({ counted: 3, compliant: 2, status: 'breached' });
    expect(d.breaching.items.map((c) => [c.externalId, c.duration])).toEqual([['B2', 2]]);
  });

  it('shares: fully online items, mediated cases, supervision rates', async () => {
    const items = [['事项编码', '事项名称', '是否行政许可', '是否依申请事项', '是否全程网办']];
    for (let i = 1; i <= 10; i++) items.push([`L${i}`, `许可事项${i}`, '是', '是', i <= 9 ? '是' : '否']);
    for (let i = 1; i <= 5; i++) items.push([`A${i}`, `其他事项${i}`, '否', '是', i <= 2 ? '是' : '否']);
    await up('service_item', items);
    expect((await detail('licensing-online')).current).toMatchObject({ periodKind: 'snapshot', counted: 10, compliant: 9, value: 90, status: 'met' });
    expect((await detail('application-online')).current).toMatchObject({ counted: 15, compliant: 11, value: 73.33, status: 'breached' });

    await up('civil_case', [
      ['案号', '收案日期', '结案日期', '化解方式'],
      ...['诉前调解', '诉前调解', '诉前调解', '诉前调解', '诉前调解', '诉中速裁', '精审', '精审'].map((r, i) => [
        `(2021)渝0103民初${i + 1}号`,
        '2021-03-01',
        '2021-04-15',
        r,
      ]),
      ['(2021)渝0103民初9号', '2021-03-01', '', ''],
    ]);
    const civil = await detail('civil-mediation');
    expect(civil.current).toMatchObject({ counted: 8, compliant: 6, value: 75, status: 'met', excluded: 1 });

    await up('supervision', [
      ['记录编号', '指标类别', '登记日期', '是否完成'],
      ['C1', '投诉举报', '2021-05-01', '是'],
      ['C2', '投诉举报', '2021-05-02', '是'],
      ['C3', '投诉举报', '2021-06-01', '否'],
      ['C4', '投诉举报', '2021-06-02', '是'],
      ['G1', '信息归集', '2021-05-01', '是'],
    ]);
    expect((await detail('supervision-complaint')).current).toMatchObject({ counted: 4, compliant: 3, value: 75, status: 'breached' });
    expect((await detail('supervision-collection')).current).toMatchObject({ counted: 1, value: 100, status: 'met' });
    expect((await detail('supervision-catalog')).current).toMatchObject({ counted: 0, value: null, status: 'no_data' });
  });

  it('counts reaching a number by the year end: pending before, breached after, met when reached', async () => {
    const items = [['事项编码', '事项名称', '是否国家要求2021年以后实现', '实现日期']];
    for (let i = 1; i <= 73; i++) items.push([`X${i}`, `跨省事项${i}`, i <= 8 ? '是' : '否', `2021-${String(1 + (i % 11)).padStart(2, '0')}-15`]);
    items.push(['X74', '跨省事项74', '否', '']);
    await up('cross_province', items);
    await recompute(ctx.db, { year: 2021, asOf: '2021-11-30', types: ['cross_province'] });
    expect((await detail('cross-province')).current).toMatchObject({ period: '2021-11', counted: 73, status: 'pending', excluded: 1 });
    expect((await detail('cross-province-early')).current).toMatchObject({ counted: 8, status: 'met' });
    await recompute(ctx.db, { year: 2021, asOf: AS_OF, types: ['cross_province'] });
    expect((await detail('cross-province')).current).toMatchObject({ period: '2021-12', counted: 73, status: 'breached' });
    await up('cross_province', [
      ['事项编码', '事项名称', '实现日期'],
      ['X74', '跨省事项74', '2021-12-20'],
    ]);
    await recompute(ctx.db, { year: 2021, asOf: AS_OF, types: ['cross_province'] });
    expect((await detail('cross-province')).current).toMatchObject({ counted: 74, status: 'met', excluded: 0 });
    // the file without the 是否国家要求… column keeps that column's stored value
    expect(await ctx.db.selectFrom('case_record').select(['national_later', 'completed_on']).where('external_id', '=', 'X74').executeTakeFirst()).toEqual({
      national_later: false,
      completed_on: '2021-12-20',
    });
    const dashboard = await indicatorDashboard(ctx.db, { year: 2021 });
    expect(dashboard.indicators.find((i) => i.code === 'cross-province')!.planTarget).toMatchObject({
      metric: '高频政务服务事项年内实现“跨省通办”',
      matches: true,
    });

    // credit code: 15 firms from the 2020 pilot count towards the 2000 as well
    const firms = [['统一社会信用代码', '开始使用日期']];
    for (let i = 0; i < 1990; i++) firms.push([`91500103MA${String(i).padStart(8, '0')}`, `2021-${String(1 + (i % 12)).padStart(2, '0')}-10`]);
    for (let i = 0; i < 15; i++) firms.push([`91500103PI${String(i).padStart(8, '0')}`, '2020-11-10']);
    await up('credit_code', firms);
    const cc = await detail('credit-code');
    expect(cc.current).toMatchObject({ counted: 2005, status: 'met' });
    expect(cc.periods.find((p) => p.periodKind === 'ytd' && p.period === '2021-01')).toMatchObject({ counted: 15 + 166 });
  });

  it('every commitment of the plan has a built-in indicator linked to its plan target', async () => {
    const d = await indicatorDashboard(ctx.db, { year: 2021 });
    expect(d.indicators).toHaveLength(24);
    expect(new Set(d.indicators.map((i) => i.measure))).toEqual(new Set([6, 13, 14, 15, 16, 21, 22, 32, 33, 40, 42, 48]));
    // Measure 48 promises 按时办结 without a number: its indicator cites no plan target, the office sets the target.
    for (const i of d.indicators) expect(i.planTarget, i.code).toEqual(i.code === 'request-on-time' ? null : expect.objectContaining({ matches: true }));
    expect(d.indicators.find((i) => i.code === 'request-on-time')).toMatchObject({
      measure: 48,
      target: '≥ 100%',
      note: expect.stringContaining('营商办可调整'),
    });
    expect((await breachedMeasures(ctx.db, 2021)).map((m) => m.measure)).toContain(6);
  });

  it('re-importing updates, never duplicates; an adjusted definition is a new version and old results keep theirs', async () => {
    const again = await up('utility', UTILITY);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 12 });
    const changed = await up('utility', [UTILITY[0]!, ['W3', '区经济信息委', '用水', '2021-09-23', '2021-10-11', '', '']]);
    expect(changed).toMatchObject({ inserted: 0, updated: 1 });
    const n = await ctx.db
      .selectFrom('case_record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'utility')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(12);
    await recompute(ctx.db, { year: 2021, asOf: AS_OF });
    expect((await detail('water-connection')).current).toMatchObject({ counted: 7, compliant: 5 });

    const v2 = await adjustDefinition(ctx.db, 'water-connection', { limit: 10 }, { actor: 'office', reason: '测试：放宽到10个工作日' });
    expect(v2.version).toBe(2);
    await recompute(ctx.db, { year: 2021, asOf: AS_OF });
    const d = await detail('water-connection');
    expect(d.current).toMatchObject({ version: 2, counted: 7, compliant: 6 }); // W6 (10) complies now; W7 (22) does not
    expect(d.versions.map((v) => v.version)).toEqual([2, 1]);
    const old = await detail('water-connection', { version: 1 });
    expect(old.current).toMatchObject({ version: 1, compliant: 5 });
    await expect(adjustDefinition(ctx.db, 'water-connection', { start: 'budget' }, { actor: 'office', reason: 'x' })).rejects.toBeInstanceOf(
      InputRejectedError,
    );
  });

  it('a case starting before the calendar covers is excluded with the reason; its year is recomputed on import', async () => {
    await up('benefit_claim', [
      ['申领编号', '待遇类型', '申领日期', '办结日期'],
      ['OLD1', '失业保险金', '2019-12-31', '2020-01-02'],
      ['NEW1', '失业保险金', '2020-01-23', '2020-01-31'],
    ]);
    const d = await detail('unemployment-benefit', { year: 2020 });
    // 2020 春节 was extended to 02-02 (01-24…02-02 rest days): a claim of 01-23 finished on 01-31 took 0 working days.
    expect(d.current).toMatchObject({ counted: 1, compliant: 1, excluded: 1, excludedReasons: { 申领日期不在工作日历覆盖范围内: 1 } });
    expect(d.breaching.items).toEqual([]);
  });

  it('concurrent recomputes (two imports at once) leave one result per indicator, period and unit', async () => {
    await Promise.all([
      recompute(ctx.db, { year: 2021, asOf: AS_OF }),
      recompute(ctx.db, { year: 2021, asOf: AS_OF }),
      recompute(ctx.db, { year: 2021, asOf: AS_OF, types: ['utility'] }),
    ]);
    const dup = await ctx.db
      .selectFrom('indicator_result')
      .select(['code', 'period_kind', 'period', 'unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('year', '=', 2021)
      .groupBy(['code', 'version', 'period_kind', 'period', 'unit_id'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(dup).toEqual([]);
  });
});

describeStore('indicators: bad files are rejected with row-level errors and nothing imported', (ctx) => {
  const reject = async (type: string, rows: string[][], name = 'bad.csv') => {
    try {
      await importRecordFile(ctx.db, { type, fileName: name, buffer: csv(rows), uploader: { actor: 'test' } });
    } catch (e) {
      expect(e).toBeInstanceOf(InputRejectedError);
      return (e as InputRejectedError).problems.map((p) => `${p.row ?? '-'} ${p.field ?? '-'} ${p.message}`);
    }
    throw new Error('accepted');
  };
  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('case_record')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('wrong columns, bad dates, end before start, duplicate ids, unknown unit, unknown type', async () => {
    expect(await reject('utility', [['申请编号', '报装类型', '申请日期', '颜色']])).toEqual([expect.stringMatching(/^1 颜色 不是“水电气报装”的列/)]);
    expect(
      await reject('utility', [
        ['申请编号', '申请日期'],
        ['A', '2021-01-01'],
      ]),
    ).toEqual(['1 报装类型 缺少此列']);
    const p = await reject('utility', [
      ['申请编号', '责任单位', '报装类型', '申请日期', '接通日期'],
      ['A1', '', '用水', '2021-02-30', ''],
      ['A2', '', '用水', '2021-03-05', '2021-03-01'],
      ['A3', '', '自来水', '2021-03-05', ''],
      ['A2', '', '用水', '2021-03-05', ''],
      ['A5', '区火星局', '用水', '2021-03-05', ''],
      ['', '', '用水', '2021-03-05', ''],
    ]);
    expect(p).toEqual([
      '2 申请日期 “2021-02-30”不是有效日期（YYYY-MM-DD）',
      '3 接通日期 2021-03-01 早于申请日期 2021-03-05',
      expect.stringMatching(/^4 报装类型 “自来水”应为 用水/),
      '5 申请编号 “A2”与第3行重复',
      '6 责任单位 单位名录中没有“区火星局”',
      '7 申请编号 不能为空',
    ]);
    expect(await reject('water', [['编号'], ['1']])).toEqual([expect.stringMatching(/^- - 未知的记录类型“water”/)]);
    expect(await reject('utility', [['a']], 'x.pdf')).toEqual(['- - 只支持 .csv 和 .xlsx 文件']);
    expect(await count()).toBe(0);
  });

  it('an .xlsx file with a bad row is rejected the same way; a good one is imported', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('记录');
    ws.addRow(['申领编号', '待遇类型', '申领日期', '办结日期']);
    ws.addRow(['X1', '失业保险金', new Date(Date.UTC(2021, 9, 8)), new Date(Date.UTC(2021, 9, 11))]);
    ws.addRow(['X2', '失业保险金', '2021-10-12', '2021-10-11']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(importRecordFile(ctx.db, { type: 'benefit_claim', fileName: 'c.xlsx', buffer: buf, uploader: { actor: 't' } })).rejects.toMatchObject({
      problems: [{ row: 3, field: '办结日期' }],
    });
    expect(await count()).toBe(0);
    ws.spliceRows(3, 1);
    const ok = await importRecordFile(ctx.db, {
      type: 'benefit_claim',
      fileName: 'c.xlsx',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      uploader: { actor: 't' },
    });
    expect(ok).toMatchObject({ rows: 1, inserted: 1 });
  });
});

describe('pure parts', () => {
  it('parses the usual date spellings and refuses impossible dates', async () => {
    const { parseDate } = await import('./core/index.js');
    expect(parseDate('2021/2/7')).toBe('2021-02-07');
    expect(parseDate('2021年10月9日')).toBe('2021-10-09');
    expect(parseDate('2021-02-29')).toBeNull();
    expect(parseDate('10/09/2021')).toBeNull();
  });
});
