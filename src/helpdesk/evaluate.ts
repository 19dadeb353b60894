/**
 * Measuring the helpdesk (`bizenv helpdesk eval`, the accuracy test): the labelled set in eval/questions.jsonl against
 * either the demo knowledge built without a database (the sample plan file, the demo FAQ and policies, the default
 * request limits: what `bizenv demo` stores) or the index of a database (the office's FAQ and synonyms as they are).
 * A label `measure:N` also accepts the indicators of measure N (they state the same promise). The keyword baseline is
 * a plain LIKE: the items containing the most of the question's words (jieba), as a SQL `ILIKE '%word%'` would find.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { officialCalendar } from '../calendar/index.js';
import { answer } from './ask.js';
import {
  buildKnowledge,
  evaluateAnswers,
  KIND_LABELS,
  parseLabelledSet,
  SEED_SYNONYMS,
  type Answering,
  type Evaluation,
  type Knowledge,
  type KnowledgeItem,
  type LabelledQuestion,
} from './core/index.js';
import { cut } from './segment.js';
import { demoKnowledgeItems } from './sources.js';

export const EVAL_SET = fileURLToPath(new URL('./eval/questions.jsonl', import.meta.url));
export const SAMPLE_PLAN = fileURLToPath(new URL('../../samples/plans/yuzhong-2021-business-environment-plan.txt', import.meta.url));
/** The evaluation's "today": inside the sample plan's year, so dates without a year are 2021's. */
export const EVAL_TODAY = '2021-09-01';

export async function readLabelledSet(file = EVAL_SET): Promise<LabelledQuestion[]> {
  const { set, problems } = parseLabelledSet(await readFile(file, 'utf8'));
  if (problems.length) throw new Error(`${file}: ${problems.slice(0, 5).join('; ')}`);
  return set;
}

/** The demo knowledge (no database): what `bizenv demo` gives the helpdesk, with the seed synonyms. */
export async function demoKnowledge(planFile = SAMPLE_PLAN): Promise<Knowledge> {
  return buildKnowledge(
    await demoKnowledgeItems(planFile),
    SEED_SYNONYMS.map((words) => ({ words })),
    cut,
  );
}

/** Labels with the indicators of each labelled measure added. */
export function expandLabels(set: readonly LabelledQuestion[], items: readonly KnowledgeItem[]): LabelledQuestion[] {
  const figuresOf = new Map<string, string[]>();
  for (const it of items)
    if (it.kind === 'figure' && it.source.article) {
      const key = `measure:${it.source.article.replace(/\D/g, '')}`;
      figuresOf.set(key, [...(figuresOf.get(key) ?? []), it.key]);
    }
  return set.map((l) => ({ ...l, expect: [...new Set(l.expect.flatMap((e) => [e, ...(figuresOf.get(e) ?? [])]))] }));
}

/** The plain keyword baseline: items ranked by how many of the question's words they contain (LIKE '%word%'). */
export function likeBaseline(k: Knowledge): (q: string) => Answering {
  const texts = k.items.map((it) => [it.title, ...it.variants, it.text].join(' ').toLowerCase());
  return (q) => {
    const words = [...new Set(k.cut(q.toLowerCase()).filter((w) => /[\p{L}\p{N}]/u.test(w)))];
    const scored = texts
      .map((t, i) => ({ i, n: words.filter((w) => t.includes(w)).length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .slice(0, 3);
    return {
      confident: scored.length > 0 && scored[0]!.n === words.length,
      answers: scored.map((x) => {
        const it = k.items[x.i]!;
        return {
          key: it.key,
          kind: it.kind,
          kindLabel: KIND_LABELS[it.kind],
          title: it.title,
          text: it.text,
          score: x.n,
          coverage: words.length ? x.n / words.length : 0,
          source: it.source,
          followUp: it.followUp,
          unitName: it.unitName,
          isDemo: it.isDemo,
        };
      }),
    };
  };
}

export interface HelpdeskEvaluation {
  ranked: Evaluation;
  baseline: Evaluation;
}

/** The set against an index: the ranking and the LIKE baseline. */
export async function evaluateKnowledge(k: Knowledge, set?: readonly LabelledQuestion[]): Promise<HelpdeskEvaluation> {
  const labelled = expandLabels(set ?? (await readLabelledSet()), k.items);
  return {
    ranked: evaluateAnswers(labelled, (q) => answer(k, officialCalendar, q, EVAL_TODAY)),
    baseline: evaluateAnswers(labelled, likeBaseline(k)),
  };
}
