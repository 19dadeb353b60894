import type { Command } from 'commander';
import { cliActor, withDatabase } from '../cli/database.js';
import { seedPolicyDemo } from './demo.js';
import { matchAndPush } from './matching.js';
import { searchPolicies } from './policy-store.js';

/** `bizenv demo` (enterprises and policies part) and `bizenv policies …`. */
export function registerPolicyCommands(program: Command): void {
  program.command('demo').description('add labelled demo enterprises and demo policies (with rules and test cases), reproducible from --seed')
    .option('--enterprises <n>', 'number of demo enterprises', (v) => Number(v), 200)
    .option('--seed <n>', 'seed of the generator', (v) => Number(v), 2026)
    .option('--password <password>', 'create demo enterprise accounts demo-qiye1/2 with this password (or set BIZENV_PASSWORD)')
    .action(async (o: { enterprises: number; seed: number; password?: string }) => withDatabase(async ({ db }) => {
      const r = await seedPolicyDemo(db, { enterprises: o.enterprises, seed: o.seed, password: o.password ?? process.env.BIZENV_PASSWORD, actor: cliActor() });
      console.log(`demo enterprises: ${r.enterprises.created} added, ${r.enterprises.updated} updated, ${r.enterprises.unchanged} unchanged`);
      console.log(`demo policies: ${r.policies} added (${r.items} items with published rules)`);
      if (r.accounts.length) console.log(`demo enterprise accounts: ${r.accounts.join(', ')}`);
      console.log(`matching: ${r.match.eligible} eligible results, ${r.match.notified} messages pushed`);
    }));
  const pol = program.command('policies').description('policy library (惠企政策)');
  pol.command('match').description('match every enterprise against the rules in force and push new results to their inboxes')
    .option('--as-of <date>', 'evaluation date (YYYY-MM-DD), default today')
    .option('--no-push', 'record results without sending messages')
    .action(async (o: { asOf?: string; push: boolean }) => withDatabase(async ({ db }) => {
      const r = await matchAndPush(db, { asOf: o.asOf, push: o.push });
      console.log(`${r.enterprises} enterprises × ${r.items} items = ${r.evaluations} evaluations in ${r.seconds.toFixed(2)} s: ${r.eligible} eligible, ${r.unknown} cannot tell, ${r.notified} messages pushed`);
    }));
  pol.command('search <query>').description('full-text search of the published policies')
    .action(async (q: string) => withDatabase(async ({ db }) => {
      const r = await searchPolicies(db, { q });
      console.log(`${r.total} 条（${r.tookMs} ms）`);
      for (const h of r.items) console.log(`${h.id}\t${h.title}\t${h.docNumber ?? ''}\n\t${h.snippet.map((s) => (s.hit ? `【${s.text}】` : s.text)).join('')}`);
    }));
}
