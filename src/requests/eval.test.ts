/**
 * The routing suggestion's quality on the labelled set (eval/requests.jsonl), seed catalogue with the units of the
 * 2021 plan. Measured when the keywords were last tuned (on the "tune" half only): top-1 91.1% overall, 84.0% on the
 * held-out "test" half (README.md, BENCHMARKS.md). The floors are those figures minus 2 points: a keyword change
 * that makes routing worse fails here.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SEED_TOPICS } from './core/index.js';
import { EVAL_SET, evaluateCatalogue, readLabelledSet, seedCatalogueOfPlanFile } from './evaluate.js';

const FLOOR = { all: 0.89, test: 0.82 };

describe('routing suggestion accuracy on the labelled set', () => {
  it('keeps at least 300 labelled requests, headed as written for evaluation, over every seed topic and both halves', async () => {
    const text = await readFile(EVAL_SET, 'utf8');
    expect(JSON.parse(text.split('\n')[0]!).header).toMatch(/not requests of real people/);
    const set = await readLabelledSet();
    expect(set.length).toBeGreaterThanOrEqual(300);
    expect(new Set(set.map((r) => r.id)).size).toBe(set.length);
    expect([...new Set(set.map((r) => r.topic))].sort()).toEqual(SEED_TOPICS.map((t) => t.name).sort());
    expect(set.filter((r) => r.split === 'test').length).toBeGreaterThanOrEqual(140);
  });

  it(`top-1 stays at or above ${FLOOR.all * 100}% overall and ${FLOOR.test * 100}% on the held-out half`, async () => {
    const e = await evaluateCatalogue(await seedCatalogueOfPlanFile('test/fixtures/plans/yuzhong-2021.txt'));
    expect(e.all.top1).toBeGreaterThanOrEqual(FLOOR.all);
    expect(e.test.top1).toBeGreaterThanOrEqual(FLOOR.test);
    expect(e.all.top3).toBeGreaterThanOrEqual(e.all.top1);
  });
});
