import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * A small plan seeded straight into the plan tables for the ledger tests: four measures of the sample plan
 * (渝中府办〔2021〕16号) with their units, targets and deadlines as the plan states them — measure 6 (获得用水
 * "不超过9个工作日", 用电 "不超过8个工作日"), 22 ("2021年12月底", "今年10月底前"), 32 ("年底前……不低于2000户")
 * and 47 (no deadline, 牵头单位 区发改委 = 区发展改革委). Independent of the plan parser.
 */
export async function seedLedgerPlan(db: Kysely<Database>): Promise<{ planId: number; units: Record<string, number>; measures: Record<number, number> }> {
  const unitNames = ['区城管局', '区经济信息委', '区政务服务办', '区发展改革委', '区市场监管局', '区财政局'];
  const units: Record<string, number> = {};
  for (const name of unitNames) {
    const aliases = name === '区发展改革委' ? ['区发改委'] : [];
    const r = await db
      .insertInto('unit')
      .values({ name, kind: 'department', aliases })
      .onConflict((oc) => oc.column('name').doUpdateSet({ kind: 'department' }))
      .returning('id')
      .executeTakeFirstOrThrow();
    units[name] = r.id;
  }
  const plan = await db
    .insertInto('plan')
    .values({
      doc_number: `渝中府办〔2021〕16号-t${Math.random().toString(36).slice(2, 8)}`,
      title: '渝中区2021年深化“放管服”改革优化营商环境实施方案',
      issuer: '重庆市渝中区人民政府办公室',
      issued_on: '2021-06-01',
      year: 2021,
      current_revision: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sections = [
    [1, '构建高效便捷、规范有序的市场环境'],
    [2, '构建便捷高效、公开透明的政务环境'],
    [3, '构建公平公正、包容审慎的法治环境'],
    [4, '构建亲商安商、助企惠企的发展环境'],
  ] as const;
  const subIds: Record<number, number> = {};
  for (const [n, title] of sections) {
    const s = await db.insertInto('plan_section').values({ plan_id: plan.id, number: n, title }).returning('id').executeTakeFirstOrThrow();
    const ss = await db
      .insertInto('plan_subsection')
      .values({ plan_id: plan.id, section_id: s.id, number: 1, title: `${title}（一）`, text: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    subIds[n] = ss.id;
  }
  const defs = [
    {
      number: 6,
      section: 1,
      title: '进一步压减接入时间',
      lead: ['区城管局', '区经济信息委'],
      resp: [] as string[],
      targets: [
        { text: '获得用水一般项目用户全流程总用时不超过9个工作日', metric: '获得用水一般项目用户全流程总用时', op: '<=', value: 9, unit: '工作日' },
        { text: '获得用电低压小微用户全流程总用时不超过8个工作日', metric: '获得用电低压小微用户全流程总用时', op: '<=', value: 8, unit: '工作日' },
      ],
      deadlines: [] as Array<{ text: string; date: string }>,
    },
    {
      number: 22,
      section: 2,
      title: '加快推进“通办类”事项覆盖面',
      lead: ['区政务服务办'],
      resp: ['区发展改革委'],
      targets: [],
      deadlines: [
        { text: '2021年12月底', date: '2021-12-31' },
        { text: '今年10月底前', date: '2021-10-31' },
      ],
    },
    {
      number: 32,
      section: 3,
      title: '加强信用监管',
      lead: ['区市场监管局'],
      resp: ['区发展改革委'],
      targets: [{ text: '全区推广使用企业信用码的市场主体不低于2000户', metric: '全区推广使用企业信用码的市场主体', op: '>=', value: 2000, unit: '户' }],
      deadlines: [{ text: '年底前', date: '2021-12-31' }],
    },
    { number: 47, section: 4, title: '提升政策制定精准度', lead: ['区发展改革委'], resp: ['区财政局'], targets: [], deadlines: [] },
  ];
  const measures: Record<number, number> = {};
  for (const d of defs) {
    const m = await db
      .insertInto('measure')
      .values({ plan_id: plan.id, subsection_id: subIds[d.section]!, number: d.number, title: d.title, text: `${d.title}。`, related_departments: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    measures[d.number] = m.id;
    const mu = [
      ...d.lead.map((u, i) => ({ measure_id: m.id, unit_id: units[u]!, role: 'lead' as const, position: i + 1 })),
      ...d.resp.map((u, i) => ({ measure_id: m.id, unit_id: units[u]!, role: 'responsible' as const, position: i + 1 })),
    ];
    await db.insertInto('measure_unit').values(mu).execute();
    for (const [i, t] of d.targets.entries())
      await db
        .insertInto('measure_target')
        .values({ measure_id: m.id, seq: i + 1, ...t })
        .execute();
    for (const [i, t] of d.deadlines.entries())
      await db
        .insertInto('measure_deadline')
        .values({ measure_id: m.id, seq: i + 1, ...t })
        .execute();
  }
  return { planId: plan.id, units, measures };
}
