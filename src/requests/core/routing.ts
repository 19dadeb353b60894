/**
 * Routing suggestion (派单建议), pure: which topic of the office's 派单目录 a request is about and which unit handles it,
 * from its subject and description, with the reasons (the matched keywords and their weights). No segmenter here (the
 * web imports this core): texts and keywords come in already segmented (see ./suggest.ts, which uses the project's one
 * jieba segmenter from src/policies/core).
 *
 * The topic (事项类别, what the request is about: 融资, 政府采购 …) and the kind (诉求类型 咨询/求决/投诉举报/建议, what the
 * enterprise wants) are two axes: the kind sets the default time limit, the topic the unit (and, for 求决 and 投诉举报,
 * may override the answer limit). See README.md, "派单目录".
 *
 * Scoring: a keyword matches when it covers whole words of the segmented text or lies inside one word (`occurs`). Each matched keyword adds its weight once, twice if
 * it is in the subject (the subject states the matter; descriptions wander). Negative weights count against a topic.
 * Topics are ranked by score (ties: catalogue order); the top 3 with a positive score are suggested. Within the topic,
 * the unit is the one whose own keywords score highest (ties and no match: the topic's first unit).
 */

export interface Keyword {
  word: string;
  weight: number;
}

export interface CatalogueUnit {
  unitId: number;
  unitName: string;
  /** Words that pick this unit among the topic's units (e.g. 供电 → 区经济信息委 within 水电气报装). */
  keywords: Keyword[];
}

export interface CatalogueTopic {
  id: number;
  name: string;
  /** Answer limit in working days for 求决 and 投诉举报 requests of this topic (null: the kind's limit). */
  answerDays: number | null;
  keywords: Keyword[];
  /** The responsible units, the default first. */
  units: CatalogueUnit[];
  active: boolean;
}

/** A text cut into words (precise mode, lower-cased, punctuation dropped). */
export interface SegmentedText {
  /** The words, in order. */
  words: string[];
  /** The words joined. */
  text: string;
  /** For each character of `text`, the index of its word. */
  wordAt: Int32Array;
}

/** Builds the lookup of a cut text. */
export function segmented(words: string[]): SegmentedText {
  const text = words.join('');
  const wordAt = new Int32Array(text.length);
  let at = 0;
  words.forEach((w, i) => {
    wordAt.fill(i, at, at + w.length);
    at += w.length;
  });
  return { words, text, wordAt };
}

export const normalizeWord = (w: string) =>
  w
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

interface PreparedKeyword extends Keyword {
  key: string;
}
export interface PreparedTopic extends Omit<CatalogueTopic, 'keywords' | 'units'> {
  keywords: PreparedKeyword[];
  units: Array<Omit<CatalogueUnit, 'keywords'> & { keywords: PreparedKeyword[] }>;
}

export interface Reason {
  word: string;
  weight: number;
  /** Found in the subject (counted twice). */
  inSubject: boolean;
}

export interface RouteSuggestion {
  topicId: number;
  topicName: string;
  score: number;
  reasons: Reason[];
  unitId: number | null;
  unitName: string | null;
  unitReasons: Reason[];
}

export const KEYWORD_WEIGHT = { min: -5, max: 10 } as const;
export const MAX_KEYWORDS = 80;
export const MAX_TOPIC_UNITS = 5;
export const ANSWER_DAYS = { min: 1, max: 60 } as const;
/** Kinds whose answer limit a topic may override: the ones that ask for something to be done. */
export const OVERRIDABLE_CATEGORIES = ['求决', '投诉举报'] as const;

/** Normalises the catalogue's keywords once and drops inactive topics (the suggestion runs per request). */
export function prepareCatalogue(topics: readonly CatalogueTopic[]): PreparedTopic[] {
  const prep = (ks: Keyword[]): PreparedKeyword[] => ks.map((k) => ({ ...k, key: normalizeWord(k.word) })).filter((k) => k.key !== '');
  return topics.filter((t) => t.active).map((t) => ({ ...t, keywords: prep(t.keywords), units: t.units.map((u) => ({ ...u, keywords: prep(u.keywords) })) }));
}

/**
 * A keyword occurs in a segmented text when it covers whole words (政府采购 = 政府 + 采购) or lies inside one word (采购
 * in 政府采购, 施工许可 in 施工许可证); never when it straddles a word boundary (用工 is not in 采用/工艺).
 */
export function occurs(key: string, t: SegmentedText): boolean {
  for (let i = t.text.indexOf(key); i >= 0; i = t.text.indexOf(key, i + 1)) {
    const end = i + key.length;
    const first = t.wordAt[i]!;
    const last = t.wordAt[end - 1]!;
    if (first === last) return true;
    const startsWord = i === 0 || t.wordAt[i - 1] !== first;
    const endsWord = end === t.text.length || t.wordAt[end] !== last;
    if (startsWord && endsWord) return true;
  }
  return false;
}

function match(keywords: PreparedKeyword[], subject: SegmentedText, description: SegmentedText): { score: number; reasons: Reason[] } {
  let score = 0;
  const reasons: Reason[] = [];
  for (const k of keywords) {
    const inSubject = occurs(k.key, subject);
    if (!inSubject && !occurs(k.key, description)) continue;
    score += k.weight * (inSubject ? 2 : 1);
    reasons.push({ word: k.word, weight: k.weight, inSubject });
  }
  reasons.sort((a, b) => Math.abs(b.weight) * (b.inSubject ? 2 : 1) - Math.abs(a.weight) * (a.inSubject ? 2 : 1));
  return { score, reasons };
}

/** The top `n` topics (score > 0) with their unit and the reasons. */
export function suggestRoutes(catalogue: readonly PreparedTopic[], subject: SegmentedText, description: SegmentedText, n = 3): RouteSuggestion[] {
  const scored: RouteSuggestion[] = [];
  catalogue.forEach((t) => {
    const { score, reasons } = match(t.keywords, subject, description);
    if (score <= 0) return;
    let best: { unit: PreparedTopic['units'][number]; score: number; reasons: Reason[] } | null = null;
    for (const u of t.units) {
      const m = match(u.keywords, subject, description);
      if (!best || m.score > best.score) best = { unit: u, ...m };
    }
    scored.push({
      topicId: t.id,
      topicName: t.name,
      score,
      reasons,
      unitId: best?.unit.unitId ?? null,
      unitName: best?.unit.unitName ?? null,
      unitReasons: best && best.score > 0 ? best.reasons.filter((r) => r.weight > 0) : [],
    });
  });
  // Stable sort keeps catalogue order among equal scores.
  return scored.sort((a, b) => b.score - a.score).slice(0, n);
}

/** Problems of a topic the office saves, in Chinese, naming the field. */
export function topicProblems(t: {
  name: string;
  answerDays: number | null;
  keywords: Keyword[];
  units: Array<{ unitId: number; keywords: Keyword[] }>;
}): { field: string; message: string }[] {
  const p: { field: string; message: string }[] = [];
  if (!t.name.trim()) p.push({ field: 'name', message: '请填写事项类别名称' });
  if (t.answerDays !== null && (!Number.isInteger(t.answerDays) || t.answerDays < ANSWER_DAYS.min || t.answerDays > ANSWER_DAYS.max))
    p.push({ field: 'answerDays', message: `答复时限应为 ${ANSWER_DAYS.min}–${ANSWER_DAYS.max} 个工作日，或留空（按诉求类型的时限）` });
  if (!t.units.length) p.push({ field: 'units', message: '请至少选择一个承办单位' });
  if (t.units.length > MAX_TOPIC_UNITS) p.push({ field: 'units', message: `承办单位最多 ${MAX_TOPIC_UNITS} 个` });
  const ids = t.units.map((u) => u.unitId);
  if (new Set(ids).size !== ids.length) p.push({ field: 'units', message: '承办单位重复' });
  const check = (ks: Keyword[], field: string) => {
    const seen = new Set<string>();
    for (const k of ks) {
      const w = k.word.trim();
      if (!w) p.push({ field, message: '关键词不能为空' });
      else if (seen.has(w)) p.push({ field, message: `关键词“${w}”重复` });
      seen.add(w);
      if (!Number.isInteger(k.weight) || k.weight === 0 || k.weight < KEYWORD_WEIGHT.min || k.weight > KEYWORD_WEIGHT.max)
        p.push({ field, message: `关键词“${w}”的权重应为 ${KEYWORD_WEIGHT.min}–${KEYWORD_WEIGHT.max} 之间的非零整数` });
    }
    if (ks.length > MAX_KEYWORDS) p.push({ field, message: `关键词最多 ${MAX_KEYWORDS} 个` });
  };
  check(t.keywords, 'keywords');
  if (!t.keywords.some((k) => k.weight > 0)) p.push({ field: 'keywords', message: '请至少填写一个正权重的关键词' });
  t.units.forEach((u, i) => {
    check(u.keywords, `units[${i}].keywords`);
  });
  return p;
}

/** The answer limit of a request: the topic's override for 求决 and 投诉举报, else the kind's. */
export function answerDaysFor(category: string, kindDays: number, topicDays: number | null): number {
  return topicDays !== null && (OVERRIDABLE_CATEGORIES as readonly string[]).includes(category) ? topicDays : kindDays;
}

/** Keywords as the office types them: `融资 5, 贷款 3, 投标 -2` (a word without a weight gets 3). */
export function parseKeywords(text: string): { keywords: Keyword[]; problems: string[] } {
  const keywords: Keyword[] = [];
  const problems: string[] = [];
  for (const part of text.split(/[,，;；\n、]+/)) {
    const s = part.trim();
    if (!s) continue;
    const m = /^(.+?)\s*(?:[:：\s]\s*([+-]?\d+))?$/.exec(s);
    if (!m) {
      problems.push(`无法识别“${s}”`);
      continue;
    }
    keywords.push({ word: m[1]!.trim(), weight: m[2] === undefined ? 3 : Number(m[2]) });
  }
  return { keywords, problems };
}

/** The inverse of parseKeywords. */
export function formatKeywords(ks: readonly Keyword[]): string {
  return ks.map((k) => `${k.word} ${k.weight}`).join('，');
}
