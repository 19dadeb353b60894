/**
 * The helpdesk's quality on the labelled set (eval/questions.jsonl) against the demo knowledge (the sample plan, the
 * demo FAQ and policies, the request limits, the seed synonyms). Measured when last tuned (synonyms and threshold, on
 * the "tune" two thirds only): top-1 91.1 % / top-3 96.5 % on tune, 89.9 % / 96.1 % on the held-out third
 * (README.md, BENCHMARKS.md). The aim (top-1 ≥ 85 %, top-3 ≥ 95 %) is the floor overall; the held-out floor is
 * its figure minus 3 points.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { officialCalendar } from '../calendar/index.js';
import { answer } from './ask.js';
import type { Knowledge } from './core/index.js';
import { demoKnowledge, EVAL_SET, evaluateKnowledge, readLabelledSet, type HelpdeskEvaluation } from './evaluate.js';

const AIM = { top1: 0.85, top3: 0.95 };
const HELD_OUT_FLOOR = { top1: 0.86, top3: 0.93 };

describe('helpdesk answers on the labelled set', () => {
  let k: Knowledge;
  let e: HelpdeskEvaluation;
  beforeAll(async () => {
    k = await demoKnowledge();
    e = await evaluateKnowledge(k);
  }, 60_000);

  it('keeps at least 300 labelled questions, headed as written for evaluation, every key known, a held-out third', async () => {
    expect(JSON.parse((await readFile(EVAL_SET, 'utf8')).split('\n')[0]!).header).toMatch(/not questions of real people/);
    const set = await readLabelledSet();
    expect(set.length).toBeGreaterThanOrEqual(300);
    expect(new Set(set.map((q) => q.id)).size).toBe(set.length);
    expect(set.filter((q) => q.split === 'test').length).toBeGreaterThanOrEqual(100);
    const keys = new Set(k.items.map((i) => i.key));
    const unknown = set.flatMap((q) => q.expect).filter((x) => x !== 'calendar' && !keys.has(x) && ![...keys].some((key) => key.startsWith(`${x}:`)));
    expect(unknown).toEqual([]);
    for (const kind of ['faq:', 'measure:', 'policy:', 'request:', 'figure:', 'calendar'])
      expect(set.some((q) => q.expect.some((x) => x.startsWith(kind)))).toBe(true);
  });

  it(`top-1 ≥ ${AIM.top1 * 100} % and top-3 ≥ ${AIM.top3 * 100} % overall; the held-out third close behind; above the LIKE baseline`, () => {
    expect(e.ranked.all.top1).toBeGreaterThanOrEqual(AIM.top1);
    expect(e.ranked.all.top3).toBeGreaterThanOrEqual(AIM.top3);
    expect(e.ranked.test.top1).toBeGreaterThanOrEqual(HELD_OUT_FLOOR.top1);
    expect(e.ranked.test.top3).toBeGreaterThanOrEqual(HELD_OUT_FLOOR.top3);
    expect(e.ranked.all.top1).toBeGreaterThan(e.baseline.all.top1 + 0.05);
  });

  it('is confident mostly when right, and not confident on questions it cannot answer', () => {
    expect(e.ranked.all.confidentPrecision).toBeGreaterThanOrEqual(0.95);
    expect(e.ranked.all.unknownRejected).toBeGreaterThanOrEqual(0.8);
  });

  it('answers water connection time with the plan’s 9 个工作日 and its source', () => {
    const r = answer(k, officialCalendar, '用水报装要多长时间', '2021-09-01');
    expect(r.confident).toBe(true);
    expect(r.answers[0]!.text).toContain('9个工作日');
    expect(r.answers[0]!.source.label).toContain('渝中府办〔2021〕16号');
  });

  it('answers a working-day question with the calendar, the National Day holiday skipped and explained', () => {
    const r = answer(k, officialCalendar, '9月30日申请，5个工作日后是哪天', '2021-09-01');
    expect(r.calendar).toMatchObject({ kind: 'add', start: '2021-09-30', end: '2021-10-13', n: 5, unit: 'workday' });
    expect(r.calendar!.skipped.map((s) => s.date)).toContain('2021-10-01');
    expect(r.answers[0]!.key).toBe('calendar');
    expect(r.answers[0]!.text).toMatch(/2021-10-13/);
    expect(r.answers[0]!.text).toMatch(/国庆/);
    const between = answer(k, officialCalendar, '2021年9月30日到10月15日有几个工作日', '2021-09-01');
    expect(between.calendar).toMatchObject({ kind: 'between', n: 7 });
  });

  it('follows a "我能享受…" question about a policy with the policy calculator', () => {
    const r = answer(k, officialCalendar, '我能享受研发投入补助吗', '2021-09-01');
    expect(r.answers[0]!.key).toMatch(/^policy:/);
    expect(r.answers[0]!.followUp?.link).toBe('/policies/calculator');
  });
});
