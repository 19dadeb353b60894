/**
 * Measuring the routing suggestion (`bizenv requests eval`, the accuracy test): the labelled set in
 * eval/requests.jsonl against either the seed catalogue resolved on a plan file (units of the plan's measures) or
 * the catalogue stored in the database (the office's, with its edits).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parsePlanFile, type ParsedPlan } from '../plan/index.js';
import {
  evaluateRouting,
  parseLabelledSet,
  resolveSeedTopics,
  SEED_TOPICS,
  type CatalogueTopic,
  type Evaluation,
  type LabelledRequest,
  type SeedMeasure,
} from './core/index.js';
import { routingSuggester } from './core/suggest.js';

export const EVAL_SET = fileURLToPath(new URL('./eval/requests.jsonl', import.meta.url));

export async function readLabelledSet(file = EVAL_SET): Promise<LabelledRequest[]> {
  const { set, problems } = parseLabelledSet(await readFile(file, 'utf8'));
  if (problems.length) throw new Error(`${file}: ${problems.slice(0, 5).join('; ')}`);
  return set;
}

/** The measures of a parsed plan with their lead units (ids numbered by first appearance: no database). */
export function seedMeasuresOfParsed(plan: ParsedPlan): SeedMeasure[] {
  const ids = new Map<string, number>();
  const id = (name: string) => {
    if (!ids.has(name)) ids.set(name, ids.size + 1);
    return ids.get(name)!;
  };
  return plan.sections.flatMap((s) =>
    s.subsections.flatMap((ss) =>
      ss.measures.map((m) => ({
        number: m.number,
        title: m.title,
        text: m.text,
        leadUnits: (m.leadUnits.length ? m.leadUnits : ss.leadUnits).map((name) => ({ id: id(name), name })),
      })),
    ),
  );
}

/** The seed catalogue with the units of a plan file (e.g. test/fixtures/plans/yuzhong-2021.txt). */
export async function seedCatalogueOfPlanFile(planFile: string): Promise<CatalogueTopic[]> {
  const plan = await parsePlanFile(planFile);
  const { topics } = resolveSeedTopics(SEED_TOPICS, seedMeasuresOfParsed(plan));
  return topics.map((t, i) => ({ ...t, id: i + 1, active: true }));
}

export async function evaluateCatalogue(catalogue: readonly CatalogueTopic[], set?: readonly LabelledRequest[]): Promise<Evaluation> {
  const suggest = routingSuggester(catalogue);
  return evaluateRouting(set ?? (await readLabelledSet()), suggest);
}
