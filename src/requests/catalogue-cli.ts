import type { Command } from 'commander';
import { withDatabase } from '../db/index.js';
import { listCatalogue, seedCatalogue } from './catalogue-store.js';
import type { Accuracy, CatalogueTopic, Evaluation } from './core/index.js';
import { EVAL_SET, evaluateCatalogue, readLabelledSet, seedCatalogueOfPlanFile } from './evaluate.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, a: Accuracy) =>
  `${name.padEnd(5)} n=${String(a.n).padStart(3)}  top-1 ${pct(a.top1)}  top-3 ${pct(a.top3)}  unit ${pct(a.unit1)}  no suggestion ${a.none}`;

export function printEvaluation(e: Evaluation, maxMisses: number): void {
  console.log(line('all', e.all));
  console.log(line('tune', e.tune));
  console.log(line('test', e.test));
  console.log(`misses (${e.misses.length}; topic wrong, or unit wrong with topic right):`);
  for (const m of e.misses.slice(0, maxMisses))
    console.log(
      `  #${m.id} ${m.subject} — expected ${m.expected}/${m.expectedUnit}${m.unitOnly ? ' (unit only)' : m.inTop3 ? ' (in top 3)' : ''}; got ${
        m.got.map((g) => `${g.topic}/${g.unit ?? '-'} ${g.score}`).join(', ') || 'nothing'
      }`,
    );
}

/** `bizenv requests eval` and `bizenv requests catalogue seed` (added to the `requests` command). */
export function registerCatalogueCommands(requests: Command): void {
  requests
    .command('eval')
    .description('accuracy of the routing suggestion on the labelled set (top-1, top-3, unit; tune and held-out test halves) and its misses')
    .option('--plan <file>', 'evaluate the seed catalogue with the units of this plan file instead of the stored catalogue')
    .option('--set <file>', 'labelled set (JSONL)', EVAL_SET)
    .option('--misses <n>', 'misses to print', '100')
    .action(async (o: { plan?: string; set: string; misses: string }) => {
      const set = await readLabelledSet(o.set);
      let catalogue: CatalogueTopic[];
      if (o.plan) catalogue = await seedCatalogueOfPlanFile(o.plan);
      else catalogue = await withDatabase(async ({ db }) => listCatalogue(db));
      if (!catalogue.length) {
        console.log('the catalogue is empty: run `bizenv requests catalogue seed`, or pass --plan <file>');
        process.exitCode = 1;
        return;
      }
      printEvaluation(await evaluateCatalogue(catalogue, set), Number(o.misses));
    });
  requests
    .command('catalogue')
    .description('the 派单目录')
    .command('seed')
    .description("add the seed topics with the lead units of the plan's measures (topics already there are kept)")
    .action(async () =>
      withDatabase(async ({ db }) => {
        const r = await seedCatalogue(db, 'cli');
        console.log(`added: ${r.added.join('、') || 'none'}`);
        if (r.missing.length) console.log(`not in the plan: ${r.missing.join('、')}`);
      }),
    );
}
