import fs from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { cliActor, withDatabase } from '../db/index.js';
import { InputRejectedError } from '../shared/index.js';
import { asOfOf } from './as-of.js';
import { findPlan } from '../plan/index.js';
import { assess, assessmentXlsx } from './assessment-store.js';
import { buildBulletin } from './bulletin.js';
import { bulletinDocx } from './bulletin-docx.js';
import { runLedgerDemo } from './demo.js';
import { createMonthlyCycles, notifyFlags } from './report-store.js';
import { initLedger, listTasks } from './task-store.js';

async function planIdOf(db: Kysely<Database>, given?: string): Promise<number> {
  if (given) return Number(given);
  const p = await findPlan(db);
  if (!p) throw new InputRejectedError('数据库中还没有实施方案：先运行 bizenv plan import FILE');
  return p.id;
}

async function demo(o: { plan?: string; seed?: string }) {
  await withDatabase(async ({ db }) => {
    const r = await runLedgerDemo(db, { planId: await planIdOf(db, o.plan), seed: o.seed ? Number(o.seed) : undefined });
    console.log(
      `demo ledger: ${r.tasks} tasks, ${r.cycles} cycles, ${r.reports} reports, ${r.orders} supervision orders, ${r.bulletins} bulletin issued; accounts demo-office, demo-leader, demo-unit<id> (password ${r.password})`,
    );
  });
}

/** `bizenv ledger …` (`bizenv demo` runs the ledger part through src/cli/demo.ts). */
export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('reform ledger (改革台账): tasks, reporting cycles, bulletins, assessment');
  const plan = ['--plan <id>', 'plan id (default: the latest plan)'] as const;
  ledger
    .command('init')
    .description('create one task per measure (plan deadlines become milestones); idempotent')
    .option(...plan)
    .action(async (o: { plan?: string }) =>
      withDatabase(async ({ db }) => {
        const r = await initLedger(db, { planId: await planIdOf(db, o.plan), actor: cliActor() });
        console.log(`created ${r.created} tasks (${r.tasks} in the ledger)`);
      }),
    );
  ledger
    .command('cycles')
    .description('create monthly reporting cycles, due on the n-th working day of the next month')
    .requiredOption('--from <YYYY-MM>')
    .requiredOption('--to <YYYY-MM>')
    .option('--due-day <n>', 'working day of the next month', '5')
    .option(...plan)
    .action(async (o: { from: string; to: string; dueDay: string; plan?: string }) =>
      withDatabase(async ({ db }) => {
        const r = await createMonthlyCycles(db, cliActor(), await planIdOf(db, o.plan), { from: o.from, to: o.to, dueWorkingDay: Number(o.dueDay) });
        console.log(`created ${r.created} cycles`);
      }),
    );
  ledger
    .command('flags')
    .description('list flagged tasks (red/yellow lights)')
    .option('--as-of <date>', "day of reference (default: the plan's as-of date)")
    .option(...plan)
    .action(async (o: { asOf?: string; plan?: string }) =>
      withDatabase(async ({ db }) => {
        const planId = await planIdOf(db, o.plan);
        for (const t of await listTasks(db, planId, await asOfOf(db, planId, o))) {
          if (t.flags.length) console.log(`${t.code}\t${t.light}\t${t.leadUnits.map((u) => u.name).join('、')}\t${t.flags.map((f) => f.message).join('；')}`);
        }
      }),
    );
  ledger
    .command('notify')
    .description("push today's red lights, missing reports and overdue orders to the inboxes (run daily, e.g. from cron)")
    .option('--as-of <date>', "day of reference (default: the plan's as-of date)")
    .option(...plan)
    .action(async (o: { asOf?: string; plan?: string }) =>
      withDatabase(async ({ db }) => {
        const planId = await planIdOf(db, o.plan);
        const r = await notifyFlags(db, planId, await asOfOf(db, planId, o));
        console.log(`${r.tasks} flagged tasks, ${r.orders} overdue orders, ${r.notified} messages delivered`);
      }),
    );
  ledger
    .command('bulletin')
    .description('write the bulletin of a cycle as .docx')
    .requiredOption('--cycle <id>')
    .requiredOption('--out <file>')
    .action(async (o: { cycle: string; out: string }) =>
      withDatabase(async ({ db }) => {
        fs.writeFileSync(o.out, await bulletinDocx(await buildBulletin(db, Number(o.cycle))));
        console.log(`wrote ${o.out}`);
      }),
    );
  ledger
    .command('assess')
    .description('annual assessment: ranking (and Excel with --out)')
    .option('--as-of <date>')
    .option('--out <file.xlsx>')
    .option(...plan)
    .action(async (o: { asOf?: string; out?: string; plan?: string }) =>
      withDatabase(async ({ db }) => {
        const a = await assess(db, await planIdOf(db, o.plan), o.asOf);
        for (const u of a.units) console.log(`${u.rank}\t${u.unitName}\t${u.score}`);
        if (o.out) {
          fs.writeFileSync(o.out, await assessmentXlsx(a));
          console.log(`wrote ${o.out}`);
        }
      }),
    );
  ledger
    .command('demo')
    .description('labelled demo ledger data for a plan (reproducible from --seed)')
    .option(...plan)
    .option('--seed <n>', 'random seed', '2021')
    .action(demo);
}
