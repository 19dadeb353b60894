import type { Command } from 'commander';
import { chinaToday } from '../calendar/index.js';
import { withDatabase } from '../db/index.js';
import { registerCatalogueCommands } from './catalogue-cli.js';
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
}
