/**
 * Scores the plan parser against the hand-checked golden files of the corpus (test/fixtures/plans/corpus/,
 * format in its README): tasks matched by the start of their text, then units, targets and deadlines
 * compared as (task, …) tuples. Used by `corpus.test.ts`; pure, no I/O.
 */
import { normalizeText } from './core/decode.js';
import type { ParsedMeasure, ParsedPlan } from './core/types.js';
import { createUnitDirectory } from '../units/index.js';

export interface GoldenTask {
  code?: string;
  start: string;
  lead: string[];
  responsible: string[];
  targets: Array<{ op: string; value: number; unit: string }>;
  deadlines: string[];
}

export interface GoldenPlan {
  file: string;
  /** null when the page shows no title line. */
  title: string | null;
  docNumber: string | null;
  year: number | null;
  measures: GoldenTask[];
}

/** True positives, parser items, golden items. */
export interface Count {
  tp: number;
  found: number;
  expected: number;
}

export interface DocScore {
  tasks: Count;
  units: Count;
  targets: Count;
  deadlines: Count;
  /** Title, 文号 and year, each right or wrong. */
  meta: { right: number; of: number; wrong: string[] };
  /** Golden tasks no parser task matched (their `start`). */
  missedTasks: string[];
}

const zero = (): Count => ({ tp: 0, found: 0, expected: 0 });

/** Normalised text without spaces: how titles compare. */
const flat = (s: string) => normalizeText(s).replace(/\s/g, '');

/** Letters, digits and CJK only: what two writings of one text have in common. */
export function strip(s: string): string {
  return normalizeText(s)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

const UNIT_ALIASES = new Map([
  ['天', '日'],
  ['个工作日', '工作日'],
  ['个自然日', '日'],
  ['自然日', '日'],
]);
const targetKey = (t: { op: string; value: number; unit: string }) => `${t.op}|${t.value}|${UNIT_ALIASES.get(t.unit) ?? t.unit}`;

/** Counts how many of `found` are in `expected` (multisets). */
function overlap(found: string[], expected: string[], c: Count): void {
  const left = new Map<string, number>();
  for (const e of expected) left.set(e, (left.get(e) ?? 0) + 1);
  for (const f of found) {
    const n = left.get(f) ?? 0;
    if (n > 0) {
      c.tp++;
      left.set(f, n - 1);
    }
  }
  c.found += found.length;
  c.expected += expected.length;
}

export function measuresOf(plan: ParsedPlan): ParsedMeasure[] {
  return plan.sections.flatMap((s) => s.subsections.flatMap((ss) => ss.measures));
}

/**
 * @example
 *   const s = scorePlan(parsePlanText(text), golden);
 *   ratio(s.units) // { precision: 0.97, recall: 0.93 }
 */
export function scorePlan(plan: ParsedPlan, golden: GoldenPlan): DocScore {
  const dir = createUnitDirectory();
  // the parser's names are normalised text (decode.ts: 镇(街道) → 镇（街道）); the golden files keep them as written
  const unitName = (n: string) => {
    const x = normalizeText(n);
    return dir.canonical(x) ?? x;
  };
  const units = (lead: string[], responsible: string[]) => [
    ...new Set([...lead.map((u) => `L|${unitName(u)}`), ...responsible.map((u) => `R|${unitName(u)}`)]),
  ];
  const parsed = measuresOf(plan);
  const texts = parsed.map((m) => strip(`${m.title}${m.text}`));
  const used = new Set<number>();
  const s: DocScore = { tasks: zero(), units: zero(), targets: zero(), deadlines: zero(), meta: { right: 0, of: 3, wrong: [] }, missedTasks: [] };
  for (const g of golden.measures) {
    const start = strip(g.start);
    const i = texts.findIndex((t, k) => !used.has(k) && t.slice(0, start.length + 8).includes(start));
    const m = i >= 0 ? parsed[i] : undefined;
    if (m) used.add(i);
    else s.missedTasks.push(g.start);
    overlap(m ? units(m.leadUnits, m.responsibleUnits) : [], units(g.lead, g.responsible), s.units);
    overlap(m ? m.targets.map(targetKey) : [], g.targets.map(targetKey), s.targets);
    overlap(m ? [...new Set(m.deadlines.map((d) => d.date))] : [], [...new Set(g.deadlines)], s.deadlines);
  }
  // Parser tasks no golden task matched: everything they carry is a false find.
  parsed.forEach((m, k) => {
    if (used.has(k)) return;
    overlap(units(m.leadUnits, m.responsibleUnits), [], s.units);
    overlap(m.targets.map(targetKey), [], s.targets);
    overlap([...new Set(m.deadlines.map((d) => d.date))], [], s.deadlines);
  });
  s.tasks = { tp: used.size, found: parsed.length, expected: golden.measures.length };
  const meta: Array<[string, unknown, unknown]> = [
    // A title compares as normalised text without spaces; the parser names a plan without a title
    // 未命名方案 with a no-title warning, which is what a reader's null means.
    ['title', plan.warnings.some((w) => w.code === 'no-title') ? null : flat(plan.title), golden.title === null ? null : flat(golden.title)],
    ['docNumber', plan.docNumber, golden.docNumber],
    ['year', plan.year, golden.year],
  ];
  for (const [k, got, want] of meta)
    if (got === want) s.meta.right++;
    else s.meta.wrong.push(`${k}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  return s;
}

/** Precision and recall of a count (1 when there is nothing to find or nothing found). */
export function ratio(c: Count): { precision: number; recall: number } {
  return { precision: c.found ? c.tp / c.found : 1, recall: c.expected ? c.tp / c.expected : 1 };
}

export function addCounts(a: Count, b: Count): Count {
  return { tp: a.tp + b.tp, found: a.found + b.found, expected: a.expected + b.expected };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}`;
/** "P / R" in percent, with the counts. */
export function cell(c: Count): string {
  const r = ratio(c);
  return `${pct(r.precision)} / ${pct(r.recall)} (${c.expected})`;
}
