/**
 * The labelled evaluation set (src/helpdesk/eval/questions.jsonl) and its measures, pure. Each line after the header
 * is `{ id, split, q, expect }`: `expect` lists the keys that answer the question (any of them is right, and a policy
 * key covers its items), or is empty for a question the platform cannot answer (it must then not be confident).
 * `split` is 'tune' (ranking and threshold were tuned on these) or 'test' (held out, reported separately).
 */
import { keyAnswers, type Answering } from './knowledge.js';

export interface LabelledQuestion {
  id: number;
  split: 'tune' | 'test';
  q: string;
  expect: string[];
  /** What the question tries (释义, 缩写, 错字 …), for reading the misses. */
  note?: string;
}

export function parseLabelledSet(text: string): { set: LabelledQuestion[]; problems: string[] } {
  const set: LabelledQuestion[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || i === 0) return;
    try {
      const x = JSON.parse(line) as Partial<LabelledQuestion>;
      if (typeof x.id !== 'number' || (x.split !== 'tune' && x.split !== 'test') || typeof x.q !== 'string' || !Array.isArray(x.expect))
        problems.push(`line ${i + 1}: id, split, q and expect are required`);
      else set.push({ id: x.id, split: x.split, q: x.q, expect: x.expect.map(String), note: x.note });
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
    }
  });
  return { set, problems };
}

export interface EvalFigures {
  /** Answerable questions. */
  n: number;
  top1: number;
  top3: number;
  /** Of the answerable questions the platform was confident about, the share whose first answer was right. */
  confidentPrecision: number;
  /** Share of answerable questions answered confidently and right. */
  confidentRecall: number;
  /** Questions with no answer in the knowledge: share where the platform was (rightly) not confident. */
  unknownN: number;
  unknownRejected: number;
}

export interface EvalMiss {
  id: number;
  split: 'tune' | 'test';
  q: string;
  expect: string[];
  got: string[];
  confident: boolean;
}

export interface Evaluation {
  all: EvalFigures;
  tune: EvalFigures;
  test: EvalFigures;
  misses: EvalMiss[];
}

interface Row {
  l: LabelledQuestion;
  a: Answering;
}

function figures(rows: Row[]): EvalFigures {
  const known = rows.filter((r) => r.l.expect.length > 0);
  const unknown = rows.filter((r) => r.l.expect.length === 0);
  const right = (r: Row, k: number) => r.a.answers.slice(0, k).some((a) => r.l.expect.some((e) => keyAnswers(a.key, e)));
  const confident = known.filter((r) => r.a.confident);
  const share = (x: number, n: number) => (n ? Math.round((x / n) * 1000) / 1000 : 0);
  return {
    n: known.length,
    top1: share(known.filter((r) => right(r, 1)).length, known.length),
    top3: share(known.filter((r) => right(r, 3)).length, known.length),
    confidentPrecision: share(confident.filter((r) => right(r, 1)).length, confident.length),
    confidentRecall: share(confident.filter((r) => right(r, 1)).length, known.length),
    unknownN: unknown.length,
    unknownRejected: share(unknown.filter((r) => !r.a.confident).length, unknown.length),
  };
}

/** Runs every question through `answer` and measures top-1, top-3 and the confidence, overall and per split. */
export function evaluateAnswers(set: readonly LabelledQuestion[], answer: (q: string) => Answering): Evaluation {
  const rows: Row[] = set.map((l) => ({ l, a: answer(l.q) }));
  const misses = rows
    .filter((r) => (r.l.expect.length ? !r.a.answers.slice(0, 1).some((a) => r.l.expect.some((e) => keyAnswers(a.key, e))) : r.a.confident))
    .map((r) => ({ id: r.l.id, split: r.l.split, q: r.l.q, expect: r.l.expect, got: r.a.answers.map((a) => a.key), confident: r.a.confident }));
  return {
    all: figures(rows),
    tune: figures(rows.filter((r) => r.l.split === 'tune')),
    test: figures(rows.filter((r) => r.l.split === 'test')),
    misses,
  };
}
