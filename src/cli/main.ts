import { Command, Option } from 'commander';
import { createUser, ROLES, type Role } from '../auth/index.js';
import { checkpointStore, readAuditCheckpoints, verifyAuditLog, writeAuditCheckpoint } from '../audit/index.js';
import { districtParseOptions, importPlan, parsePlanFile } from '../plan/index.js';
import { serve } from '../server/serve.js';
import { registerCalendarCommands } from '../calendar/index.js';
import { registerEnterpriseCommands } from '../enterprises/index.js';
import { registerPolicyCommands } from '../policies/index.js';
import { registerLedgerCommands } from '../ledger/index.js';
import { registerIndicatorCommands } from '../indicators/index.js';
import { registerRequestCommands } from '../requests/index.js';
import { registerInspectionCommands, useCreditClassesForDraws } from '../inspections/index.js';
import { registerHelpdeskCommands } from '../helpdesk/index.js';
import { registerDemoCommand } from './demo.js';
import { formatProblem, InputRejectedError } from '../shared/index.js';
import { cliActor, withDatabase } from '../db/index.js';
import { cliProgress } from '../jobs/index.js';
import { readConfig } from '../config/index.js';

const program = new Command('bizenv').description('bizenv — 营商环境改革管理平台').showHelpAfterError();

program
  .command('serve')
  .description('serve the platform (API and web) on HOST:PORT (default 127.0.0.1:3000)')
  .action(() => serve({ firstRun: false }));
program
  .command('start')
  .description('first-run friendly serve: builds the web front end if needed, imports the sample plan into an empty database')
  .action(() => serve({ firstRun: true }));

const plan = program.command('plan').description('implementation plans (实施方案)');
const yearOption = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1990 || n > 2100) throw new Error(`--year 应为 1990–2100 之间的年份，实际为“${v}”`);
  return n;
};
plan
  .command('parse <file>')
  .description('parse a plan (.txt in UTF-8 or GB18030, or .docx) and print its structure')
  .option('--json', 'print the structure as JSON (with its warnings: [{line, code, message}])')
  .option('--year <year>', 'the plan year when the document gives none', yearOption)
  .action(async (file: string, o: { json?: boolean; year?: number }) => {
    const p = await parsePlanFile(file, { year: o.year });
    // Warnings (e.g. a unit not in the directory) also go to stderr, for people.
    for (const w of p.warnings) process.stderr.write(`警告：${w.message}\n`);
    if (o.json) {
      process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      return;
    }
    const measures = p.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures));
    console.log(`${p.title}（${p.docNumber ?? '无文号'}，${p.issuer ?? ''} ${p.issuedOn ?? ''}，${p.year === null ? '年度未定' : `${p.year}年度`}）`);
    console.log(`${p.sections.length} 个部分，${measures.length} 条措施，${measures.reduce((n, m) => n + m.targets.length, 0)} 个量化目标`);
  });
plan
  .command('import <file>')
  .description('import a plan into the database (transactional, idempotent); a plan with warnings imports too')
  .option('--year <year>', 'the plan year when the document gives none', yearOption)
  .action(async (file: string, o: { year?: number }) => {
    await withDatabase(async ({ db }) => {
      // Against the district's directory: names the office merged into a unit map to that unit.
      const p = await parsePlanFile(file, { ...(await districtParseOptions(db)), year: o.year });
      for (const w of p.warnings) process.stderr.write(`警告：${w.message}\n`);
      const bar = cliProgress('导入实施方案', process.stderr, '条措施');
      const r = await importPlan(
        db,
        { plan: p, sourceName: file.split('/').pop()!, sourceKind: file.endsWith('.docx') ? 'docx' : 'txt', actor: cliActor() },
        { progress: (done, total) => bar.update(done, total) },
      ).finally(() => bar.end());
      const name = p.docNumber ?? p.title;
      console.log(
        r.changed ? `imported ${name} as plan ${r.planId}, revision ${r.revision}` : `unchanged: ${name} revision ${r.revision} has the same content`,
      );
    });
  });

registerCalendarCommands(program, { withDatabase, actor: cliActor });

const users = program.command('users').description('accounts');
users
  .command('add')
  .description('add an account')
  .requiredOption('--account <account>')
  .requiredOption('--name <name>')
  .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
  .option('--password <password>', 'password (or set BIZENV_PASSWORD)')
  .option('--unit <unit...>', 'unit names from the unit directory (unit staff)')
  .action(async (o: { account: string; name: string; role: Role; password?: string; unit?: string[] }) => {
    const password = o.password ?? readConfig().demoPassword;
    if (!password) throw new InputRejectedError('give --password or set BIZENV_PASSWORD');
    await withDatabase(async ({ db }) => {
      const u = await createUser(db, { account: o.account, name: o.name, role: o.role, password, unitNames: o.unit, actor: cliActor() });
      console.log(`added ${u.account} (${u.role}${u.unitIds.length ? `, units ${u.unitIds.join(',')}` : ''})`);
    });
  });

const audit = program.command('audit').description('audit log');
audit
  .command('verify')
  .description('check the audit log chain for removed or altered entries, and against the signed checkpoints')
  .action(async () =>
    withDatabase(async ({ db }) => {
      const config = readConfig();
      const { checkpoints, invalid } = readAuditCheckpoints(checkpointStore(config.dataDir, config.auditKeyFile));
      if (invalid.length) {
        console.error(`audit checkpoints: lines ${invalid.join(', ')} are not validly signed (altered, or signed with another key)`);
        process.exitCode = 1;
      }
      const r = await verifyAuditLog(db, { checkpoints });
      if (r.ok) console.log(`ok: ${r.checked} entries, chain intact, ${checkpoints.length} signed checkpoints match`);
      else {
        console.error(`audit log broken at entry ${r.problem!.id}: ${r.problem!.reason} (${r.checked} entries before it are intact)`);
        process.exitCode = 1;
      }
    }),
  );

audit
  .command('checkpoint')
  .description('sign the current head of the audit chain and append it to the checkpoint file')
  .option('--reason <text>', 'why (shown by verify)', 'manual')
  .action(async (o: { reason: string }) =>
    withDatabase(async ({ db }) => {
      const config = readConfig();
      const c = await writeAuditCheckpoint(db, checkpointStore(config.dataDir, config.auditKeyFile), o.reason);
      console.log(`checkpoint: ${c.count} entries, last ${c.lastId}, hash ${c.hash}`);
    }),
  );

registerEnterpriseCommands(program);
registerDemoCommand(program);
registerPolicyCommands(program);
registerLedgerCommands(program);
registerIndicatorCommands(program);
registerRequestCommands(program);
registerInspectionCommands(program);
registerHelpdeskCommands(program);
useCreditClassesForDraws(); // 双随机 draws stratify by the credit class in force

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // One line for the user, non-zero exit: other tools call this command.
  if (e instanceof InputRejectedError && e.problems.length) {
    console.error(`bizenv: ${e.message}`);
    for (const p of e.problems) console.error(`  ${formatProblem(p)}`);
  } else console.error(`bizenv: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
