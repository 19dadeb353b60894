import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';

/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports one async function returning
 * BenchResult[]) and writes their figures into BENCHMARKS.md below the method text, one section per
 * file. `npm run bench -- calendar` runs (and rewrites the sections of) matching files only; a whole file name
 * (`npm run bench -- load.bench.ts`) runs that file alone.
 */
const filter = process.argv[2];
const dir = path.dirname(new URL(import.meta.url).pathname);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || (filter.endsWith('.bench.ts') ? f === filter : f.includes(filter))))
  .sort();
const stamp = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`;
/** Ratios below 1 keep two significant digits (0.05×, not 0.1×). */
const fmtRatio = (r: number) => (r >= 1 ? r.toFixed(1) : r.toPrecision(2));
const sections: string[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as Record<string, () => Promise<BenchResult[]>>;
  const fn = Object.values(mod).find((v) => typeof v === 'function');
  if (!fn) continue;
  console.log(`running ${f} …`);
  const results = await fn();
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.opsPerSec !== undefined ? `${Math.round(r.opsPerSec).toLocaleString('en-US')} /s` : ''} | ${r.seconds !== undefined ? `${r.seconds.toFixed(2)} s` : ''} | ${r.baseline} | ${fmtRatio(r.ratio)}× | ${r.note ?? ''} |`,
  );
  sections.push(`### ${f}\n\nRun ${stamp}.\n\n| figure | rate | time | baseline (same run) | ratio | note |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`);
  for (const r of results)
    console.log(
      `  ${r.name}: ${r.opsPerSec ? `${Math.round(r.opsPerSec)}/s ` : ''}${r.seconds ? `${r.seconds.toFixed(2)}s ` : ''}ratio ${fmtRatio(r.ratio)}× vs ${r.baseline}`,
    );
}
const md = path.join(dir, '..', 'BENCHMARKS.md');
const text = fs.existsSync(md) ? fs.readFileSync(md, 'utf8') : '# Benchmarks\n';
const marker = '<!-- latest run -->';
const head = text.includes(marker) ? text.slice(0, text.indexOf(marker)) : `${text.trimEnd()}\n\n`;
// Keep the sections of bench files not run this time (a filtered run updates only its own files).
const previous = new Map<string, string>();
if (text.includes(marker)) {
  for (const part of text
    .slice(text.indexOf(marker))
    .split(/^(?=### )/m)
    .slice(1))
    previous.set(part.split('\n')[0].slice(4).trim(), `${part.trimEnd()}\n`);
}
for (const sec of sections) previous.set(sec.split('\n')[0].slice(4).trim(), sec);
const body = [...previous.keys()]
  .sort()
  .map((k) => previous.get(k)!)
  .join('\n');
fs.writeFileSync(md, `${head}${marker}\n## Latest figures\n\n${body}`);
