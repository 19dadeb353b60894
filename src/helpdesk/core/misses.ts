/**
 * Misses (questions the platform was not sure of, or that the asker rated 👎) grouped by similarity, so the office
 * sees "what people ask that we cannot answer" with counts and turns a group into one FAQ entry.
 *
 * Method (simple and explainable): each question's terms are the answering core's terms (`textTerms`: jieba words,
 * character bigrams, synonym groups, numbers) as a set, each weighted as in the ranking (`termWeight`). Two questions
 * are similar when the weighted Jaccard overlap of their term sets (weight of the shared terms / weight of all their
 * terms) is at least `MISS_SIMILARITY`. Greedy leader clustering: the questions are taken most frequent text first
 * (then newest); each joins the first group whose leader (its first question) is similar enough, or starts a group.
 * One pass, O(questions × groups); deterministic for a given input.
 */
import { termWeight } from './text.js';

export const MISS_SIMILARITY = 0.45;
/** Distinct wordings listed per group (and offered as 相似问法). */
export const MISS_WORDINGS = 20;

export interface MissQuestion {
  id: number;
  question: string;
  /** Not confident when asked. */
  unanswered: boolean;
  /** Rated 👎. */
  down: boolean;
  askedAt: Date;
  /** Seeded by `bizenv demo` (invented). */
  demo?: boolean;
}

export interface MissGroup {
  /** The leader's wording (the most asked, then newest). */
  question: string;
  count: number;
  unanswered: number;
  down: number;
  /** How many of its questions are demo data (the page labels the group 演示). */
  demo: number;
  lastAskedAt: Date;
  /** Distinct wordings with how often each was asked, most asked first (at most MISS_WORDINGS). */
  wordings: Array<{ text: string; count: number }>;
  /** Every logged question of the group (the FAQ made from it resolves them all). */
  questionIds: number[];
}

/** Weighted Jaccard overlap of two term sets (0–1). */
export function termOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  let all = 0;
  for (const t of a) {
    const w = termWeight(t);
    all += w;
    if (b.has(t)) shared += w;
  }
  for (const t of b) if (!a.has(t)) all += termWeight(t);
  return all === 0 ? 0 : shared / all;
}

const wordingKey = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\p{P}]+/gu, '')
    .toLowerCase();

/** Groups misses by similarity (see the module comment); groups most asked first. */
export function groupMisses(misses: readonly MissQuestion[], terms: (text: string) => string[], threshold = MISS_SIMILARITY): MissGroup[] {
  // Same wording (ignoring spaces and punctuation) → one entry with its questions.
  const byText = new Map<string, { text: string; items: MissQuestion[] }>();
  for (const m of misses) {
    const k = wordingKey(m.question);
    const e = byText.get(k);
    if (e) e.items.push(m);
    else byText.set(k, { text: m.question.trim(), items: [m] });
  }
  const latest = (items: MissQuestion[]) => Math.max(...items.map((i) => i.askedAt.getTime()));
  const texts = [...byText.values()].sort((a, b) => b.items.length - a.items.length || latest(b.items) - latest(a.items) || (a.text < b.text ? -1 : 1));
  const groups: Array<{ lead: Set<string>; texts: typeof texts }> = [];
  for (const t of texts) {
    const set = new Set(terms(t.text));
    const g = groups.find((x) => termOverlap(x.lead, set) >= threshold);
    if (g) g.texts.push(t);
    else groups.push({ lead: set, texts: [t] });
  }
  return groups
    .map((g) => {
      const items = g.texts.flatMap((t) => t.items);
      return {
        question: g.texts[0]!.text,
        count: items.length,
        unanswered: items.filter((i) => i.unanswered).length,
        down: items.filter((i) => i.down).length,
        demo: items.filter((i) => i.demo).length,
        lastAskedAt: new Date(latest(items)),
        wordings: g.texts.slice(0, MISS_WORDINGS).map((t) => ({ text: t.text, count: t.items.length })),
        questionIds: items.map((i) => i.id).sort((a, b) => a - b),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAskedAt.getTime() - a.lastAskedAt.getTime());
}
