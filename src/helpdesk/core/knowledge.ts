/**
 * The knowledge the helpdesk answers from, and answering, pure. Items come from the office's FAQ and, indexed
 * automatically, from the plan's measures, the policy library, the request categories and their time limits, and the
 * public figures (../sources.ts reads them through the owners' exported functions). Each item has a stable key
 * (`faq:D006`, `measure:6`, `policy:渝中演示〔2025〕2号:研发投入补助`, `request:投诉举报`, `figure:water-connection`) that
 * the evaluation set refers to.
 */
import { buildIndex, search, type SearchIndex } from './bm25.js';
import { synonymMatcher, type SynonymGroup } from './synonyms.js';
import { bestSentences, textTerms, type Cut, type SynonymMatcher } from './text.js';

export const KNOWLEDGE_KINDS = ['faq', 'measure', 'policy', 'request', 'figure', 'calendar'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];
export const KIND_LABELS: Record<KnowledgeKind, string> = {
  faq: '常见问题',
  measure: '实施方案',
  policy: '惠企政策',
  request: '诉求办理时限',
  figure: '公开数据',
  calendar: '工作日计算',
};

export interface KnowledgeSource {
  /** What a person reads: 渝中府办〔2021〕16号 第6条 / 惠企政策 …. */
  label: string;
  document: string | null;
  article: string | null;
  /** A page of the platform (/plan/1/measures/6) or null. */
  link: string | null;
}

export interface KnowledgeItem {
  key: string;
  kind: KnowledgeKind;
  /** The question (FAQ) or the title (measure, policy item …). */
  title: string;
  /** 相似问法 and other titles the item answers to. */
  variants: string[];
  /** The answer (FAQ) or the text the answer is taken from. */
  text: string;
  /** A long text is answered with its best sentences; an FAQ answer is shown whole. */
  excerpt: boolean;
  source: KnowledgeSource;
  /** What to do next (the policy calculator for "我能享受…", the request form …). */
  followUp: { label: string; link: string } | null;
  unitName: string | null;
  isDemo: boolean;
}

export interface Knowledge {
  items: KnowledgeItem[];
  index: SearchIndex;
  synonyms: SynonymMatcher;
  cut: Cut;
}

/** Indexes the items (questions: title and variants; body: the text) with the synonym groups. */
export function buildKnowledge(items: readonly KnowledgeItem[], groups: readonly SynonymGroup[], cut: Cut): Knowledge {
  const synonyms = synonymMatcher(groups);
  const index = buildIndex(
    items.map((it) => ({
      questions: [it.title, ...it.variants].map((q) => textTerms(q, cut, synonyms)),
      body: textTerms(it.text, cut, synonyms),
    })),
  );
  return { items: [...items], index, synonyms, cut };
}

/**
 * Confidence threshold on coverage (share of the question's weighted IDF mass the best answer covers), calibrated on
 * the evaluation set's tuning half (src/helpdesk/README.md): at or above it, the top answer was right in 97 % of
 * tuning questions; below it the platform says it is not sure and offers 转人工.
 */
export const CONFIDENT_COVERAGE = 0.55;
/** Answers shown. */
export const MAX_ANSWERS = 3;
/** An answer after the first is shown only when it covers at least this share of the question (no padding with noise). */
export const MIN_FURTHER_COVERAGE = 0.15;

export interface Answer {
  key: string;
  kind: KnowledgeKind;
  kindLabel: string;
  title: string;
  text: string;
  score: number;
  coverage: number;
  source: KnowledgeSource;
  followUp: { label: string; link: string } | null;
  unitName: string | null;
  isDemo: boolean;
}

export interface Answering {
  answers: Answer[];
  confident: boolean;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** The best answers to a question, and whether the platform is confident in the first. */
export function answerQuestion(k: Knowledge, question: string, limit = MAX_ANSWERS): Answering {
  const terms = textTerms(question, k.cut, k.synonyms);
  const termSet = new Set(terms);
  const hits = search(k.index, terms, limit).filter((h, i) => i === 0 || h.coverage >= MIN_FURTHER_COVERAGE);
  const answers = hits.map((h): Answer => {
    const it = k.items[h.item]!;
    return {
      key: it.key,
      kind: it.kind,
      kindLabel: KIND_LABELS[it.kind],
      title: it.title,
      text: it.excerpt ? bestSentences(it.text, termSet, k.cut, k.synonyms) : it.text,
      score: round(h.score),
      coverage: round(h.coverage),
      source: it.source,
      followUp: it.followUp,
      unitName: it.unitName,
      isDemo: it.isDemo,
    };
  });
  return { answers, confident: answers.length > 0 && answers[0]!.coverage >= CONFIDENT_COVERAGE };
}

/** Whether an answer key answers a label: the same key, or an item under it (policy:X labels policy:X:item). */
export function keyAnswers(key: string, label: string): boolean {
  return key === label || key.startsWith(`${label}:`);
}
