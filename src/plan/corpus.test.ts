/**
 * The parser against the corpus of real plans (test/fixtures/plans/corpus/, see its README): every
 * document parses, and units, targets and deadlines reach the precision and recall. The
 * per-document table is printed and written into BENCHMARKS.md between the plan-corpus markers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from './read-plan-file.js';
import { addCounts, cell, type Count, type DocScore, type GoldenPlan, ratio, scorePlan } from './corpus-score.js';
import type { ParsedPlan } from './core/types.js';

const CORPUS = path.resolve('test/fixtures/plans/corpus');
const BENCHMARKS = path.resolve('BENCHMARKS.md');
const START = '<!-- plan-corpus:start -->';
const END = '<!-- plan-corpus:end -->';

/** The tuned set (the parser was developed on it) and the held-out set (golden files written before the parser was run on them). */
const SETS = [
  { name: 'tuned', dir: CORPUS },
  { name: 'held-out', dir: path.join(CORPUS, 'held-out') },
] as const;
const goldenFiles = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.golden.json'))
        .sort()
    : [];

interface Row {
  set: string;
  id: string;
  score?: DocScore;
  warnings?: number;
  error?: string;
}

describe('the plan corpus', async () => {
  const rows: Row[] = [];
  for (const set of SETS)
    for (const f of goldenFiles(set.dir)) {
      const id = f.replace(/\.golden\.json$/, '');
      const golden = JSON.parse(fs.readFileSync(path.join(set.dir, f), 'utf8')) as GoldenPlan;
      let plan: ParsedPlan;
      try {
        plan = await parsePlanFile(path.join(set.dir, golden.file));
      } catch (e) {
        rows.push({ set: set.name, id, error: e instanceof Error ? e.message : String(e) });
        continue;
      }
      rows.push({ set: set.name, id, score: scorePlan(plan, golden), warnings: plan.warnings.length });
    }
  const total = (k: 'tasks' | 'units' | 'targets' | 'deadlines', set?: string): Count =>
    rows.reduce((a, r) => (r.score && (!set || r.set === set) ? addCounts(a, r.score[k]) : a), { tp: 0, found: 0, expected: 0 });
  const totalRow = (label: string, set?: string) => {
    const inSet = rows.filter((r) => !set || r.set === set);
    return `| **${label}** | ${cell(total('tasks', set))} | ${cell(total('units', set))} | ${cell(total('targets', set))} | ${cell(total('deadlines', set))} | ${inSet.reduce((a, r) => a + (r.score?.meta.right ?? 0), 0)}/${inSet.length * 3} | |`;
  };

  it('has at least 15 documents', () => {
    expect(goldenFiles(CORPUS).length).toBeGreaterThanOrEqual(15);
  });

  it('parses every document', () => {
    expect(rows.filter((r) => r.error).map((r) => `${r.id}: ${r.error}`)).toEqual([]);
  });

  it('finds units with precision ≥ 95 % and recall ≥ 90 %; targets and deadlines with recall ≥ 85 % and precision ≥ 90 %', () => {
    const table = [
      '| document | tasks P / R (n) | units P / R (n) | targets P / R (n) | deadlines P / R (n) | title, 文号, year | warnings |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map((r) =>
        r.score
          ? `| ${r.set === 'held-out' ? 'held-out/' : ''}${r.id} | ${cell(r.score.tasks)} | ${cell(r.score.units)} | ${cell(r.score.targets)} | ${cell(r.score.deadlines)} | ${r.score.meta.right}/${r.score.meta.of} | ${r.warnings} |`
          : `| ${r.set === 'held-out' ? 'held-out/' : ''}${r.id} | refused: ${r.error?.replace(/\|/g, '\\|')} | | | | | |`,
      ),
      totalRow('tuned set', 'tuned'),
      totalRow('held-out set', 'held-out'),
      totalRow('all'),
    ].join('\n');
    const misses = rows.flatMap((r) => [
      ...(r.score?.missedTasks ?? []).map((t) => `${r.id}: task not found: ${t}`),
      ...(r.score?.meta.wrong ?? []).map((w) => `${r.id}: ${w}`),
    ]);
    console.log(`${table}\n${misses.join('\n')}`);
    writeTable(table);
    const units = ratio(total('units'));
    const targets = ratio(total('targets'));
    const deadlines = ratio(total('deadlines'));
    expect({ units, targets, deadlines }).toEqual({
      units: { precision: expect.toSatisfy((x: number) => x >= 0.95), recall: expect.toSatisfy((x: number) => x >= 0.9) },
      targets: { precision: expect.toSatisfy((x: number) => x >= 0.9), recall: expect.toSatisfy((x: number) => x >= 0.85) },
      deadlines: { precision: expect.toSatisfy((x: number) => x >= 0.9), recall: expect.toSatisfy((x: number) => x >= 0.85) },
    });
  });
});

/** The table between the markers in BENCHMARKS.md, rewritten only when it changed. */
function writeTable(table: string): void {
  const doc = fs.readFileSync(BENCHMARKS, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return;
  const next = `${doc.slice(0, a + START.length)}\n${table}\n${doc.slice(b)}`;
  if (next !== doc) fs.writeFileSync(BENCHMARKS, next);
}
