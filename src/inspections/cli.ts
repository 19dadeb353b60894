import fs from 'node:fs';
import type { Command } from 'commander';
import { withDatabase } from '../db/index.js';
import { verifyDraw, type PublishedDraw } from './core/index.js';
import { drawProofByNumber, listDraws } from './draw-store.js';

function report(d: PublishedDraw): boolean {
  const v = verifyDraw(d);
  console.log(`${d.draw.number} ${d.draw.title}`);
  for (const c of v.checks) console.log(`${c.ok ? '✓' : '✗'} ${c.label}${c.ok ? '' : `\n    公布：${c.expected}\n    重算：${c.actual}`}`);
  if (!d.result) console.log('尚未抽取：只核对了承诺');
  console.log(v.ok ? '验证通过：公布的结果与按公开算法重算的结果一致' : '验证未通过');
  return v.ok;
}

/** `bizenv inspections …`: 双随机 draws. */
export function registerInspectionCommands(program: Command): void {
  const inspections = program.command('inspections').description('双随机、一公开 inspections: draws and their verification');
  inspections
    .command('draws')
    .description('list the draws (number, status, commitment)')
    .action(async () =>
      withDatabase(async ({ db }) => {
        for (const d of await listDraws(db, null)) console.log(`${d.number}\t${d.statusLabel}\t${d.commitment}\t${d.title}`);
      }),
    );
  inspections
    .command('verify')
    .argument('<draw>', 'draw number (渝中双随机〔2026〕1号) or id; or, with --file, a proof JSON file')
    .option('--file', 'read the published proof from a file (as served by /api/inspections/public/draws/ID/proof) instead of the database')
    .description('recompute a draw from its published inputs (snapshots, parameters, witnesses’ numbers, lottery) and compare with its result')
    .action(async (draw: string, o: { file?: boolean }) => {
      if (o.file) {
        if (!report(JSON.parse(fs.readFileSync(draw, 'utf8')) as PublishedDraw)) process.exitCode = 1;
        return;
      }
      await withDatabase(async ({ db }) => {
        if (!report(await drawProofByNumber(db, draw))) process.exitCode = 1;
      });
    });
}
