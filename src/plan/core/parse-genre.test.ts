/**
 * The genre's layouts (issue 13), each in a small snippet written the way published plans write it.
 * The corpus itself (test/fixtures/plans/corpus) is scored by src/plan/corpus.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PlanParseError } from './errors.js';
import { parsePlanText } from './parse-plan.js';
import type { ParsedMeasure, ParsedPlan } from './types.js';

const measuresOf = (p: ParsedPlan): ParsedMeasure[] => p.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures));
const brief = (p: ParsedPlan) => measuresOf(p).map((m) => [m.number, m.code, m.title, m.leadUnits, m.responsibleUnits]);
const parse = (...lines: string[]) => parsePlanText(lines.join('\n'));
const HEAD = '某市2022年优化营商环境实施方案';

describe('numbering: the task level comes from the document', () => {
  it('（一） items with no 1. level, units on each', () => {
    const p = parse(
      HEAD,
      '一、提升政务服务效能',
      '（一）深化“一网通办”。政务服务事项网上可办率达到95%以上。（牵头单位：市政务服务局；责任单位：市大数据局）',
      '（二）推行告知承诺。年底前全覆盖。（牵头单位：市司法局）',
      '二、优化市场环境',
      '（一）压缩开办时间。开办时间压缩至1个工作日。（市市场监管局牵头，市税务局配合）',
    );
    expect(brief(p)).toEqual([
      [1, '一、（一）', '深化“一网通办”', ['市政务服务局'], ['市大数据局']],
      [2, '一、（二）', '推行告知承诺', ['市司法局'], []],
      [3, '二、（一）', '压缩开办时间', ['市市场监管局'], ['市税务局']],
    ]);
  });

  it('1. restarting under each （一）, units on the heading inherited: code “（一）2”, number running', () => {
    const p = parse(
      HEAD,
      '一、提升政务服务效能',
      '（一）深化“一网通办”（牵头单位：市政务服务局）',
      '1.拓展网办事项。网上可办率达到95%以上。',
      '2.推行电子证照。',
      '（二）推行告知承诺（牵头单位：市司法局）',
      '1.梳理事项清单。',
    );
    expect(brief(p)).toEqual([
      [1, '（一）1', '拓展网办事项', ['市政务服务局'], []],
      [2, '（一）2', '推行电子证照', ['市政务服务局'], []],
      [3, '（二）1', '梳理事项清单', ['市司法局'], []],
    ]);
    expect(p.warnings.filter((w) => w.code === 'numbering')).toEqual([]);
  });

  it('（1） and ① under （一）; a task’s own enumerations on separate lines stay in its text', () => {
    const p = parse(
      HEAD,
      '一、重点任务',
      '（一）优化审批服务（责任单位：市行政审批局）',
      '（1）压缩审批时限。',
      '（2）推行容缺受理。包括：',
      '（二）提升获得电力水平（责任单位：市供电公司）',
      '①压缩接电时间。',
    );
    expect(brief(p)).toEqual([
      [1, '（一）（1）', '压缩审批时限', [], ['市行政审批局']],
      [2, '（一）（2）', '推行容缺受理', [], ['市行政审批局']],
      [3, '（二）①', '压缩接电时间', [], ['市供电公司']],
    ]);
    const q = parse(HEAD, '一、重点任务', '1.推行容缺受理。主要包括：', '（1）材料容缺；', '（2）时间容缺。（牵头单位：市行政审批局）');
    expect(brief(q)).toEqual([[1, '一、1', '推行容缺受理', ['市行政审批局'], []]]);
    expect(measuresOf(q)[0].text).toBe('主要包括：（1）材料容缺；（2）时间容缺。');
  });

  it('a （一） task ending with its units after its own 1. 2. enumerations, among （一） tasks with units', () => {
    const p = parse(
      HEAD,
      '一、重点任务',
      '（一）压缩开办时间。开办时间压缩至1个工作日。（牵头单位：市市场监管局）',
      '（二）优化纳税服务。主要包括：',
      '1.推行非接触式办税；',
      '2.压缩纳税时间。（牵头单位：市税务局）',
      '（三）推行告知承诺。（牵头单位：市司法局）',
    );
    expect(brief(p).map((m) => [m[1], m[2], m[3]])).toEqual([
      ['一、（一）', '压缩开办时间', ['市市场监管局']],
      ['一、（二）', '优化纳税服务', ['市税务局']],
      ['一、（三）', '推行告知承诺', ['市司法局']],
    ]);
    expect(measuresOf(p)[1].text).toBe('主要包括：1.推行非接触式办税；2.压缩纳税时间。');
  });

  it('sections 第一部分, a flat numbered list, and tasks marked with ★ or *', () => {
    const p = parse(HEAD, '第一部分 政务服务', '1.★深化“一网通办”。（市政务服务局）', '2.推行告知承诺。', '第二部分 市场环境', '3.*压缩开办时间。');
    expect(p.sections.map((s) => [s.number, s.title])).toEqual([
      [1, '政务服务'],
      [2, '市场环境'],
    ]);
    expect(brief(p).map((m) => [m[1], m[2]])).toEqual([
      ['1', '深化“一网通办”'],
      ['2', '推行告知承诺'],
      ['3', '压缩开办时间'],
    ]);
    const flat = parse(HEAD, '1.深化“一网通办”。', '2.推行告知承诺。', '3.压缩开办时间。');
    expect(flat.sections.map((s) => s.number)).toEqual([0]);
    expect(measuresOf(flat).map((m) => m.code)).toEqual(['1', '2', '3']);
    const star = parse(HEAD, '一、重点任务', '★推行告知承诺。全面推行。', '★压缩开办时间。');
    expect(measuresOf(star).map((m) => [m.code, m.title])).toEqual([
      ['一、★', '推行告知承诺'],
      ['一、★', '压缩开办时间'],
    ]);
  });

  it('unnumbered paragraphs carrying their own units under one heading are tasks', () => {
    const p = parse(
      HEAD,
      '一、优化市场环境',
      '（一）保障平等准入',
      '落实市场准入负面清单。（牵头单位：市发展改革委）',
      '对外商投资实行准入前国民待遇。（牵头单位：市商务局）',
    );
    expect(brief(p)).toEqual([
      [1, '（一）¶1', '落实市场准入负面清单', ['市发展改革委'], []],
      [2, '（一）¶2', '对外商投资实行准入前国民待遇', ['市商务局'], []],
    ]);
  });

  it('refuses only a text without any numbered item', () => {
    expect(() => parse(HEAD, '为优化营商环境，制定本方案。', '请认真贯彻执行。')).toThrow(PlanParseError);
    expect(() => parse(HEAD, '为优化营商环境，制定本方案。', '请认真贯彻执行。')).toThrow(/^第3行：全文未找到编号条目/);
  });
});

describe('units written every way', () => {
  const one = (...body: string[]) => {
    const p = parse(HEAD, '一、重点任务', ...body);
    const m = measuresOf(p)[0];
    return { lead: m.leadUnits, responsible: m.responsibleUnits, related: m.relatedDepartments, text: m.text, deadlines: m.deadlines, warnings: p.warnings };
  };

  it('〔…〕, 【…】 and half-width brackets', () => {
    expect(one('1.推行告知承诺。全面推行。〔牵头单位：市司法局；责任单位：市市场监管局〕')).toMatchObject({
      lead: ['市司法局'],
      responsible: ['市市场监管局'],
      text: '全面推行。',
    });
    expect(one('1.推行告知承诺。全面推行。【牵头单位：市司法局】')).toMatchObject({ lead: ['市司法局'] });
    expect(one('1.推行告知承诺。全面推行。(牵头单位:市司法局;配合单位:市税务局)')).toMatchObject({ lead: ['市司法局'], responsible: ['市税务局'] });
  });

  it('unit lines after the task: 牵头单位： / 责任单位： / 配合单位：', () => {
    expect(one('1.推行告知承诺。全面推行。', '牵头单位：市司法局', '配合单位：市税务局、市人社局')).toMatchObject({
      lead: ['市司法局'],
      responsible: ['市税务局', '市人社局'],
      text: '全面推行。',
    });
    // a label line naming the roles in phrases
    expect(one('1.压缩开办时间。全面推行。', '完成时限：2022年6月底前', '责任单位：市市场监管局牵头，市公安局、市税务局配合')).toMatchObject({
      lead: ['市市场监管局'],
      responsible: ['市公安局', '市税务局'],
      deadlines: [{ text: '2022年6月底前', date: '2022-06-30' }],
    });
  });

  it('“XX牵头，YY配合”, “XX、YY按职责分工负责”, 会同', () => {
    expect(one('1.推行告知承诺。全面推行。（市司法局牵头，市税务局、市人社局配合）')).toMatchObject({
      lead: ['市司法局'],
      responsible: ['市税务局', '市人社局'],
    });
    expect(one('1.推行告知承诺。全面推行。（市司法局、市税务局按职责分工负责）')).toMatchObject({ lead: [], responsible: ['市司法局', '市税务局'] });
    expect(one('1.推行告知承诺。全面推行。（市司法局会同市税务局牵头）')).toMatchObject({ lead: ['市司法局'], responsible: ['市税务局'] });
    // a last sentence of units without brackets
    expect(one('1.推行告知承诺。全面推行。市司法局牵头，市税务局配合。')).toMatchObject({ lead: ['市司法局'], responsible: ['市税务局'], text: '全面推行。' });
  });

  it('the plan’s rule “第一责任单位为牵头单位”, found anywhere, applied to lists without a lead', () => {
    const p = parse(
      HEAD,
      '各部门要按分工抓好落实，第一责任单位为牵头单位。',
      '一、重点任务',
      '1.推行告知承诺。（责任单位：市司法局、市税务局）',
      '2.压缩开办时间。（市市场监管局、市公安局）',
      '3.优化纳税服务。（市税务局牵头，市财政局配合）',
    );
    expect(brief(p).map((m) => [m[3], m[4]])).toEqual([
      [['市司法局'], ['市税务局']],
      [['市市场监管局'], ['市公安局']],
      [['市税务局'], ['市财政局']],
    ]);
    // without the rule a plain list is responsible
    expect(one('1.推行告知承诺。（责任单位：市司法局、市税务局）')).toMatchObject({ lead: [], responsible: ['市司法局', '市税务局'] });
  });

  it('separators 及 / 和 / 、 / ， / ；, names with 和 inside kept whole, nested brackets kept', () => {
    expect(one('1.推行告知承诺。（责任单位：市司法局和市税务局；市人社局，市财政局及各县（市、区）人民政府）')).toMatchObject({
      responsible: ['市司法局', '市税务局', '市人社局', '市财政局', '各县（市、区）人民政府'],
    });
    expect(one('1.推行告知承诺。（责任单位：市人力资源和社会保障局、市住房和城乡建设局）')).toMatchObject({
      responsible: ['市人力资源和社会保障局', '市住房和城乡建设局'],
    });
  });

  it('a completion time inside the unit brackets is a deadline, not a unit; generic phrases are a flag', () => {
    const r = one('1.推行告知承诺。全面推行。（市司法局牵头，市直有关部门配合，6月底前完成）');
    expect(r).toMatchObject({ lead: ['市司法局'], responsible: [], related: true, text: '全面推行。' });
    expect(r.deadlines).toEqual([{ text: '6月底前', date: '2022-06-30' }]);
  });

  it('a bracket that is not a unit list stays text', () => {
    expect(one('1.规范住所登记。推行住所（经营场所）申报承诺制。')).toMatchObject({ lead: [], responsible: [], text: '推行住所（经营场所）申报承诺制。' });
    expect(one('1.规范住所登记。申报承诺制全覆盖（含分支机构）。')).toMatchObject({ responsible: [] });
  });

  it('units on a heading are inherited; a task’s own replace them', () => {
    const p = parse(HEAD, '一、重点任务（牵头单位：市发展改革委）', '1.推行告知承诺。', '2.压缩开办时间。（牵头单位：市市场监管局）');
    expect(brief(p).map((m) => m[3])).toEqual([['市发展改革委'], ['市市场监管局']]);
  });

  it('names are kept as written; only the directory maps a name to another; unknown names warned once', () => {
    const p = parsePlanText(
      [HEAD, '一、重点任务', '1.推行告知承诺。（牵头单位：市司法局）', '2.压缩开办时间。（牵头单位：市司法局；责任单位：市营商办）'].join('\n'),
      {
        units: [{ name: '市营商环境建设局', kind: 'department', aliases: ['市营商办'] }],
      },
    );
    expect(brief(p).map((m) => [m[3], m[4]])).toEqual([
      [['市司法局'], []],
      [['市司法局'], ['市营商环境建设局']],
    ]);
    expect(p.warnings.map((w) => [w.code, w.line, w.message])).toEqual([['unknown-unit', 3, '第3行：单位“市司法局”不在单位名录中，已按原文保留']]);
  });
});

describe('traditional script', () => {
  it('recognises labels, numbering and 號, and keeps the original characters', () => {
    const p = parse(
      '上海市普陀區人民政府辦公室',
      '關於印發《普陀區2021年優化營商環境行動方案》的通知',
      '普府辦發〔2021〕5號',
      '各委、辦、局：',
      '現將《普陀區2021年優化營商環境行動方案》印發給你們，請認真貫徹執行。',
      '上海市普陀區人民政府辦公室',
      '2021年3月5日',
      '普陀區2021年優化營商環境行動方案',
      '一、讓企業辦事更省心',
      '（一）提升線上服務。（牽頭單位：區行政服務中心；責任單位：區府辦、區科委等相關部門）',
      '1.推廣遠程身份核驗。年底前全覆蓋。',
    );
    expect([p.title, p.docNumber, p.issuer, p.issuedOn, p.year]).toEqual([
      '普陀區2021年優化營商環境行動方案',
      '普府辦發〔2021〕5號',
      '上海市普陀區人民政府辦公室',
      '2021-03-05',
      2021,
    ]);
    const m = measuresOf(p)[0];
    expect([m.title, m.leadUnits, m.responsibleUnits, m.relatedDepartments]).toEqual(['推廣遠程身份核驗', ['區行政服務中心'], ['區府辦', '區科委'], true]);
    expect(m.deadlines).toEqual([{ text: '年底前', date: '2021-12-31' }]);
  });
});

describe('metadata', () => {
  it('a notice with 主送, its own numbered items and 落款, then the plan: the plan’s title and items', () => {
    const p = parse(
      '某区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知',
      '某政办〔2023〕1号',
      '各街道办事处，区人民政府各部门：',
      '《方案》已报经区人民政府同意，现印发给你们，并就有关事项通知如下：',
      '一、各责任单位要高度重视，切实加强领导。',
      '二、区绩效考评机构要纳入绩效管理考核范围。',
      '某区人民政府办公室',
      '2023年1月3日',
      '2023年区《政府工作报告》确定的主要目标任务责任分解方案',
      '一、主要预期目标',
      '（一）地区生产总值增长7%以上',
      '责任单位：区发展和改革局',
    );
    expect([p.title, p.docNumber, p.issuer, p.issuedOn, p.year]).toEqual([
      '2023年区《政府工作报告》确定的主要目标任务责任分解方案',
      '某政办〔2023〕1号',
      '某区人民政府办公室',
      '2023-01-03',
      2023,
    ]);
    // 区发展和改革局 is an alias of 区发展改革委 in the built-in directory
    expect(brief(p)).toEqual([[1, '一、（一）', '地区生产总值增长7%以上', [], ['区发展改革委']]]);
  });

  it('a notice with numbered items, then 附件 and the plan', () => {
    const p = parse(
      '关于印发某县2022年优化营商环境工作要点的通知',
      '各乡镇：',
      '一、加强组织领导。',
      '二、强化督查考核。',
      '附件',
      '某县2022年优化营商环境工作要点',
      '一、重点任务',
      '1.压缩开办时间。（牵头单位：县市场监管局）',
    );
    expect([p.title, p.sections.map((s) => s.title)]).toEqual(['某县2022年优化营商环境工作要点', ['重点任务']]);
  });

  it('a page’s metadata lines, a damaged date line and 文号, a title without its date or 全文', () => {
    const p = parse(
      '某区人民政府办公室',
      '关于印发2020年某区优化营商环境',
      '实施方案的通知',
      '某府办函〔202058',
      '各镇人民政府：',
      '现将方案印发给你们，请认真组织实施。',
      '某区人民政府办公室',
      '202091',
      '公开方式：主动公开',
      '2020年某区优化营商环境实施方案（全文）',
      '发布日期：2020-09-02',
      '为优化营商环境，制定本方案。',
      '一、重点任务',
      '1.压缩开办时间。',
    );
    expect([p.title, p.docNumber, p.issuedOn, p.year]).toEqual(['2020年某区优化营商环境实施方案', '某府办函〔2020〕58号', '2020-09-01', 2020]);
    const q = parse(
      '深圳市某区人民政府',
      '深圳市某区关于持续优化营商环境的若干措施 2023-03-10',
      '来源：某区发展和改革局发布时间：2023-03-10',
      '一、重点任务',
      '1.压缩开办时间。',
    );
    expect([q.title, q.issuedOn, q.year]).toEqual(['深圳市某区关于持续优化营商环境的若干措施', '2023-03-10', 2023]);
  });

  it('the plan year: 文号, then the deadlines in the text, then none (a warning, relative deadlines undated)', () => {
    expect(parse('某区优化营商环境实施方案', '某府办〔2021〕3号', '一、重点任务', '1.压缩开办时间。年底前完成。').year).toBe(2021);
    const d = parse('某区优化营商环境实施方案', '一、重点任务', '1.压缩开办时间。2022年6月底前完成。', '2.推行告知承诺。2022年底前完成。');
    expect(d.year).toBe(2022);
    const n = parse('某区优化营商环境实施方案', '一、重点任务', '1.压缩开办时间。年底前完成。');
    expect(n.year).toBeNull();
    expect(n.warnings.map((w) => w.code)).toEqual(['no-year']);
    expect(measuresOf(n)[0].deadlines).toEqual([]);
  });

  it('warnings are listed once each, with line and code', () => {
    const p = parse(HEAD, '一、重点任务', '1.推行告知承诺。（牵头单位：某某中心）', '3.压缩开办时间。（牵头单位：某某中心）');
    expect(p.warnings.map((w) => [w.code, w.line])).toEqual([
      ['numbering', 4],
      ['unknown-unit', 3],
    ]);
  });
});

describe('layouts first seen in the held-out corpus (README, Decisions)', () => {
  it('a 重点工作及责任分解 list: “1﹒” numbers, a leader line (a person), 牵头责任单位 / 协同责任单位 lines', () => {
    const p = parse(
      '一、完成主要预期目标',
      '1﹒地区生产总值增长6%以上。',
      '牵头负责领导：张某。',
      '牵头责任单位：市发展改革委。',
      '协同责任单位：市政府各部门、各直属机构。',
      '2﹒进出口总额增长8%左右。',
      '牵头负责领导：李某。',
      '牵头责任单位：市商务局。',
      '协同责任单位：市财政局、某某海关等。',
    );
    expect(brief(p)).toEqual([
      [1, '一、1', '地区生产总值增长6%以上', ['市发展改革委'], []],
      [2, '一、2', '进出口总额增长8%左右', ['市商务局'], ['市财政局', '某某海关']],
    ]);
    expect(measuresOf(p).map((m) => [m.relatedDepartments, m.targets.map((t) => `${t.op} ${t.value} ${t.unit}`)])).toEqual([
      [true, ['>= 6 %']],
      [true, ['= 8 %']],
    ]);
  });

  it('the plan’s rule “以下各任务均需…落实” inside a unit list gives those units to this and every later task', () => {
    const p = parse(
      HEAD,
      '一、重点任务',
      '1.提升大厅建设。（责任单位：市政务服务中心，各县区人民政府、市直相关行业部门按职责分工负责，以下各任务均需各县区人民政府、市直相关行业部门落实，不再一一列出）',
      '2.提高窗口人员素质。（责任单位：市政务服务中心）',
      '3.推行告知承诺。（牵头单位：市司法局）',
    );
    expect(brief(p)).toEqual([
      [1, '一、1', '提升大厅建设', [], ['市政务服务中心', '各县区人民政府']],
      [2, '一、2', '提高窗口人员素质', [], ['市政务服务中心', '各县区人民政府']],
      [3, '一、3', '推行告知承诺', ['市司法局'], ['各县区人民政府']],
    ]);
  });

  it('generic phrases of the issuing government are a flag; collectives stay units', () => {
    const p = parse(
      HEAD,
      '一、重点任务',
      '1.建设公开平台。（牵头单位：县政府办公室；责任单位：各乡镇场街、县政府各部门）',
      '2.编制事项清单。〔牵头单位：市政务服务中心；责任单位：市直及中省驻市各有关单位、各县市区人民政府（管委会）〕',
    );
    expect(brief(p).map((m) => [m[3], m[4]])).toEqual([
      [['县政府办公室'], ['各乡镇场街']],
      [['市政务服务中心'], ['各县市区人民政府（管委会）']],
    ]);
    expect(measuresOf(p).map((m) => m.relatedDepartments)).toEqual([true, true]);
  });

  it('an unnumbered heading between the preamble and the first item is not the title', () => {
    const p = parse(
      '某市突发事件应急体系建设规划责任分解',
      '为提高应对突发事件的能力，现将规划中的建设任务进行责任分解。',
      '应急体系9个具体建设任务',
      '（一）“一案三制”建设',
      '1.完善应急预案体系。（责任单位：市应急管理局）',
    );
    expect(p.title).toBe('某市突发事件应急体系建设规划责任分解');
    const q = parse('某区2023年优化营商环境工作要点', '为优化营商环境，制定本要点。', '一、重点任务', '1.压缩开办时间。');
    expect(q.title).toBe('某区2023年优化营商环境工作要点');
  });

  it('a 文号 glued to the 主送 line; a 此件公开发布 line with a repost’s pinyin; a site’s ordinal after the title', () => {
    const p = parse(
      '市人民政府办公室关于印发某市优化营商环境行动方案的通知',
      '某政办发〔2025〕26号各县（区）人民政府，市政府各部门、直属机构：',
      '现印发给你们，请认真抓好落实。',
      '某市人民政府办公室',
      '2025年6月4日',
      '（此件公開發(fā)布）',
      '某市優化營商環境行動方案2',
      '为优化营商环境，制定本方案。',
      '一、重点任务',
      '（一）推进政策直达。（责任单位：市发展改革委）',
    );
    expect([p.title, p.docNumber, p.year]).toEqual(['某市優化營商環境行動方案', '某政办发〔2025〕26号', 2025]);
  });
});
