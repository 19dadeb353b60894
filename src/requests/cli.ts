import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { chinaToday } from '../calendar/index.js';
import { cliActor, withDatabase } from '../db/index.js';
import { registerCatalogueCommands } from './catalogue-cli.js';
import { IMPORT_12345_COLUMNS } from './core/index.js';
import { cliProgress } from '../jobs/index.js';
import { import12345File } from './import-store.js';
import { openRequestsOfUnits } from './read-api.js';

/** `bizenv requests …`: enterprise requests (企业诉求). */
export function registerRequestCommands(program: Command): void {
  const requests = program.command('requests').description('enterprise requests (企业诉求): routing, handling, deadlines');
  requests
    .command('open')
    .description('requests waiting on units (to sign or answer), earliest deadline first; overdue ones marked')
    .option('--overdue', 'only overdue requests')
    .option('--today <date>', 'day of reference (default: today, China time)')
    .action(async (o: { overdue?: boolean; today?: string }) =>
      withDatabase(async ({ db }) => {
        const today = o.today ?? chinaToday();
        const rows = (await openRequestsOfUnits(db, undefined, today)).filter((r) => !o.overdue || r.overdue);
        for (const r of rows)
          console.log(`${r.number}\t${r.unitName}\t待${r.next}\t${r.due}${r.overdue ? '\t逾期' : ''}${r.escalated ? '\t问题工单' : ''}\t${r.subject}`);
        console.log(`${rows.length} request(s) as of ${today}`);
      }),
    );
  registerCatalogueCommands(requests);
  requests
    .command('import <file>')
    .description(
      `import work orders transferred from the 12345 platform (.csv or .xlsx; all or nothing; a 工单编号 already imported is skipped). Columns: ${IMPORT_12345_COLUMNS.map((c) => `${c.header}${c.required ? '' : '（选填）'}`).join('、')}`,
    )
    .action(async (file: string) =>
      withDatabase(async ({ db }) => {
        const bar = cliProgress('12345 工单导入', process.stderr, '件');
        const r = await import12345File(db, cliActor(), path.basename(file), fs.readFileSync(file), undefined, {
          progress: (n, total) => bar.update(n, total),
        }).finally(() => bar.end());
        console.log(`${r.total} work order(s) in the file: ${r.created} imported (channel 12345), ${r.skipped} already imported and skipped`);
        if (r.numbers.length) console.log(`numbers ${r.numbers[0]} … ${r.numbers[r.numbers.length - 1]}`);
      }),
    );
}
