import { describe, it, expect } from 'vitest';
import { extractDeadlines } from './deadlines.js';

const d = (s: string, y = 2021) => extractDeadlines(s, y).map((x) => `${x.text}=${x.date}`);

describe('extractDeadlines', () => {
  it('resolves the forms of measure 22 and 32', () => {
    expect(d('2021年12月底实现线上线下融合互认，今年10月底前实现同标准受理。74项事项年内实现，力争提前在今年内实现。')).toEqual([
      '2021年12月底=2021-12-31',
      '今年10月底前=2021-10-31',
      '年内=2021-12-31',
      '今年内=2021-12-31',
    ]);
    expect(d('力争年底前全区推广使用企业信用码')).toEqual(['年底前=2021-12-31']);
  });

  it('computes month ends, including February in leap years', () => {
    expect(d('2月底前完成', 2024)).toEqual(['2月底前=2024-02-29']);
    expect(d('2月底前完成', 2023)).toEqual(['2月底前=2023-02-28']);
    expect(d('6月底前、9月末前、11月底')).toEqual(['6月底前=2021-06-30', '9月末前=2021-09-30', '11月底=2021-11-30']);
  });

  it('reads dates, quarters, halves, next year and explicit years', () => {
    expect(d('2023年9月30日前上线，11月15日前建立', 2023)).toEqual(['2023年9月30日前=2023-09-30', '11月15日前=2023-11-15']);
    expect(d('第三季度末、一季度前、上半年、下半年', 2023)).toEqual(['第三季度末=2023-09-30', '一季度前=2023-03-31', '上半年=2023-06-30', '下半年=2023-12-31']);
    expect(d('明年3月底前建成，明年底前推广', 2023)).toEqual(['明年3月底前=2024-03-31', '明年底前=2024-12-31']);
    expect(d('2022年底前完成，2022年年底，本年度内', 2021)).toEqual(['2022年底前=2022-12-31', '2022年年底=2022-12-31', '本年度内=2021-12-31']);
  });

  it('ignores durations, start dates and other years', () => {
    expect(d('国家要求在2021年以后实现的事项')).toEqual([]);
    expect(d('三年内完成，3年内见效，每年内开展，全年内')).toEqual([]);
    expect(d('自2021年1月1日起施行，10月底以后')).toEqual([]);
    expect(d('年度评价，三年行动计划，年服务新注册企业')).toEqual([]);
    expect(d('2月30日前')).toEqual([]);
  });
});

describe('extractDeadlines on the genre (issue 13)', () => {
  const d = (s: string, y: number | null = 2021) => extractDeadlines(s, y).map((x) => `${x.text}=${x.date}`);

  it('reads the phrases of the genre', () => {
    expect(d('6月底前完成，9月前出台，年底前建成', 2023)).toEqual(['6月底前=2023-06-30', '9月前=2023-08-31', '年底前=2023-12-31']);
    expect(d('三季度末前上线，四季度完成，每季度报送', 2023)).toEqual(['三季度末前=2023-09-30', '四季度=2023-12-31']);
    expect(d('6月上旬前印发，8月中旬完成，11月下旬', 2023)).toEqual(['6月上旬前=2023-06-10', '8月中旬=2023-08-20', '11月下旬=2023-11-30']);
    expect(d('2023年3月31日前印发，2023年6月底前全面推行')).toEqual(['2023年3月31日前=2023-03-31', '2023年6月底前=2023-06-30']);
    expect(d('十月底前完成，十二月底前验收', 2022)).toEqual(['十月底前=2022-10-31', '十二月底前=2022-12-31']);
  });

  it('finds nothing in start dates and standing tasks', () => {
    expect(d('2022年起全面推行，自2022年7月起实施')).toEqual([]);
    expect(d('长期坚持，持续推进，常态化开展')).toEqual([]);
  });

  it('reads a completion time inside unit brackets and a 完成时限 line', () => {
    expect(d('（牵头单位：区市场监管局，6月底前完成）')).toEqual(['6月底前=2021-06-30']);
    expect(d('完成时限：2023年12月底')).toEqual(['2023年12月底=2023-12-31']);
    expect(d('完成时限：2023年12月')).toEqual(['2023年12月=2023-12-31']);
    expect(d('完成时间：6月', 2022)).toEqual(['6月=2022-06-30']);
    expect(d('时间节点：长期坚持')).toEqual([]);
    expect(d('推行企业开办全程网办\t区市场监管局\t2021年9月')).toEqual(['2021年9月=2021-09-30']);
    expect(d('自2021年9月起实施，2021年9月出台的办法继续执行。依据2020年5月')).toEqual([]);
    expect(d('明确责任单位为新郑市供电公司。完成时限为2021年8月。')).toEqual(['2021年8月=2021-08-31']);
  });

  it('keeps deadlines in another year than the plan year', () => {
    expect(d('2022年6月底前实现全覆盖，2022年上半年完成', 2021)).toEqual(['2022年6月底前=2022-06-30', '2022年上半年=2022-06-30']);
  });

  it('leaves relative deadlines out when the plan year is unknown (null)', () => {
    expect(d('6月底前完成，年底前建成，2022年9月底前上线，2022年底前推广', null)).toEqual(['2022年9月底前=2022-09-30', '2022年底前=2022-12-31']);
  });

  it('reads traditional script', () => {
    expect(d('2021年6月底前完成，今年內實現，第三季度末', 2021)).toEqual(['2021年6月底前=2021-06-30', '今年內=2021-12-31', '第三季度末=2021-09-30']);
  });
});

describe('extractDeadlines: corpus findings', () => {
  it('reads 到2025年 as that year-end, not 2025年起 or 2025年前后', () => {
    expect(extractDeadlines('到2025年完成18个项目建设', 2023).map((x) => x.date)).toEqual(['2025-12-31']);
    expect(extractDeadlines('从2023年起，2021年至2025年月度，到2025年底', 2023).map((x) => x.date)).toEqual(['2025-12-31']);
  });
});

describe('extractDeadlines: a month before a verb of completion', () => {
  it('reads 2021年6月完成 and 9月上线, not 2021年6月起 or 6月份数据', () => {
    expect(extractDeadlines('2021年6月完成系统改造，9月上线运行', 2021).map((x) => x.date)).toEqual(['2021-06-30', '2021-09-30']);
    expect(extractDeadlines('自2021年6月起施行，统计6月份数据，3个月完成', 2021)).toEqual([]);
  });
});
