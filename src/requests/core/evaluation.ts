/**
 * Accuracy of the routing suggestion on a labelled set (eval/requests.jsonl): top-1 and top-3 topic accuracy, unit
 * accuracy of the first suggestion, and the misses (the material to improve the keywords). Pure: the suggester is
 * passed in.
 */
import type { RouteSuggestion } from './routing.js';

export interface LabelledRequest {
  id: number;
  split: 'tune' | 'test';
  subject: string;
  description: string;
  topic: string;
  unit: string;
}

export interface Miss {
  id: number;
  subject: string;
  expected: string;
  expectedUnit: string;
  got: Array<{ topic: string; unit: string | null; score: number }>;
  /** The right topic was in the top 3. */
  inTop3: boolean;
  /** The topic was right but the unit was not. */
  unitOnly: boolean;
}

export interface Accuracy {
  n: number;
  top1: number;
  top3: number;
  unit1: number;
  /** Requests with no suggestion at all (no keyword matched). */
  none: number;
}

export interface Evaluation {
  all: Accuracy;
  tune: Accuracy;
  test: Accuracy;
  misses: Miss[];
}

const ratio = (a: number, n: number) => (n ? Math.round((a / n) * 1000) / 1000 : 0);

export function evaluateRouting(set: readonly LabelledRequest[], suggest: (subject: string, description: string) => RouteSuggestion[]): Evaluation {
  const misses: Miss[] = [];
  const counts = { all: [0, 0, 0, 0, 0], tune: [0, 0, 0, 0, 0], test: [0, 0, 0, 0, 0] };
  for (const r of set) {
    const got = suggest(r.subject, r.description);
    const top1 = got[0]?.topicName === r.topic;
    const top3 = got.some((g) => g.topicName === r.topic);
    const unit1 = got[0]?.unitName === r.unit;
    for (const c of [counts.all, counts[r.split]]) {
      c[0]!++;
      if (top1) c[1]!++;
      if (top3) c[2]!++;
      if (unit1) c[3]!++;
      if (!got.length) c[4]!++;
    }
    if (!top1 || !unit1)
      misses.push({
        id: r.id,
        subject: r.subject,
        expected: r.topic,
        expectedUnit: r.unit,
        got: got.map((g) => ({ topic: g.topicName, unit: g.unitName, score: g.score })),
        inTop3: top3,
        unitOnly: top1 && !unit1,
      });
  }
  const acc = (c: number[]): Accuracy => ({ n: c[0]!, top1: ratio(c[1]!, c[0]!), top3: ratio(c[2]!, c[0]!), unit1: ratio(c[3]!, c[0]!), none: c[4]! });
  return { all: acc(counts.all), tune: acc(counts.tune), test: acc(counts.test), misses };
}

/** Parses the JSONL set (a first line with `header` is skipped); problems name the line. */
export function parseLabelledSet(text: string): { set: LabelledRequest[]; problems: string[] } {
  const set: LabelledRequest[] = [];
  const problems: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      continue;
    }
    if (typeof o !== 'object' || o === null) {
      problems.push(`line ${i + 1}: not an object`);
      continue;
    }
    if (Object.hasOwn(o, 'header')) continue;
    const r = o as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' && (r[k] as string).trim() ? (r[k] as string) : null);
    const subject = str('subject');
    const description = str('description');
    const topic = str('topic');
    const unit = str('unit');
    if (typeof r.id !== 'number' || !subject || !description || !topic || !unit || (r.split !== 'tune' && r.split !== 'test')) {
      problems.push(`line ${i + 1}: needs id, split (tune|test), subject, description, topic, unit`);
      continue;
    }
    set.push({ id: r.id, split: r.split, subject, description, topic, unit });
  }
  return { set, problems };
}
