import type { Command } from 'commander';
import { withDatabase } from '../db/index.js';
import { enterpriseCount } from '../enterprises/index.js';
import { cliProgress } from '../jobs/index.js';
import { matchAndPush } from './matching.js';
import { searchPolicies } from './policy-store.js';

/** `bizenv policies …` (the demo part is in src/cli/demo.ts). */
export function registerPolicyCommands(program: Command): void {
  const pol = program.command('policies').description('policy library (惠企政策)');
  pol
    .command('match')
    .description('match every enterprise against the rules in force and push new results to their inboxes')
    .option('--as-of <date>', 'evaluation date (YYYY-MM-DD), default today')
    .option('--no-push', 'record results without sending messages')
    .action(async (o: { asOf?: string; push: boolean }) =>
      withDatabase(async ({ db }) => {
        const total = await enterpriseCount(db);
        const bar = cliProgress('政策匹配', process.stderr, '家');
        const r = await matchAndPush(db, { asOf: o.asOf, push: o.push }, { progress: (n) => bar.update(n, Math.max(total, n)) }).finally(() => bar.end());
        console.log(
          `${r.enterprises} enterprises × ${r.items} items = ${r.evaluations} evaluations in ${r.seconds.toFixed(2)} s: ${r.eligible} eligible, ${r.unknown} cannot tell, ${r.notified} messages pushed`,
        );
      }),
    );
  pol
    .command('search <query>')
    .description('full-text search of the published policies')
    .action(async (q: string) =>
      withDatabase(async ({ db }) => {
        const r = await searchPolicies(db, { q });
        console.log(`${r.total} 条（${r.tookMs} ms）`);
        for (const h of r.items)
          console.log(`${h.id}\t${h.title}\t${h.docNumber ?? ''}\n\t${h.snippet.map((s) => (s.hit ? `【${s.text}】` : s.text)).join('')}`);
      }),
    );
}
