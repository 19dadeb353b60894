/**
 * Routing suggestion benchmark (`npm run bench -- routing`): suggestions per second (subject and description
 * segmented by jieba, 15 seed topics scored, top 3 with reasons) over the 315 labelled requests of
 * src/requests/eval/requests.jsonl, repeated; baseline in the same run: jieba segmentation alone of the same texts
 * (the part of the work no keyword scoring can avoid). Aim (issue 14): ≥ 1,000 requests/s.
 */
import { segmenter } from '../src/policies/core/index.js';
import { routingSuggester } from '../src/requests/core/suggest.js';
import { readLabelledSet, seedCatalogueOfPlanFile } from '../src/requests/evaluate.js';
import type { BenchResult } from './types.js';

const ROUNDS = Number(process.env.BENCH_ROUTING_ROUNDS ?? 20);

export async function benchRouting(): Promise<BenchResult[]> {
  const set = await readLabelledSet();
  const suggest = routingSuggester(await seedCatalogueOfPlanFile('test/fixtures/plans/yuzhong-2021.txt'));
  const jieba = segmenter();
  for (const r of set.slice(0, 50)) suggest(r.subject, r.description); // warm up
  let t = performance.now();
  let n = 0;
  for (let i = 0; i < ROUNDS; i++)
    for (const r of set) {
      suggest(r.subject, r.description);
      n++;
    }
  const suggestSec = (performance.now() - t) / 1000;
  t = performance.now();
  for (let i = 0; i < ROUNDS; i++)
    for (const r of set) {
      jieba.cut(r.subject, true);
      jieba.cut(r.description, true);
    }
  const cutSec = (performance.now() - t) / 1000;
  const rate = n / suggestSec;
  return [
    {
      name: `routing suggestions (${set.length} requests × ${ROUNDS})`,
      opsPerSec: Math.round(rate),
      seconds: suggestSec,
      baseline: `jieba segmentation alone of the same texts (${Math.round(n / cutSec)}/s)`,
      ratio: rate / (n / cutSec),
      note: `aim ≥ 1,000 requests/s: ${rate >= 1000 ? 'met' : 'not met'}`,
    },
  ];
}
