import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  bestSentences,
  buildIndex,
  buildKnowledge,
  chineseNumber,
  datesIn,
  evaluateAnswers,
  faqFromCells,
  faqProblems,
  keyAnswers,
  normalizeText,
  parseCalendarQuestion,
  parseLabelledSet,
  search,
  synonymMatcher,
  synonymProblems,
  textTerms,
  type Cut,
  type KnowledgeItem,
} from './index.js';

/** A stand-in segmenter for the pure tests: runs of Han characters in 2-character pieces, other runs whole. */
const cut: Cut = (t) => t.match(/\p{Script=Han}{1,2}|[a-z0-9.]+|\S/gu) ?? [];

const item = (key: string, title: string, text: string, variants: string[] = []): KnowledgeItem => ({
  key,
  kind: 'faq',
  title,
  variants,
  text,
  excerpt: false,
  source: { label: '测试', document: null, article: null, link: null },
  followUp: null,
  unitName: null,
  isDemo: false,
});

describe('text', () => {
  it('reads Chinese numerals up to 99', () => {
    expect(chineseNumber('五')).toBe(5);
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('十五')).toBe(15);
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('三十一')).toBe(31);
    expect(chineseNumber('两')).toBe(2);
    expect(chineseNumber('一百')).toBeUndefined();
  });

  it('normalises width, case and numerals before a counting word only', () => {
    expect(normalizeText('ＡＢＣ　五个工作日')).toBe('abc 5个工作日');
    expect(normalizeText('十月一日')).toBe('10月1日');
    expect(normalizeText('一网通办')).toBe('一网通办'); // not before a counting word
  });

  it('keeps numbers exact: 9 is not found in 19, and 9天 meets 9日', () => {
    const terms = textTerms('不超过19个工作日', cut);
    expect(terms).toContain('n:19');
    expect(terms).toContain('n:19工作日');
    expect(terms).not.toContain('n:9');
    expect(textTerms('9天', cut)).toContain('n:9日');
  });

  it('picks the sentences of a long text that share the most terms with the question', () => {
    const text = '获得用水一般项目用户全流程总用时不超过9个工作日。获得用电低压小微用户不超过8个工作日。获得用气不超过13个工作日。';
    const q = new Set(textTerms('用气要多久', cut));
    expect(bestSentences(text, q, cut, undefined, 1)).toBe('获得用气不超过13个工作日。');
  });
});

describe('synonyms', () => {
  it('gives every text with a word of a group the group’s term, longest word first', () => {
    const m = synonymMatcher([{ words: ['开公司', '开办企业', '企业设立登记'] }, { words: ['社保', '社会保险'] }, { words: ['保险', '险种'] }]);
    expect(m.groupsIn('我想开公司')).toEqual([0]);
    expect(m.groupsIn('企业设立登记要多久')).toEqual([0]);
    expect(m.groupsIn('社会保险怎么交')).toEqual([1]); // 保险 inside 社会保险 is not matched again
    expect(m.groupsIn('天气')).toEqual([]);
  });

  it('checks a group: at least two different words, each short enough', () => {
    expect(synonymProblems(['社保', '社保 '])).toEqual(['同义词：至少填写两个不同的词']);
    expect(synonymProblems(['社保', '社会保险'])).toEqual([]);
    expect(synonymProblems(['社保', 'x'.repeat(31)])[0]).toMatch(/超过30个字/);
  });

  it('makes a question in other words find the entry (开公司 → 企业设立登记)', () => {
    const items = [item('faq:A', '企业设立登记需要几天', '一般1个工作日。'), item('faq:B', '注销需要几天', '简易注销20日公示。')];
    const without = buildKnowledge(items, [], cut);
    const withSyn = buildKnowledge(items, [{ words: ['开公司', '企业设立登记'] }], cut);
    expect(answerQuestion(withSyn, '开公司要几天').answers[0]!.key).toBe('faq:A');
    expect(answerQuestion(withSyn, '开公司要几天').answers[0]!.coverage).toBeGreaterThan(answerQuestion(without, '开公司要几天').answers[0]?.coverage ?? 0);
  });
});

describe('BM25', () => {
  it('ranks the entry with the rarer matching words first and scores the best variant of an item', () => {
    const idx = buildIndex([
      { questions: [['w:用水', 'w:报装'], ['w:接水']], body: ['w:九'] },
      { questions: [['w:用电', 'w:报装']], body: [] },
      { questions: [['w:用气', 'w:报装']], body: [] },
    ]);
    expect(search(idx, ['w:接水'])[0]!.item).toBe(0);
    const hits = search(idx, ['w:用电', 'w:报装']);
    expect(hits[0]!.item).toBe(1);
    expect(hits[0]!.coverage).toBe(1);
    expect(hits[1]!.coverage).toBeLessThan(0.5); // 报装 alone: the common word carries little
    expect(search(idx, ['w:没有'])).toEqual([]);
  });

  it('is confident only when the best answer covers enough of the question', () => {
    const k = buildKnowledge([item('faq:W', '用水报装要多久', '不超过9个工作日。'), item('faq:G', '用气报装要多久', '不超过13个工作日。')], [], cut);
    expect(answerQuestion(k, '用水报装要多久').confident).toBe(true);
    expect(answerQuestion(k, '明天天气怎么样').confident).toBe(false);
  });
});

describe('calendar questions', () => {
  it('finds dates in the usual forms, without a year in the year of today', () => {
    expect(datesIn('2021年9月30日', '2022-01-01')).toEqual(['2021-09-30']);
    expect(datesIn('9月30号和10/8', '2021-05-01')).toEqual(['2021-09-30', '2021-10-08']);
    expect(datesIn('2021-02-30', '2021-05-01')).toEqual([]); // no such day
  });

  it('reads "N 个工作日后是哪天", "N 天到期" and "between" questions', () => {
    expect(parseCalendarQuestion('9月30日申请，5个工作日后是哪天', '2021-08-01')).toEqual({ kind: 'add', start: '2021-09-30', n: 5, unit: 'workday' });
    expect(parseCalendarQuestion('10月8日受理，三个工作日内办结，最晚哪天', '2021-08-01')).toEqual({ kind: 'add', start: '2021-10-08', n: 3, unit: 'workday' });
    expect(parseCalendarQuestion('从2021年10月1日起算15天，哪天到期', '2022-08-01')).toEqual({ kind: 'add', start: '2021-10-01', n: 15, unit: 'day' });
    expect(parseCalendarQuestion('2021年9月30日到10月15日有几个工作日', '2021-08-01')).toEqual({ kind: 'between', from: '2021-09-30', to: '2021-10-15' });
    expect(parseCalendarQuestion('用水报装要9个工作日吗', '2021-08-01')).toBeNull(); // no date
    expect(parseCalendarQuestion('9月30日开的公司', '2021-08-01')).toBeNull(); // nothing asked
  });
});

describe('FAQ entries', () => {
  const ok = {
    code: 'F001',
    question: '用水报装要多久',
    variants: [],
    answer: '9个工作日',
    sourceDocument: '渝中府办〔2021〕16号',
    sourceArticle: '第6条',
    sourcePath: null,
    unitName: null,
    validFrom: null,
    validTo: null,
  };
  it('names the field of every problem', () => {
    expect(faqProblems(ok)).toEqual([]);
    expect(faqProblems({ ...ok, code: '用水', answer: ' ', sourceDocument: null, sourceArticle: null }).map((p) => p.field)).toEqual(['编号', '答案', '来源']);
    expect(faqProblems({ ...ok, validFrom: '2021-10-01', validTo: '2021-09-30' })).toEqual([{ field: '失效日期', message: '不能早于生效日期' }]);
    expect(faqProblems({ ...ok, sourcePath: 'http://evil.example' }).map((p) => p.field)).toEqual(['平台页面']);
  });
  it('reads a row of the Excel columns (variants one per line, dates as written)', () => {
    const f = faqFromCells(['F1', '问', '甲\n乙；丙', '答', '', '', '/calendar', '', '2021/9/1', '']);
    expect(f.variants).toEqual(['甲', '乙', '丙']);
    expect(f.validFrom).toBe('2021-09-01');
    expect(f.sourcePath).toBe('/calendar');
    expect(f.validTo).toBeNull();
  });
});

describe('evaluation', () => {
  it('counts a policy item under its policy, and measures top-1, top-3 and the rejection of unanswerable questions', () => {
    expect(keyAnswers('policy:渝中演示〔2025〕2号:研发投入补助', 'policy:渝中演示〔2025〕2号')).toBe(true);
    expect(keyAnswers('measure:16', 'measure:1')).toBe(false);
    const { set, problems } = parseLabelledSet(
      [
        '{"header":"x"}',
        '{"id":1,"split":"tune","q":"a","expect":["faq:A"]}',
        '{"id":2,"split":"test","q":"b","expect":["faq:B"]}',
        '{"id":3,"split":"test","q":"c","expect":[]}',
        'not json',
      ].join('\n'),
    );
    expect(problems).toEqual(['line 5: not JSON']);
    const a = (key: string, confident: boolean) => ({ confident, answers: [{ key } as never, { key: 'faq:B' } as never] });
    const e = evaluateAnswers(set, (q) => (q === 'a' ? a('faq:A', true) : q === 'b' ? a('faq:X', false) : a('faq:X', false)));
    expect(e.all).toMatchObject({ n: 2, top1: 0.5, top3: 1, confidentPrecision: 1, unknownN: 1, unknownRejected: 1 });
    expect(e.misses.map((m) => m.id)).toEqual([2]);
  });
});
