import type { Command } from 'commander';
import { checkCreditCode, classifySize } from './core/index.js';

/**
 * `bizenv enterprises …` (stable: other tools call these). check-code prints `valid` and exits 0,
 * or prints the reason on stderr and exits 1; size prints 大型/中型/小型/微型 and exits 0, or the
 * reason it cannot tell on stderr and exits 1.
 */
export function registerEnterpriseCommands(program: Command): Command {
  const ent = program.command('enterprises').description('enterprise registry (企业库)');
  ent
    .command('check-code <code>')
    .description('check a 统一社会信用代码 (GB 32100-2015 check character)')
    .action((code: string) => {
      const r = checkCreditCode(code);
      if (!r.valid) {
        console.error(r.reason);
        process.exitCode = 1;
        return;
      }
      console.log('valid');
      for (const w of r.warnings) console.error(`警告：${w}`);
    });
  const num = (name: string) => (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
    return n;
  };
  ent
    .command('size')
    .description('size class by 统计上大中小微型企业划分办法（2017）')
    .requiredOption('--industry <code>', 'GB/T 4754-2017 门类 letter or 2- to 4-digit code')
    .option('--employees <n>', '从业人员 (persons)', num('--employees'))
    .option('--revenue <wan>', '营业收入 (万元)', num('--revenue'))
    .option('--assets <wan>', '资产总额 (万元)', num('--assets'))
    .option('--explain', 'also print the rule applied')
    .action((o: { industry: string; employees?: number; revenue?: number; assets?: number; explain?: boolean }) => {
      const r = classifySize(o);
      if (!r.size) {
        console.error(r.reason);
        process.exitCode = 1;
        return;
      }
      console.log(r.size);
      if (o.explain) console.log(r.explanation);
    });
  return ent;
}
