/**
 * Reads the knowledge from its owners, through their exported read functions only (no other capability's tables):
 * the office's FAQ (ours), the plan's measures (`findPlan`, `listMeasures`), the published policies
 * (`searchPolicies`, `getPolicy`), the request categories' limits (`requestLimits`), the indicators' targets
 * (`currentDefinitions`). Also the same items built without a database from the sample plan file and the demo
 * content, for the evaluation set's test and the benchmark.
 */
import type { Kysely } from 'kysely';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { BUILTIN_DEFINITIONS, currentDefinitions, targetText, type IndicatorDefinition } from '../indicators/index.js';
import { findPlan, listMeasures, parsePlanFile, type ParsedPlan } from '../plan/index.js';
import { DEMO_POLICIES, getPolicy, searchPolicies } from '../policies/index.js';
import { DEFAULT_LIMITS, REQUEST_CATEGORIES, requestLimits } from '../requests/index.js';
import {
  faqInForce,
  faqItem,
  figureItem,
  measureItem,
  policyItems,
  requestCategoryItem,
  SEED_SYNONYMS,
  type KnowledgeItem,
  type PolicyInput,
} from './core/index.js';
import { DEMO_FAQ } from './demo-faq.js';
import { listFaq, listSynonyms } from './faq-store.js';

type Db = Kysely<Database>;

function figureItems(defs: readonly IndicatorDefinition[], planId: number, docNumber: string): KnowledgeItem[] {
  return defs.map((d) => figureItem({ code: d.code, name: d.name, measure: d.plan.measure, metric: d.plan.metric, target: targetText(d), docNumber, planId }));
}

const categoryItems = (limits: Record<string, { signDays: number; answerDays: number }>) =>
  REQUEST_CATEGORIES.map((c) => requestCategoryItem({ category: c, signDays: limits[c]!.signDays, answerDays: limits[c]!.answerDays }));

/** The automatically indexed part (plan, policies, request limits, figures), from the database. */
export async function platformItems(db: Db): Promise<KnowledgeItem[]> {
  const out: KnowledgeItem[] = [];
  const plan = await findPlan(db);
  if (plan) {
    for (const m of await listMeasures(db, plan.id))
      out.push(
        measureItem({
          planId: plan.id,
          docNumber: plan.doc_number,
          planTitle: plan.title,
          number: m.number,
          title: m.title,
          text: m.text,
          leadUnits: m.leadUnits.map((u) => u.name),
          deadlines: m.deadlines.map((d) => d.text),
          targets: m.targets.map((t) => ({ metric: t.metric, text: t.text })),
        }),
      );
    out.push(...figureItems(await currentDefinitions(db), plan.id, plan.doc_number));
  }
  const hits = await searchPolicies(db, { status: 'published', validOn: chinaToday(), limit: 500 });
  for (const h of hits.items) {
    const p = await getPolicy(db, h.id);
    out.push(
      ...policyItems({
        id: p.id,
        title: p.title,
        docNumber: p.docNumber,
        issuer: p.issuer,
        topics: p.topics,
        interpretation: p.interpretation,
        isDemo: p.isDemo,
        items: p.items.map((i) => ({ name: i.name, amountText: i.amountText, description: i.description })),
      }),
    );
  }
  out.push(...categoryItems(await requestLimits(db)));
  return out;
}

/** The office's FAQ entries in force today. */
export async function faqItems(db: Db, today = chinaToday()): Promise<KnowledgeItem[]> {
  return (await listFaq(db)).filter((f) => faqInForce(f, today)).map((f) => faqItem(f));
}

/** The synonym groups (the seed list until the office has stored any). */
export async function synonymGroups(db: Db): Promise<Array<{ words: string[] }>> {
  const stored = await listSynonyms(db);
  return stored.length ? stored.map((s) => ({ words: s.words })) : SEED_SYNONYMS.map((words) => ({ words }));
}

// ---------------------------------------------------------------- without a database (evaluation, benchmark)

const DEMO_PLAN_ID = 1;

function measuresOfParsed(plan: ParsedPlan): KnowledgeItem[] {
  return plan.sections.flatMap((s) =>
    s.subsections.flatMap((ss) =>
      ss.measures.map((m) =>
        measureItem({
          planId: DEMO_PLAN_ID,
          docNumber: plan.docNumber ?? '实施方案',
          planTitle: plan.title,
          number: m.number,
          title: m.title,
          text: m.text,
          leadUnits: m.leadUnits.length ? m.leadUnits : ss.leadUnits,
          deadlines: m.deadlines.map((d) => d.text),
          targets: m.targets.map((t) => ({ metric: t.metric, text: t.text })),
        }),
      ),
    ),
  );
}

const demoPolicyInputs = (): PolicyInput[] =>
  DEMO_POLICIES.map((p, i) => ({
    id: i + 1,
    title: p.title,
    docNumber: p.docNumber,
    issuer: p.issuer,
    topics: p.topics,
    interpretation: p.interpretation,
    isDemo: true,
    items: p.items.map((it) => ({ name: it.name, amountText: it.amountText, description: it.description })),
  }));

/** Every item `bizenv demo` gives the helpdesk, built from the plan file and the demo content (no database). */
export async function demoKnowledgeItems(planFile: string): Promise<KnowledgeItem[]> {
  const plan = await parsePlanFile(planFile);
  return [
    ...DEMO_FAQ.map((f) => faqItem({ ...f, isDemo: f.code.startsWith('D') })),
    ...measuresOfParsed(plan),
    ...figureItems(BUILTIN_DEFINITIONS, DEMO_PLAN_ID, plan.docNumber ?? '实施方案'),
    ...demoPolicyInputs().flatMap(policyItems),
    ...categoryItems(DEFAULT_LIMITS),
  ];
}
