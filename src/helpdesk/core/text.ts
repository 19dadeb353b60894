/**
 * Text of questions and knowledge, pure: normalisation (full-width → half-width, lower case, Chinese numerals before a
 * counting word → digits), the terms a text is indexed and asked with, and the best sentences of a long text. No
 * segmenter here (the web may import this core): the words come from an injected `cut` (src/helpdesk/segment.ts uses
 * the project's one jieba segmenter, src/policies/core).
 *
 * Terms of a text (each with a weight, see TERM_WEIGHTS):
 * - `w:` words (jieba precise mode, stop words dropped);
 * - `b:` character bigrams of every run of Chinese characters: a typo (报装/包装) or a word cut differently by the
 *   segmenter still shares most bigrams with the right text;
 * - `s:` synonym groups (./synonyms.ts): every group one of whose words occurs in the text, so 开公司 and 企业设立登记
 *   meet on the same term (a word of a group gives only the group's term, not also its own `w:`);
 * - `n:` numbers exactly, with their counting word when there is one (9个工作日 → n:9, n:9工作日): numbers are
 *   matched exactly, never as parts of other numbers (19 is not 9).
 */

export type Cut = (text: string) => string[];

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral up to 99 (五, 十五, 二十, 三十一) as a number; undefined when it is not one. */
export function chineseNumber(s: string): number | undefined {
  if (!s || !/^[零〇一二两三四五六七八九十]+$/u.test(s)) return undefined;
  if (!s.includes('十')) return s.length === 1 ? CN_DIGIT[s] : undefined;
  const [tens, ones] = s.split('十') as [string, string];
  if (ones.length > 1 || tens.length > 1) return undefined;
  const t = tens === '' ? 1 : CN_DIGIT[tens];
  const o = ones === '' ? 0 : CN_DIGIT[ones];
  return t === undefined || o === undefined ? undefined : t * 10 + o;
}

/** Counting words after which a Chinese numeral is a quantity (五个工作日, 三十天, 十月一日). */
const COUNTERS = '(?:个|天|日|号|月|年|周|小时|工作日|次|项|户|家|人|万|元|岁)';
const CN_NUMERAL_BEFORE_COUNTER = new RegExp(`([零〇一二两三四五六七八九十]{1,3})(?=${COUNTERS})`, 'gu');

/** Normalised text: NFKC (全角 → 半角), lower case, Chinese numerals before a counting word as digits, spaces collapsed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(CN_NUMERAL_BEFORE_COUNTER, (m) => {
      const n = chineseNumber(m);
      return n === undefined ? m : String(n);
    })
    .replace(/\s+/g, ' ')
    .trim();
}

const STOP = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '么',
  '嘛',
  '和',
  '与',
  '及',
  '在',
  '对',
  '为',
  '是',
  '或',
  '等',
  '将',
  '并',
  '由',
  '于',
  '之',
  '其',
  '以',
  '按',
  '我',
  '我们',
  '你',
  '你们',
  '请问',
  '问',
  '一下',
  '想',
  '想问',
  '要',
  '怎么',
  '怎么办',
  '怎样',
  '如何',
  '什么',
  '哪些',
  '哪里',
  '可以',
  '能',
  '能不能',
  '有',
  '有没有',
  '吗',
  '多少',
  '几',
  '个',
  '这个',
  '那个',
  '就',
  '都',
  '也',
  '还',
  '该',
  '需要',
  '我司',
  '公司',
  '企业',
  '咨询',
  '办理',
]);
// Note: 公司/企业/办理 are so frequent in this domain that they only add noise as words; their bigrams still count.

/** Term weights (query side): words and synonyms carry the meaning, bigrams are the safety net, numbers are exact. */
export const TERM_WEIGHTS = { w: 1, b: 0.35, s: 1.2, n: 1.5 } as const;
export type TermKind = keyof typeof TERM_WEIGHTS;

const HAN_RUN = /\p{Script=Han}+/gu;
const NUMBER_WITH_UNIT = /(\d+(?:\.\d+)?)\s*(?:个)?(工作日|小时|千伏|万元|元|%|天|日|月|年|户|家|项|人|次)?/gu;

export interface SynonymMatcher {
  /** The synonym groups one of whose words occurs in a normalised text. */
  groupsIn(text: string): number[];
  /** Whether a (normalised) word is a word of some group: its group's term stands for it. */
  isMember(word: string): boolean;
}

/** The terms of a text (with repetitions: term frequency counts). */
export function textTerms(text: string, cut: Cut, synonyms?: SynonymMatcher): string[] {
  const t = normalizeText(text);
  const out: string[] = [];
  for (const raw of cut(t)) {
    const w = raw.replace(/[^\p{L}\p{N}%]+/gu, '');
    if (!w || STOP.has(w) || /^\d/.test(w) || synonyms?.isMember(w)) continue;
    out.push(`w:${w}`);
  }
  for (const run of t.match(HAN_RUN) ?? []) {
    if (run.length === 1) {
      if (!STOP.has(run)) out.push(`b:${run}`);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(`b:${run.slice(i, i + 2)}`);
  }
  for (const m of t.matchAll(NUMBER_WITH_UNIT)) {
    out.push(`n:${m[1]}`);
    if (m[2]) out.push(`n:${m[1]}${m[2] === '天' ? '日' : m[2]}`);
  }
  if (synonyms) for (const g of synonyms.groupsIn(t)) out.push(`s:${g}`);
  return out;
}

/** The weight of a term by its kind (the prefix before ':'). */
export function termWeight(term: string): number {
  const k = term.slice(0, 1) as TermKind;
  return TERM_WEIGHTS[k] ?? 1;
}

/** Splits a text into sentences (。！？；and line breaks), keeping the end mark. */
export function sentences(text: string): string[] {
  return (text.match(/[^。！？；!?;\n]+[。！？；!?;]?/gu) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The `max` sentences of a long text that share the most query terms (in their order in the text), so an answer from
 * a measure is the sentence with the promise ("获得用水……不超过9个工作日") rather than the whole measure.
 */
export function bestSentences(text: string, queryTerms: ReadonlySet<string>, cut: Cut, synonyms?: SynonymMatcher, max = 2): string {
  const all = sentences(text);
  if (all.length <= max) return text;
  const scored = all.map((s, i) => {
    let score = 0;
    for (const term of new Set(textTerms(s, cut, synonyms))) if (queryTerms.has(term)) score += termWeight(term);
    return { i, s, score };
  });
  const top = [...scored].sort((a, b) => b.score - a.score || a.i - b.i).slice(0, max);
  if (top[0]!.score === 0) return all.slice(0, max).join('');
  return top
    .filter((x) => x.score > 0)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s)
    .join('');
}
