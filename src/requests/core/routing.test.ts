import { describe, expect, it } from 'vitest';
import {
  answerDaysFor,
  evaluateRouting,
  formatKeywords,
  occurs,
  parseKeywords,
  parseLabelledSet,
  prepareCatalogue,
  resolveSeedTopics,
  segmented,
  SEED_TOPICS,
  suggestRoutes,
  topicProblems,
  type CatalogueTopic,
} from './index.js';
import { routingSuggester, segmentText } from './suggest.js';

const seg = (...words: string[]) => segmented(words);
const topic = (
  id: number,
  name: string,
  kw: string,
  units: CatalogueTopic['units'] = [{ unitId: id * 10, unitName: `${name}单位`, keywords: [] }],
): CatalogueTopic => ({
  id,
  name,
  answerDays: null,
  active: true,
  keywords: parseKeywords(kw).keywords,
  units,
});

describe('keyword occurrence in segmented text', () => {
  it('matches whole words, runs of whole words and parts of one word, never across a word boundary', () => {
    const t = seg('申请', '政府采购', '投标', '保证金');
    expect(occurs('政府采购', t)).toBe(true);
    expect(occurs('采购', t)).toBe(true); // inside one word
    expect(occurs('投标保证金', t)).toBe(true); // two whole words
    expect(occurs('购投', t)).toBe(false); // straddles 政府采购|投标
    expect(occurs('用工', seg('采用', '工艺'))).toBe(false);
    expect(occurs('用工', seg('企业', '用工'))).toBe(true);
    expect(occurs('贷款', seg('融资'))).toBe(false);
  });
  it('works on jieba output (the policy search segmenter)', () => {
    const t = segmentText('施工许可证延期申请');
    expect(t.words).toContain('许可证');
    expect(occurs('施工许可证', t)).toBe(true);
    expect(occurs('施工许可', t)).toBe(false); // 施工|许可证: the keyword ends inside 许可证
    expect(segmentText('CA锁办理，太麻烦！').words).toEqual(['ca', '锁', '办理', '太', '麻烦']);
  });
});

describe('suggestRoutes', () => {
  const water = topic(2, '水电气报装', '报装 5, 用电 4, 用水 4', [
    { unitId: 21, unitName: '区城管局', keywords: parseKeywords('用水 4, 燃气 4').keywords },
    { unitId: 22, unitName: '区经济信息委', keywords: parseKeywords('用电 4').keywords },
  ]);
  const finance = topic(3, '融资', '贷款 6, 银行 3, 报装 -4');
  const tax = topic(4, '纳税', '发票 5');
  const cat = prepareCatalogue([topic(1, '开办企业', '执照 5'), water, finance, tax, { ...topic(5, '停用', '贷款 9'), active: false }]);

  it('adds each matched keyword once, twice when in the subject, and explains with the words and weights', () => {
    const [first, ...rest] = suggestRoutes(cat, seg('用电', '报装'), seg('银行', '贷款', '贷款', '用电'));
    expect(first).toMatchObject({
      topicName: '水电气报装',
      score: 5 * 2 + 4 * 2,
      unitName: '区经济信息委',
      reasons: [
        { word: '报装', weight: 5, inSubject: true },
        { word: '用电', weight: 4, inSubject: true },
      ],
      unitReasons: [{ word: '用电', weight: 4, inSubject: true }],
    });
    // 融资: 贷款 6 + 银行 3 − 报装 4×2 = 1 (a negative keyword counts against); inactive topics are never suggested.
    expect(rest).toEqual([expect.objectContaining({ topicName: '融资', score: 1 })]);
  });
  it('keeps the top 3 with a positive score, ties in catalogue order; the unit defaults to the first', () => {
    const s = suggestRoutes(cat, seg('执照'), seg('发票', '报装', '贷款'));
    expect(s.map((x) => [x.topicName, x.score])).toEqual([
      ['开办企业', 10],
      ['水电气报装', 5],
      ['纳税', 5],
    ]);
    expect(s[1]).toMatchObject({ unitName: '区城管局', unitReasons: [] });
    expect(suggestRoutes(cat, seg('你好'), seg('谢谢'))).toEqual([]);
  });
  it('runs on Chinese text through the suggester', () => {
    const suggest = routingSuggester([water, finance]);
    expect(suggest('门店用电报装慢', '申请用电两周没通电')[0]).toMatchObject({ topicName: '水电气报装', unitName: '区经济信息委' });
  });
});

describe('catalogue rules', () => {
  const ok = { name: '融资', answerDays: null, keywords: [{ word: '贷款', weight: 5 }], units: [{ unitId: 1, keywords: [] }] };
  it('accepts a valid topic and names the field of each problem', () => {
    expect(topicProblems(ok)).toEqual([]);
    expect(
      topicProblems({
        name: ' ',
        answerDays: 0,
        keywords: [
          { word: '贷款', weight: 0 },
          { word: '贷款', weight: -3 },
        ],
        units: [],
      }).map((p) => p.field),
    ).toEqual(['name', 'answerDays', 'units', 'keywords', 'keywords', 'keywords']);
    expect(topicProblems({ ...ok, units: [ok.units[0]!, ok.units[0]!] })).toEqual([{ field: 'units', message: '承办单位重复' }]);
    expect(topicProblems({ ...ok, keywords: [{ word: '投标', weight: -2 }] })).toEqual([{ field: 'keywords', message: '请至少填写一个正权重的关键词' }]);
  });
  it('parses and formats keywords as the office types them', () => {
    expect(parseKeywords('融资 5，贷款:3; 投标 -2、银行')).toEqual({
      keywords: [
        { word: '融资', weight: 5 },
        { word: '贷款', weight: 3 },
        { word: '投标', weight: -2 },
        { word: '银行', weight: 3 },
      ],
      problems: [],
    });
    expect(formatKeywords([{ word: '融资', weight: 5 }])).toBe('融资 5');
  });
  it('overrides the answer limit only for 求决 and 投诉举报', () => {
    expect(answerDaysFor('求决', 5, 3)).toBe(3);
    expect(answerDaysFor('投诉举报', 10, 30)).toBe(30);
    expect(answerDaysFor('咨询', 1, 30)).toBe(1);
    expect(answerDaysFor('建议', 5, 30)).toBe(5);
    expect(answerDaysFor('求决', 5, null)).toBe(5);
  });
});

describe('seed from the plan', () => {
  it("takes each topic's units from its measure's lead units, by number and words, else by words; names what is missing", () => {
    const u = (id: number, name: string) => ({ id, name });
    const { topics, missing } = resolveSeedTopics(SEED_TOPICS.slice(0, 3), [
      { number: 1, title: '优化开办企业服务', text: '创新推进企业集群注册登记', leadUnits: [u(1, '区市场监管局')] },
      { number: 7, title: '进一步压减接入时间', text: '获得用水一般项目', leadUnits: [u(2, '区城管局'), u(3, '区经济信息委')] },
    ]);
    expect(topics.map((t) => [t.name, t.units.map((x) => x.unitName)])).toEqual([
      ['开办企业', ['区市场监管局']],
      ['水电气报装', ['区城管局', '区经济信息委']],
    ]);
    expect(missing).toEqual(['融资']);
  });
});

describe('evaluation', () => {
  it('counts top-1, top-3 and unit per split and lists the misses', () => {
    const { set, problems } = parseLabelledSet(
      [
        '{"header":"written for evaluation"}',
        '{"id":1,"split":"tune","subject":"a","description":"a","topic":"甲","unit":"U1"}',
        '{"id":2,"split":"test","subject":"b","description":"b","topic":"乙","unit":"U2"}',
        '{"id":3,"split":"test","subject":"c","description":"c","topic":"丙","unit":"U3"}',
        '{"id":4}',
      ].join('\n'),
    );
    expect(problems).toEqual(['line 5: needs id, split (tune|test), subject, description, topic, unit']);
    const s = (name: string, unit: string) => ({ topicId: 1, topicName: name, score: 1, reasons: [], unitId: 1, unitName: unit, unitReasons: [] });
    const e = evaluateRouting(set, (subject) => (subject === 'a' ? [s('甲', 'U1')] : subject === 'b' ? [s('甲', 'U1'), s('乙', 'U2')] : []));
    expect(e.all).toEqual({ n: 3, top1: 0.333, top3: 0.667, unit1: 0.333, none: 1 });
    expect(e.tune).toEqual({ n: 1, top1: 1, top3: 1, unit1: 1, none: 0 });
    expect(e.test).toEqual({ n: 2, top1: 0, top3: 0.5, unit1: 0, none: 1 });
    expect(e.misses.map((m) => [m.id, m.inTop3])).toEqual([
      [2, true],
      [3, false],
    ]);
  });
});
