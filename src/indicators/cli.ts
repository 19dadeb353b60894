import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { cliActor, withDatabase } from '../db/index.js';
import { RECORD_SPECS, RECORD_TYPES, STATUS_LABELS, templateHeader } from './core/index.js';
import { cliProgress } from '../jobs/index.js';
import { estimateRows, importRecordFile } from './record-store.js';
import { recompute } from './recompute.js';
import { indicatorDashboard } from './results.js';
import { seedCaseDemo } from './demo.js';

/** `bizenv cases …`, `bizenv indicators …` and `bizenv demo cases`. */
export function registerIndicatorCommands(program: Command): void {
  const cases = program.command('cases').description('case records for indicator monitoring (案件记录)');
  cases
    .command('import <type> <file>')
    .description(`import case records from .csv or .xlsx, all or nothing, updating by external id; types: ${RECORD_TYPES.join(', ')}`)
    .action(async (type: string, file: string) =>
      withDatabase(async ({ db }) => {
        const buffer = fs.readFileSync(file);
        const total = estimateRows(file, buffer);
        const bar = cliProgress('导入');
        const r = await importRecordFile(
          db,
          { type, fileName: path.basename(file), buffer, uploader: { actor: cliActor() } },
          { progress: (n) => bar.update(n, total === null ? null : Math.max(total, n)) },
        ).finally(() => bar.end());
        console.log(
          `${RECORD_SPECS[r.type].label}: ${r.rows} rows, ${r.inserted} added, ${r.updated} updated, ${r.unchanged} unchanged; ${r.recomputed.definitions.length} indicators recomputed for ${r.recomputed.year} in ${r.recomputed.seconds.toFixed(2)} s`,
        );
      }),
    );
  cases
    .command('template <type>')
    .description('print the CSV header row of a record type')
    .action((type: string) => {
      if (!(RECORD_TYPES as readonly string[]).includes(type)) throw new Error(`unknown record type ${type}; types: ${RECORD_TYPES.join(', ')}`);
      console.log(templateHeader(type as (typeof RECORD_TYPES)[number]).join(','));
    });
  cases
    .command('types')
    .description('list the record types')
    .action(() => {
      for (const t of RECORD_TYPES) console.log(`${t}\t${RECORD_SPECS[t].label}`);
    });

  const ind = program.command('indicators').description('indicator monitoring (指标监测)');
  ind
    .command('recompute')
    .description('recompute every indicator')
    .option('--year <year>', 'year (default: the plan year)', (v) => Number(v))
    .option('--as-of <date>', 'as-of date (default: today or the year end)')
    .action(async (o: { year?: number; asOf?: string }) =>
      withDatabase(async ({ db }) => {
        const bar = cliProgress('重新计算指标', process.stderr, '项');
        const r = await recompute(db, { year: o.year, asOf: o.asOf, progress: (n, total) => bar.update(n, total) }).finally(() => bar.end());
        console.log(`${r.definitions.length} indicators recomputed for ${r.year} (as of ${r.asOf}) in ${r.seconds.toFixed(2)} s`);
      }),
    );
  ind
    .command('list')
    .description('every indicator with its target, value and status')
    .option('--year <year>', 'year', (v) => Number(v))
    .action(async (o: { year?: number }) =>
      withDatabase(async ({ db }) => {
        const d = await indicatorDashboard(db, { year: o.year });
        for (const i of d.indicators)
          console.log(
            `措施${i.measure}\t${i.name}\t目标 ${i.target}\t${i.current?.value ?? '—'}\t${STATUS_LABELS[i.current?.status ?? 'no_data']}\t(v${i.version}, ${i.current?.counted ?? 0} 计入 / ${i.current?.excluded ?? 0} 排除)`,
          );
      }),
    );

  const demoCases = async (o: { count: number; seed: number; year?: number }) =>
    withDatabase(async ({ db }) => {
      const r = await seedCaseDemo(db, { ...o, actor: cliActor() });
      console.log(
        `demo cases for ${r.year} (seed ${o.seed}): ${Object.entries(r.records)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; ${r.recomputed.definitions.length} indicators recomputed in ${r.recomputed.seconds.toFixed(2)} s`,
      );
    });
  let demo = program.commands.find((c) => c.name() === 'demo');
  if (!demo) demo = program.command('demo').description('demo data');
  demo
    .command('cases')
    .description('labelled demo case records (DEMO- ids) with realistic distributions for the plan year, reproducible from --seed')
    .option('--count <n>', 'number of case records', (v) => Number(v), 5000)
    .option('--seed <n>', 'seed of the generator', (v) => Number(v))
    .option('--year <year>', 'year (default: the plan year)', (v) => Number(v))
    .action(async (o: { count: number; seed?: number; year?: number }, cmd: Command) => {
      // `bizenv demo` has its own --seed, which commander gives to the parent command.
      const parent = cmd.parent!;
      const seed = o.seed ?? (parent.getOptionValueSource('seed') === 'cli' ? Number(parent.opts().seed) : 2021);
      await demoCases({ count: o.count, seed, year: o.year });
    });
}
