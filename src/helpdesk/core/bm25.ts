/**
 * BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009; k1 = 1.2, b = 0.75)
 * over two fields, pure:
 * - questions: every question, 相似问法 and title is its own short entry; a knowledge item scores the best of its
 *   entries (a long list of variants does not dilute the one that fits);
 * - bodies: the answer or text of each item, one entry each, weighted lower (BODY_WEIGHT).
 * Query terms carry the weight of their kind (words, bigrams, synonyms, numbers: ./text.ts) and count once.
 * Posting lists per term keep a query at O(matching postings), so 10,000 items answer in a few milliseconds.
 *
 * Confidence: the share of the query's weighted IDF mass that the best item's best entry covers (0..1). Unlike the
 * raw score it does not grow with the length of the question, so one threshold serves short and long questions
 * (calibrated on the evaluation set, see ../README.md).
 */
import { termWeight } from './text.js';

export const BM25 = { k1: 1.2, b: 0.75 } as const;
export const BODY_WEIGHT = 0.45;

interface FieldIndex {
  /** term → [entry, tf, entry, tf …] */
  postings: Map<string, number[]>;
  lengths: Float64Array;
  owner: Int32Array;
  avgLength: number;
}

export interface SearchIndex {
  size: number;
  questions: FieldIndex;
  bodies: FieldIndex;
}

export interface IndexInput {
  /** Term lists of the item's questions (at least one). */
  questions: string[][];
  body: string[];
}

function buildField(entries: Array<{ owner: number; terms: string[] }>): FieldIndex {
  const postings = new Map<string, number[]>();
  const lengths = new Float64Array(entries.length);
  const owner = new Int32Array(entries.length);
  let total = 0;
  entries.forEach((e, i) => {
    owner[i] = e.owner;
    lengths[i] = e.terms.length;
    total += e.terms.length;
    const tf = new Map<string, number>();
    for (const t of e.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t);
      if (list) list.push(i, n);
      else postings.set(t, [i, n]);
    }
  });
  return { postings, lengths, owner, avgLength: entries.length ? total / entries.length : 1 };
}

/** Builds the index of items (item i of the input is result `item: i`). */
export function buildIndex(items: readonly IndexInput[]): SearchIndex {
  const q: Array<{ owner: number; terms: string[] }> = [];
  const b: Array<{ owner: number; terms: string[] }> = [];
  items.forEach((it, i) => {
    for (const terms of it.questions) q.push({ owner: i, terms });
    b.push({ owner: i, terms: it.body });
  });
  return { size: items.length, questions: buildField(q), bodies: buildField(b) };
}

function idf(f: FieldIndex, term: string): number {
  const n = f.lengths.length;
  const df = (f.postings.get(term)?.length ?? 0) / 2;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Per-entry scores of a field: entry → [score, covered IDF mass]. */
function scoreField(f: FieldIndex, terms: ReadonlyMap<string, number>): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (const [term, weight] of terms) {
    const list = f.postings.get(term);
    if (!list) continue;
    const w = idf(f, term) * weight;
    for (let k = 0; k < list.length; k += 2) {
      const e = list[k]!;
      const tf = list[k + 1]!;
      const norm = tf + BM25.k1 * (1 - BM25.b + (BM25.b * f.lengths[e]!) / f.avgLength);
      const s = (w * (tf * (BM25.k1 + 1))) / norm;
      const cur = out.get(e);
      if (cur) {
        cur[0] += s;
        cur[1] += w;
      } else out.set(e, [s, w]);
    }
  }
  return out;
}

export interface Hit {
  item: number;
  score: number;
  /** Share of the query's weighted IDF mass covered by the item's best question or its body (0..1). */
  coverage: number;
}

/** The query's distinct terms with their weights. */
export function queryTermWeights(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) if (!m.has(t)) m.set(t, termWeight(t));
  return m;
}

/** The best `limit` items for a query (its term list), best first; ties by item order. */
export function search(index: SearchIndex, queryTerms: readonly string[], limit = 5): Hit[] {
  const terms = queryTermWeights(queryTerms);
  if (!terms.size || !index.size) return [];
  // The question's mass leaves out bigrams no entry has (most straddle two words: 水报 of 用水报装), which would
  // otherwise weigh as the rarest terms; unknown words stay in (a question about something else stays uncovered).
  const massOf = (f: FieldIndex) => {
    let m = 0;
    for (const [t, w] of terms) if (!t.startsWith('b:') || f.postings.has(t)) m += idf(f, t) * w;
    return m;
  };
  const mass = massOf(index.questions);
  const best = new Map<number, { q: number; qCov: number; b: number; bCov: number }>();
  for (const [e, [s, cov]] of scoreField(index.questions, terms)) {
    const item = index.questions.owner[e]!;
    const cur = best.get(item);
    if (!cur) best.set(item, { q: s, qCov: cov, b: 0, bCov: 0 });
    else if (s > cur.q) {
      cur.q = s;
      cur.qCov = cov;
    }
  }
  const bodyMass = massOf(index.bodies);
  for (const [e, [s, cov]] of scoreField(index.bodies, terms)) {
    const item = index.bodies.owner[e]!;
    const cur = best.get(item);
    if (!cur) best.set(item, { q: 0, qCov: 0, b: s, bCov: cov });
    else {
      cur.b = s;
      cur.bCov = cov;
    }
  }
  const hits: Hit[] = [];
  for (const [item, x] of best) {
    const coverage = Math.max(mass > 0 ? x.qCov / mass : 0, bodyMass > 0 ? (x.bCov / bodyMass) * 0.8 : 0);
    hits.push({ item, score: x.q + BODY_WEIGHT * x.b, coverage: Math.min(1, coverage) });
  }
  hits.sort((a, b) => b.score - a.score || a.item - b.item);
  return hits.slice(0, limit);
}
