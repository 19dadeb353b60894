import type { Command } from 'commander';
import { ConflictError } from '../shared/index.js';
import { LEDGER_DEMO_PASSWORD, runLedgerDemo, syncFinanceSignals, syncInspectionSignals } from '../ledger/index.js';
import { financeSignalsOf, seedFinanceApplicationDemo, seedFinanceBankDemo } from '../finance/index.js';
import { getPlan, planAsOf } from '../plan/index.js';
import { seedCommunicationDemo, seedRequestDemo } from '../requests/index.js';
import { seedPolicyDemo } from '../policies/index.js';
import { importSamplePlanIfEmpty } from '../server/bootstrap.js';
import { cliActor, withDatabase } from '../db/index.js';
import { seedCaseDemo } from '../indicators/index.js';
import { evaluateRiskFlags, seedCreditDemo, seedInspectionDemo, seedInspectorLoginDemo, seedResultDemo } from '../inspections/index.js';
import { readConfig } from '../config/index.js';
import { chinaToday } from '../calendar/index.js';
import { seedCatalogue } from '../requests/index.js';
import { seedHelpdeskDemo } from '../helpdesk/index.js';
import { feedInspectionIndicators } from '../server/inspection-indicator-feed.js';
import { feedRequestIndicators } from '../server/request-indicator-feed.js';

/**
 * `bizenv demo`: labelled demo data (every name and report carries 演示 / 【演示数据】) for every
 * capability, reproducible from --seed: the sample plan when the database has none, demo
 * enterprises and policies with their rules, then the ledger (tasks, reports over several cycles,
 * reviews, supervision orders). Each capability's part is its own exported function.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('labelled demo data for every capability, reproducible from --seed')
    .option('--seed <n>', 'seed of the generators', (v) => Number(v), 2021)
    .option('--enterprises <n>', 'number of demo enterprises', (v) => Number(v), 200)
    .option('--password <password>', 'password of the demo enterprise accounts demo-qiye1/2 (or BIZENV_PASSWORD)')
    .action(async (o: { seed: number; enterprises: number; password?: string }) =>
      withDatabase(async ({ db }) => {
        const planId = await importSamplePlanIfEmpty(db, (s) => console.log(s));
        const p = await seedPolicyDemo(db, { enterprises: o.enterprises, seed: o.seed, password: o.password ?? readConfig().demoPassword, actor: cliActor() });
        console.log(`demo enterprises: ${p.enterprises.created} added, ${p.enterprises.updated} updated, ${p.enterprises.unchanged} unchanged`);
        console.log(
          `demo policies: ${p.policies} added (${p.items} items with published rules); matching: ${p.match.eligible} eligible, ${p.match.notified} messages pushed`,
        );
        if (p.accounts.length) console.log(`demo enterprise accounts: ${p.accounts.join(', ')}`);
        try {
          const l = await runLedgerDemo(db, { planId, seed: o.seed, password: o.password ?? readConfig().demoPassword });
          console.log(
            `demo ledger: ${l.tasks} tasks, ${l.cycles} cycles, ${l.reports} reports, ${l.orders} supervision orders, ${l.bulletins} bulletin issued; accounts demo-office, demo-leader, demo-unit<id> (password ${l.password})`,
          );
        } catch (e) {
          if (e instanceof ConflictError) console.log(`demo ledger: ${e.message}, unchanged`);
          else throw e;
        }
        const rc = await seedCatalogue(db, cliActor()); // the 派单目录 from the plan's lead units (existing topics kept)
        console.log(`demo 派单目录: ${rc.added.length} topics added${rc.missing.length ? `; not in the plan: ${rc.missing.join('、')}` : ''}`);
        const rqAsOf = (await planAsOf(db, planId)).asOf;
        const year = (await getPlan(db, planId)).year ?? Number(rqAsOf.slice(0, 4)); // a plan without a year: its as-of year
        const rq = await seedRequestDemo(db, { year, asOf: rqAsOf, seed: o.seed, actor: cliActor() });
        console.log(rq.skipped ? `demo requests: ${year} already has demo requests, unchanged` : `demo requests: ${rq.requests} requests filed in ${year}`);
        const cm = await seedCommunicationDemo(db, {
          year,
          asOf: rqAsOf,
          seed: o.seed,
          actor: cliActor(),
          password: o.password ?? readConfig().demoPassword ?? LEDGER_DEMO_PASSWORD,
        });
        console.log(
          cm.skipped
            ? `demo 政企沟通: ${year} already has demo meetings (or there are no demo firms), unchanged`
            : `demo 政企沟通: ${cm.reporters} 监督员/专家 (${cm.reports} reports), ${cm.meetings} 座谈会 (${cm.issues} issues), ${cm.keyFirms} key firms, ${cm.plans} visit plans, ${cm.visits} visits (${cm.needs} needs)`,
        );
        const rqFeed = await feedRequestIndicators(db, { actor: cliActor() }); // measure 48's 企业诉求按时办结率 (指标监测), after every demo request
        console.log(`demo requests in 指标监测: ${rqFeed.records} counted in 企业诉求按时办结率`);
        const c = await seedCaseDemo(db, { count: 5000, seed: o.seed, actor: cliActor() }); // more: bizenv demo cases --count N
        console.log(
          `demo case records: ${Object.entries(c.records)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}; ${c.recomputed.definitions.length} indicators computed`,
        );
        const cr = await seedCreditDemo(db, { seed: o.seed, actor: cliActor() });
        console.log(`demo credit classes: ${cr.records} records, ${cr.repairs} 信用修复; 免罚清单: ${cr.exemptions} entries`);
        const ins = await seedInspectionDemo(db, { seed: o.seed, actor: cliActor() });
        console.log(
          ins.skipped
            ? `demo joint plan: ${ins.year} already has a plan, unchanged`
            : `demo joint plan ${ins.year}: ${ins.tasks} tasks (version 2), ${ins.inspectors} inspectors; draws ${ins.draws.map((d) => `${d.number} (${d.picked} objects)`).join(', ')}`,
        );
        const hd = await seedHelpdeskDemo(db, cliActor(), o.seed);
        console.log(
          `demo helpdesk: ${hd.faq} FAQ entries added, ${hd.synonyms} synonym groups seeded, ${hd.liveChats} live chats, ${hd.conversations} conversations (${hd.questions} questions)`,
        );
        // 渝中融: demo banks with branches, bank accounts and published products, then a year of needs, applications (with consents) and outcomes on the demo banks' products, and events.
        const finYear = Number(chinaToday().slice(0, 4)); // the current year: products are in force from today's year on
        const fb = await seedFinanceBankDemo(db, {
          password: o.password ?? readConfig().demoPassword ?? LEDGER_DEMO_PASSWORD,
          actor: cliActor(),
          publishFrom: `${finYear}-01-01`,
        });
        console.log(
          `demo finance banks: ${fb.institutions} institutions, ${fb.products} products published${fb.accounts.length ? `; bank accounts ${fb.accounts.join(', ')}` : ''}`,
        );
        const fa = await seedFinanceApplicationDemo(db, { year: finYear, asOf: chinaToday(), seed: o.seed, actor: cliActor() });
        await syncFinanceSignals(db, planId); // the plan's year (its ledger); the demo year's rate is printed below
        const fs = await financeSignalsOf(db, finYear, chinaToday());
        console.log(
          fa.skipped
            ? `demo finance applications: ${finYear} already has them (or there are no demo products), unchanged`
            : `demo finance: ${fa.needs} needs, ${fa.applications} applications (${fa.disbursed} disbursed), ${fa.events} events; 按时审批率 ${fs.find((v) => v.code === 'finance-decide-on-time')?.value ?? '—'}%`,
        );
        // Results over the demo draws that have run (issue 15): must come after the demo plan's draws.
        const il = await seedInspectorLoginDemo(db, { password: o.password ?? readConfig().demoPassword ?? LEDGER_DEMO_PASSWORD, actor: cliActor() });
        if (il) console.log(`demo inspector login: ${il.account} = ${il.inspectorName}（${il.unitName}, ${il.checks} checks; 我的检查任务）`);
        const rs = await seedResultDemo(db, { seed: o.seed, actor: cliActor(), leaveOpenFor: il ? [il.inspectorId] : [] });
        const rf = await evaluateRiskFlags(db, chinaToday(), { isDemo: true });
        await syncInspectionSignals(db, planId);
        const feed = await feedInspectionIndicators(db, { actor: cliActor() }); // measure 33's 协同监管响应率 (flags past their period)
        console.log(
          `demo inspection results: ${rs.results} results, ${rs.published} published; 风险预警 ${rf.flagged} (${feed.records} counted in 协同监管响应率)`,
        );
      }),
    );
}
