import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parsePlanBytes, parsePlanFile } from '../read-plan-file.js';
import { PlanParseError } from './errors.js';
import { parsePlanText } from './parse-plan.js';
import type { ParsedMeasure, ParsedPlan } from './types.js';

const FIXTURES = path.resolve('test/fixtures/plans');
const SAMPLE = path.join(FIXTURES, 'yuzhong-2021.txt');
const GOLDEN = path.join(FIXTURES, 'yuzhong-2021.golden.json');

const measuresOf = (p: ParsedPlan): ParsedMeasure[] => p.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures));
const measure = (p: ParsedPlan, n: number): ParsedMeasure => {
  const m = measuresOf(p).find((x) => x.number === n);
  if (!m) throw new Error(`no measure ${n}`);
  return m;
};
const ovu = (m: ParsedMeasure) => m.targets.map((t) => `${t.op} ${t.value} ${t.unit}`);

function expectParseError(fn: () => unknown, line: number, pattern: RegExp): PlanParseError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(PlanParseError);
  const err = caught as PlanParseError;
  expect(err.line).toBe(line);
  expect(err.message).toMatch(new RegExp(`^第${line}行：`));
  expect(err.message).toMatch(pattern);
  return err;
}

async function expectParseErrorAsync(p: Promise<unknown>, pattern: RegExp): Promise<PlanParseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlanParseError);
  expect((err as PlanParseError).message).toMatch(/^第\d+行：/);
  expect((err as PlanParseError).message).toMatch(pattern);
  return err as PlanParseError;
}

describe('the sample plan (渝中府办〔2021〕16号)', async () => {
  const plan = await parsePlanFile(SAMPLE);

  it('matches the reviewed golden file', () => {
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, `${JSON.stringify(plan, null, 2)}\n`);
    const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8'));
    expect(plan).toEqual(golden);
    // exactly the documented keys, as `bizenv plan parse --json` prints them
    expect(Object.keys(plan)).toEqual(['title', 'docNumber', 'issuer', 'issuedOn', 'year', 'sections', 'warnings']);
    expect(Object.keys(measure(plan, 1))).toEqual(['number', 'title', 'text', 'leadUnits', 'responsibleUnits', 'relatedDepartments', 'targets', 'deadlines']);
  });

  it('reads the metadata from the notice and the body title', () => {
    expect(plan.title).toBe('渝中区2021年深化“放管服”改革优化营商环境实施方案');
    expect(plan.docNumber).toBe('渝中府办〔2021〕16号');
    expect(plan.issuer).toBe('重庆市渝中区人民政府办公室');
    expect(plan.issuedOn).toBe('2021-07-23');
    expect(plan.year).toBe(2021);
    expect(plan.warnings).toEqual([]);
  });

  it('has 5 sections and 52 measures numbered 1–52', () => {
    expect(plan.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect(plan.sections.map((s) => s.subsections.length)).toEqual([6, 4, 5, 2, 4]);
    expect(measuresOf(plan).map((m) => m.number)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    expect(plan.sections[0].title).toBe('构建高效便捷、规范有序的市场环境');
  });

  it('keeps measure headings and texts', () => {
    expect(measure(plan, 6).title).toBe('进一步压减接入时间');
    expect(measure(plan, 6).text.startsWith('获得用水一般项目用户全流程总用时不超过9个工作日。')).toBe(true);
    // a measure without a short heading: its first clause is the title, the text is whole
    expect(measure(plan, 20).title).toBe('支持高校和科研院所开展重大科技攻关和成果转移转化');
    expect(measure(plan, 20).text.startsWith('支持高校和科研院所')).toBe(true);
    // section 四: the measure's own units are not part of its text
    expect(measure(plan, 47).text.endsWith('提升涉企政策精准度。')).toBe(true);
  });

  it('puts the text of section 五 subsections in the subsection text', () => {
    const five = plan.sections[4];
    expect(five.subsections.map((s) => s.title)).toEqual(['加强组织领导', '狠抓措施落实', '强化督查督办', '加大宣传力度']);
    expect(five.subsections.every((s) => s.measures.length === 0)).toBe(true);
    expect(five.subsections[0].text.startsWith('完善区级优化营商环境工作推进机制')).toBe(true);
  });

  it('gives every measure its effective units', () => {
    expect(measure(plan, 47).leadUnits).toEqual(['区发展改革委']); // written 区发改委
    expect(measure(plan, 47).responsibleUnits).toEqual(['区财政局', '各产业部门', '各管委会']);
    for (const n of [6, 7, 8]) {
      expect(measure(plan, n).leadUnits).toEqual(['区城管局', '区经济信息委']);
      expect(measure(plan, n).responsibleUnits).toEqual(['市区供电分公司', '燃气集团渝中分公司', '渝中区自来水厂']);
    }
    expect(measure(plan, 1).responsibleUnits).toContain('区人力社保局');
    expect(measure(plan, 9).relatedDepartments).toBe(true);
    expect(measure(plan, 9).responsibleUnits.at(-1)).toBe('区市场监管局');
    expect(measure(plan, 6).relatedDepartments).toBe(false);
    expect(measure(plan, 12).responsibleUnits).toEqual([]);
    expect(measure(plan, 52).leadUnits).toEqual(['区招商局']);
    expect(measure(plan, 52).responsibleUnits).toEqual(['各产业部门', '各管委会', '各街道']);
    expect(measure(plan, 36).responsibleUnits).toEqual([
      '区委宣传部',
      '区财政局',
      '区司法局',
      '区科技局',
      '区文化旅游委',
      '区金融办',
      '区法院',
      '区检察院',
      '区公安分局',
    ]);
    // section 四 subsections have no units of their own
    expect(plan.sections[3].subsections[0].leadUnits).toEqual([]);
  });

  it('extracts the quantitative commitments of the named measures', () => {
    expect(measure(plan, 6).targets).toEqual([
      { text: '不超过9个工作日', metric: '获得用水一般项目用户全流程总用时', op: '<=', value: 9, unit: '工作日' },
      { text: '不超过8个工作日', metric: '获得用电低压小微用户全流程总用时', op: '<=', value: 8, unit: '工作日' },
      { text: '不超过2日', metric: '涉及需要开挖占绿的备案办理用时', op: '<=', value: 2, unit: '日' },
      { text: '不超过30个工作日', metric: '10千伏城镇用户全流程平均用时', op: '<=', value: 30, unit: '工作日' },
      { text: '不超过13个工作日', metric: '获得用气用户办理总用时', op: '<=', value: 13, unit: '工作日' },
    ]);
    expect(measure(plan, 13).targets).toEqual([
      { text: '20日内', metric: '采购单位和中标（成交）供应商签订政府采购合同用时', op: '<=', value: 20, unit: '日' },
    ]);
    expect(measure(plan, 14).targets).toEqual([{ text: '7个工作日内', metric: '组织履约情况验收用时', op: '<=', value: 7, unit: '工作日' }]);
    expect(measure(plan, 15).targets).toEqual([
      { text: '5个工作日内', metric: '办理支付手续用时', op: '<=', value: 5, unit: '工作日' },
      { text: '不低于30%', metric: '预付款支付比例', op: '>=', value: 30, unit: '%' },
      { text: '不低于50%', metric: '中小企业预付款支付比例', op: '>=', value: 50, unit: '%' },
    ]);
    // 200万元以下 / 400万元以下 are thresholds, not commitments
    expect(ovu(measure(plan, 16))).toEqual(['>= 30 %', '>= 60 %']);
    expect(measure(plan, 16).targets[1].metric).toBe('预留给小微企业的比例');
    expect(measure(plan, 21).targets.map((t) => [t.metric, t.op, t.value, t.unit])).toEqual([
      ['行政许可事项全程网办占比', '>=', 90, '%'],
      ['依申请类政务服务事项占比', '>=', 80, '%'],
    ]);
    expect(ovu(measure(plan, 22))).toEqual(['>= 74 项', '>= 8 项']);
    expect(measure(plan, 32).targets).toEqual([{ text: '不低于2000户', metric: '全区推广使用企业信用码的市场主体数量', op: '>=', value: 2000, unit: '户' }]);
    expect(measure(plan, 33).targets.map((t) => [t.metric, t.op, t.value, t.unit])).toEqual([
      ['行业监管事项清单梳理完成率', '=', 100, '%'],
      ['监管信息归集率', '=', 100, '%'],
      ['投诉举报处理率', '=', 100, '%'],
      ['协同监管响应率', '=', 100, '%'],
    ]);
    expect(measure(plan, 39).targets.map((t) => [t.text, t.op, t.value, t.unit])).toEqual([
      ['100户', '>=', 100, '户'],
      ['10家', '>=', 10, '家'],
      ['2名', '>=', 2, '名'],
    ]);
    expect(measure(plan, 40).targets).toEqual([{ text: '不超过1个工作日', metric: '失业补助金、失业保险金申领用时', op: '<=', value: 1, unit: '工作日' }]);
    // 75% is the commitment; the remaining 25% is not
    expect(measure(plan, 42).targets.map((t) => [t.text, t.op, t.value, t.unit])).toEqual([['75%', '>=', 75, '%']]);
    // "4+1", "24小时智能自助法院", "十一税合一", "第二批" are not commitments
    expect(measure(plan, 41).targets).toEqual([]);
    expect(measure(plan, 28).targets).toEqual([]);
  });

  it('gives phrases that stand in the measure (for highlighting)', () => {
    for (const m of measuresOf(plan)) {
      for (const x of [...m.targets, ...m.deadlines]) expect(`${m.title}。${m.text}`).toContain(x.text);
    }
  });

  it('resolves the deadlines of measures 22 and 32 against the plan year', () => {
    expect(measure(plan, 22).deadlines).toEqual([
      { text: '2021年12月底', date: '2021-12-31' },
      { text: '今年10月底前', date: '2021-10-31' },
      { text: '年内', date: '2021-12-31' },
      { text: '今年内', date: '2021-12-31' },
    ]);
    expect(measure(plan, 32).deadlines).toEqual([{ text: '年底前', date: '2021-12-31' }]);
    expect(
      measuresOf(plan)
        .filter((m) => m.deadlines.length)
        .map((m) => m.number),
    ).toEqual([22, 32]);
  });
});

describe('a second, differently worded plan (区府办发〔2023〕8号) as UTF-8, GB18030 and .docx', async () => {
  const utf8 = await parsePlanFile(path.join(FIXTURES, 'other-district-2023.txt'));
  const gb = await parsePlanFile(path.join(FIXTURES, 'other-district-2023.gb18030.txt'));
  const docx = await parsePlanFile(path.join(FIXTURES, 'other-district-2023.docx'));
  /** Warnings name lines, and a .docx has paragraphs where the text has lines. */
  const structure = ({ warnings, ...rest }: ParsedPlan) => ({
    ...rest,
    warnings: warnings.map((w) => ({ code: w.code, message: w.message.replace(/^第\d+行：/, '') })),
  });

  it('gives the same structure from all three files', () => {
    expect(structure(gb)).toEqual(structure(utf8));
    expect(structure(docx)).toEqual(structure(utf8));
  });

  it('reads the metadata: [] brackets, Chinese-numeral date, title split over two lines', () => {
    expect(utf8.title).toBe('青溪区2023年优化营商环境工作方案');
    expect(utf8.docNumber).toBe('区府办发〔2023〕8号');
    expect(utf8.issuer).toBe('青溪区人民政府办公室');
    expect(utf8.issuedOn).toBe('2023-03-15');
    expect(utf8.year).toBe(2023);
  });

  it('has 3 sections, 12 measures, text-only subsections in sections 一 and 三', () => {
    expect(utf8.sections.map((s) => s.title)).toEqual(['总体要求', '重点任务', '保障措施']);
    expect(measuresOf(utf8).map((m) => m.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(utf8.sections[0].subsections.map((s) => [s.title, s.measures.length])).toEqual([
      ['指导思想', 0],
      ['工作目标', 0],
    ]);
    expect(utf8.sections[0].subsections[1].text).toBe('到2023年底，全区营商环境便利度明显提升，市场主体满意度稳步提高。');
  });

  it('resolves unit aliases, own units in parentheses, 等有关单位, and warns about unknown units', () => {
    expect(measure(utf8, 1).leadUnits).toEqual(['区市场监管局']); // 区市场监督管理局
    expect(measure(utf8, 1).responsibleUnits).toEqual(['区行政审批局', '区人力社保局', '区税务局', '区公安分局']);
    expect(measure(utf8, 4).leadUnits).toEqual(['区发展改革委']); // 区发改委
    expect(measure(utf8, 4).responsibleUnits).toEqual(['区住房城市建设委', '区规划自然资源局']);
    expect(measure(utf8, 4).relatedDepartments).toBe(true);
    expect(measure(utf8, 6).leadUnits).toEqual([]);
    expect(measure(utf8, 6).responsibleUnits).toEqual(['区行政审批局', '区大数据局']);
    expect(measure(utf8, 6).text.endsWith('升级改造。')).toBe(true);
    // "（区发展和改革委员会牵头，区财政局、区营商办配合）"
    expect(measure(utf8, 7).leadUnits).toEqual(['区发展改革委']);
    expect(measure(utf8, 7).responsibleUnits).toEqual(['区财政局', '区营商办']);
    expect(measure(utf8, 8).leadUnits).toEqual(['区政务服务办']);
    expect(measure(utf8, 9).leadUnits).toEqual(['区经济信息委']); // 区经信局
    expect(measure(utf8, 10).responsibleUnits).toEqual(['人行青溪支行', '区财政局']);
    expect(utf8.warnings.map((w) => [w.code, w.line])).toEqual([
      ['unknown-unit', 28],
      ['unknown-unit', 32],
    ]);
    expect(utf8.warnings[0].message).toContain('区营商办');
    expect(utf8.warnings[1].message).toContain('人行青溪支行');
  });

  it('extracts targets worded differently', () => {
    const t = (n: number) => measure(utf8, n).targets.map((x) => `${x.metric} ${x.op} ${x.value} ${x.unit}`);
    expect(t(1)).toEqual(['企业开办全流程时间 <= 1 工作日', '申请材料数量 <= 5 份']);
    expect(t(2)).toEqual(['覆盖行业数量 >= 20 个', '行业综合许可证审批时限 <= 5 工作日']);
    expect(t(3)).toEqual(['公告时间 <= 20 日']);
    expect(t(4)).toEqual(['社会投资小型低风险项目从立项到取得施工许可审批时间 <= 15 工作日', '一般项目审批时间 <= 40 工作日', '审查意见反馈用时 <= 10 工作日']);
    expect(t(5)).toEqual(['联合验收完成用时 <= 7 工作日', '竣工联合验收率 >= 95 %']);
    expect(t(6)).toEqual(['政务服务事项网上可办率 >= 98 %', '即办件占比 >= 60 %']);
    expect(t(7)).toEqual(['中介服务平均时限压缩幅度 >= 30 %', '中介机构入驻网上中介超市数量 >= 300 家']);
    expect(t(8)).toEqual(['企业诉求办结率 = 100 %', '企业诉求平均响应时间 <= 24 小时', '满意率 >= 95 %']);
    expect(t(9)).toEqual(['低压小微企业用电报装投资 = 0 元', '办电时间 <= 15 日', '用水报装时间 <= 3 工作日']);
    expect(t(10)).toEqual(['新增普惠小微企业贷款 >= 50 亿元', '首贷户数较上年增长幅度 >= 10 %', '普惠小微企业贷款不良率 <= 3 %']);
    expect(t(11)).toEqual(['全年跨部门联合检查占比 >= 30 %', '组织开展营商环境执法专项检查数量 >= 4 次']);
    expect(t(12)).toEqual(['买卖合同纠纷平均审理时间 <= 90 日', '诉讼服务事项跨区域远程办理覆盖率 = 100 %']);
  });

  it('resolves deadlines against 2023', () => {
    const d = (n: number) => measure(utf8, n).deadlines.map((x) => `${x.text}=${x.date}`);
    expect(d(1)).toEqual(['6月底前=2023-06-30']);
    expect(d(2)).toEqual(['第三季度末前=2023-09-30']);
    expect(d(3)).toEqual(['2023年9月30日前=2023-09-30']);
    expect(d(6)).toEqual(['上半年=2023-06-30']);
    expect(d(8)).toEqual(['11月15日前=2023-11-15']);
    expect(d(10)).toEqual(['明年3月底前=2024-03-31']);
    expect(d(11)).toEqual(['年内=2023-12-31']);
    expect(d(12)).toEqual(['年底前=2023-12-31']);
  });
});

describe('documents that are not plans, or are damaged', () => {
  const sample = fs.readFileSync(SAMPLE, 'utf8');

  it('rejects an empty file', async () => {
    expectParseError(() => parsePlanText(''), 1, /文件为空/);
    expectParseError(() => parsePlanText(' \n\n  \n'), 1, /文件为空/);
    const err = await expectParseErrorAsync(parsePlanBytes(new Uint8Array(0), 'plan.txt'), /文件为空/);
    expect(err.line).toBe(1);
    expect((await expectParseErrorAsync(parsePlanBytes(new TextEncoder().encode('\ufeff\r\n'), 'plan.txt'), /文件为空/)).line).toBe(1);
  });

  it('rejects binary garbage, naming the line', async () => {
    // deterministic pseudo-random bytes: neither UTF-8 nor text in GB18030
    let x = 12345;
    const bytes = new Uint8Array(4096).map(() => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return (x >> 16) & 0xff;
    });
    const err = await expectParseErrorAsync(parsePlanBytes(bytes, 'plan.txt'), /二进制|无法识别/);
    expect(err.line).toBeGreaterThanOrEqual(1);
    // a PNG header: a NUL byte on its third line (\x89PNG\r\n \x1a\n \0…)
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const e2 = await expectParseErrorAsync(parsePlanBytes(png, 'plan.txt'), /二进制/);
    expect(e2.line).toBe(3);
    // a .docx that is not a zip
    await expectParseErrorAsync(parsePlanBytes(new TextEncoder().encode('一、标题'), 'plan.docx'), /不是 Word/);
    // a damaged .docx (a zip header and nothing else)
    await expectParseErrorAsync(parsePlanBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'plan.docx'), /Word 文档/);
  });

  it('rejects a plan with measure 3 missing, naming the line of measure 4', () => {
    const lines = sample.split('\n');
    const at = lines.findIndex((l) => l.startsWith('3.'));
    lines.splice(at, 1);
    const err = expectParseError(() => parsePlanText(lines.join('\n')), at + 1, /应为措施编号“3\.”，实际为“4\.”/);
    expect(err.reason).toBe('应为措施编号“3.”，实际为“4.”');
  });

  it('rejects a repeated measure number and sections out of order', () => {
    const lines = sample.split('\n');
    const at = lines.findIndex((l) => l.startsWith('13.'));
    lines[at] = lines[at].replace(/^13\./, '12.');
    expectParseError(() => parsePlanText(lines.join('\n')), at + 1, /应为措施编号“13\.”，实际为“12\.”/);
    const l2 = sample.split('\n');
    const s2 = l2.findIndex((l) => l.startsWith('二、'));
    l2[s2] = l2[s2].replace(/^二、/, '三、');
    expectParseError(() => parsePlanText(l2.join('\n')), s2 + 1, /应为章节编号“二、”，实际为“三、”/);
    const l3 = sample.split('\n');
    const s3 = l3.findIndex((l) => l.startsWith('(三)有效提升'));
    l3[s3] = l3[s3].replace(/^\(三\)/, '(四)');
    expectParseError(() => parsePlanText(l3.join('\n')), s3 + 1, /应为小节编号“（三）”，实际为“（四）”/);
  });

  it('rejects a text with no sections', () => {
    const text = '关于做好2023年春节期间安全生产工作的通知\n各单位：\n请认真做好节日期间安全生产工作。\n特此通知。\n';
    expectParseError(() => parsePlanText(text), 5, /未找到章节标题（应为“一、……”）/);
  });

  it('explains Word automatic numbering when a .docx has no sections', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const doc = new Document({
      sections: [{ children: ['某区2023年优化营商环境工作方案', '总体要求', '压缩审批时间。审批时间不超过3个工作日。'].map((t) => new Paragraph(t)) }],
    });
    const bytes = await Packer.toBuffer(doc);
    const err = await expectParseErrorAsync(parsePlanBytes(bytes, 'plan.docx'), /自动编号/);
    expect(err.line).toBe(3);
  });

  it('rejects sections without any numbered measure', () => {
    const text = '某区2023年工作要点\n一、总体要求\n（一）指导思想。坚持稳中求进。\n二、保障措施\n（一）加强领导。落实责任。\n';
    expectParseError(() => parsePlanText(text), 5, /未找到编号措施/);
  });
});

describe('layout variants', () => {
  const base = [
    '某某区2022年优化营商环境实施方案',
    '一、提升服务效能',
    '（一）优化审批服务（牵头单位：区发改委，责任单位：区财政局）',
    '1.压缩审批时间。审批时间压缩至3个工作日以内。',
    '2.推行告知承诺。年底前实现告知承诺事项全覆盖。',
  ];

  it('joins a paragraph split over two lines and splits two measures joined on one line', () => {
    const split = parsePlanText([...base.slice(0, 3), '1.压缩审批时间。审批时间', '压缩至3个工作日以内。', base[4]].join('\n'));
    const joined = parsePlanText([...base.slice(0, 3), base[3] + base[4]].join('\n'));
    const plain = parsePlanText(base.join('\n'));
    expect(split).toEqual(plain);
    expect(joined).toEqual(plain);
    expect(measuresOf(plain).map((m) => m.number)).toEqual([1, 2]);
    expect(plain.year).toBe(2022);
    expect(plain.docNumber).toBeNull();
    expect(plain.issuer).toBeNull();
    expect(plain.issuedOn).toBeNull();
  });

  it('accepts full-width and half-width punctuation, CRLF and indentation alike', () => {
    const half = base.map((l) => l.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/，/g, ','));
    const indented = base.map((l, i) => (i ? `　　${l}  ` : l));
    const plain = parsePlanText(base.join('\n'));
    expect(parsePlanText(half.join('\r\n'))).toEqual(plain);
    expect(parsePlanText(`\ufeff${indented.join('\r\n')}`)).toEqual(plain);
  });

  it('takes the year from the date line, or from the options, when the title has none', () => {
    const noYear = ['某某区优化营商环境实施方案', ...base.slice(1)];
    expect(parsePlanText([...noYear, '某某区人民政府办公室', '2024年2月1日'].join('\n')).year).toBe(2024);
    expect(parsePlanText(noYear.join('\n'), { year: 2025 }).year).toBe(2025);
    expectParseError(() => parsePlanText(noYear.join('\n')), 1, /无法确定方案年度/);
  });

  it('reads units written on lines of their own, and the short form “（X牵头，Y配合）”', () => {
    const p = parsePlanText(
      [
        '某某区2022年优化营商环境实施方案',
        '一、提升服务效能',
        '（一）优化审批服务',
        '牵头单位：区发改委',
        '责任单位：区财政局、区住建委等相关部门',
        '1.压缩审批时间。审批时间压缩至3个工作日以内。',
        '2.推行告知承诺。年底前实现告知承诺事项全覆盖。',
        '牵头单位：区行政审批局；责任单位：区司法局',
        '3.优化税费服务。推行非接触式办税。（区税务局牵头，区财政局配合）',
      ].join('\n'),
    );
    const sub = p.sections[0].subsections[0];
    expect([sub.title, sub.text, sub.leadUnits, sub.responsibleUnits]).toEqual(['优化审批服务', '', ['区发展改革委'], ['区财政局', '区住房城市建设委']]);
    expect([measure(p, 1).leadUnits, measure(p, 1).responsibleUnits, measure(p, 1).relatedDepartments]).toEqual([
      ['区发展改革委'],
      ['区财政局', '区住房城市建设委'],
      true,
    ]);
    expect([measure(p, 2).text, measure(p, 2).leadUnits, measure(p, 2).responsibleUnits, measure(p, 2).relatedDepartments]).toEqual([
      '年底前实现告知承诺事项全覆盖。',
      ['区行政审批局'],
      ['区司法局'],
      false,
    ]);
    expect([measure(p, 3).text, measure(p, 3).leadUnits, measure(p, 3).responsibleUnits]).toEqual(['推行非接触式办税。', ['区税务局'], ['区财政局']]);
  });

  it('creates an implicit subsection 0 for what stands directly under a section heading', () => {
    const p = parsePlanText(
      ['某某区2022年优化营商环境实施方案', '一、提升服务效能', '1.压缩审批时间。审批时间不超过3个工作日。（牵头单位：区发改委）'].join('\n'),
    );
    expect(p.sections[0].subsections.map((s) => s.number)).toEqual([0]);
    expect(measure(p, 1).leadUnits).toEqual(['区发展改革委']);
    const q = parsePlanText(
      [
        '某某区2022年优化营商环境实施方案',
        '一、总体要求',
        '以企业需求为导向，全面优化营商环境。',
        '（一）工作目标。全年完成各项任务。',
        '二、主要任务',
        '1.压缩审批时间。审批时间不超过3个工作日。',
      ].join('\n'),
    );
    expect(q.sections[0].subsections.map((s) => [s.number, s.title, s.text])).toEqual([
      [0, '', '以企业需求为导向，全面优化营商环境。'],
      [1, '工作目标', '全年完成各项任务。'],
    ]);
    expect(q.sections[1].subsections.map((s) => [s.number, s.measures.length])).toEqual([[0, 1]]);
  });

  it('reads a task list with 1、 markers, units in the short form and the signature at the end', () => {
    const p = parsePlanText(
      [
        '某市某区2022年优化营商环境重点任务清单',
        '为进一步优化营商环境，制定如下任务清单。',
        '一、开办企业',
        '（一）压减开办环节（责任单位：区市场监管局、区税务局）',
        '1、推行“一网通办”。企业开办环节压减至2个。',
        '2、推行免费刻章。新办企业首套印章免费刻制覆盖率达到100%，9月底前完成。',
        '二、获得电力',
        '（一）提升获电效率（区供电公司牵头，区城管局、区住建委配合）',
        '3、压减报装时间。低压非居民用户办电时间控制在5个工作日以内。',
        '某市某区人民政府办公室',
        '2022年4月8日',
      ].join('\n'),
    );
    expect([p.title, p.issuer, p.issuedOn, p.year, p.docNumber]).toEqual([
      '某市某区2022年优化营商环境重点任务清单',
      '某市某区人民政府办公室',
      '2022-04-08',
      2022,
      null,
    ]);
    expect(measuresOf(p).map((m) => [m.number, m.title])).toEqual([
      [1, '推行“一网通办”'],
      [2, '推行免费刻章'],
      [3, '压减报装时间'],
    ]);
    expect(p.sections[1].subsections[0].title).toBe('提升获电效率');
    expect([measure(p, 3).leadUnits, measure(p, 3).responsibleUnits]).toEqual([['区供电公司'], ['区城管局', '区住房城市建设委']]);
    expect(measure(p, 3).text).toBe('低压非居民用户办电时间控制在5个工作日以内。');
    expect(measure(p, 2).deadlines).toEqual([{ text: '9月底前', date: '2022-09-30' }]);
    expect(measure(p, 2).targets.map((t) => `${t.op} ${t.value} ${t.unit}`)).toEqual(['= 0 元', '= 100 %']);
  });

  it('joins a section title split over two lines', () => {
    const p = parsePlanText(
      ['某某区2022年优化营商环境实施方案', '一、构建高效便捷、', '规范有序的市场环境', '1.压缩审批时间。审批时间不超过3个工作日。'].join('\n'),
    );
    expect(p.sections[0].title).toBe('构建高效便捷、规范有序的市场环境');
  });
});
