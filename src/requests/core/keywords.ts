/**
 * Keywords of request subjects (热点词): the subjects are segmented with the project's jieba segmenter (the policy
 * search's `queryWords`, src/policies/core: precise mode, stop words dropped) and each word is counted once per
 * request (document frequency). A rising keyword (上升热词) is a word named by more requests in the period than in
 * the period before, at least `minCount` times; ranked by the increase, then the count.
 */
import { queryWords } from '../../policies/core/index.js';

/** Words that say nothing about what a request is about (they are in most subjects). */
const REQUEST_STOP = new Set([
  '企业',
  '公司',
  '问题',
  '申请',
  '办理',
  '请求',
  '要求',
  '咨询',
  '反映',
  '关于',
  '相关',
  '情况',
  '希望',
  '如何',
  '什么',
  '是否',
  '能否',
  '我们',
  '我司',
  '有限公司',
  '演示',
  '一直',
  '没有',
  '进行',
  '进度',
  '未到',
]);

/** The distinct keywords of one text: words of two characters or more, numbers and stop words left out. */
export function keywordsOf(text: string): string[] {
  return queryWords(text).filter((w) => [...w].length >= 2 && !/^\d+$/.test(w) && !REQUEST_STOP.has(w));
}

/** How many texts name each keyword. */
export function keywordCounts(texts: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  const cache = new Map<string, string[]>();
  for (const t of texts) {
    let words = cache.get(t);
    if (!words) {
      words = keywordsOf(t);
      cache.set(t, words);
    }
    for (const w of words) out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

export interface KeywordRow {
  word: string;
  count: number;
  previous: number;
}

/** The most frequent keywords of the period (ties by word, for a stable order). */
export function hotKeywords(current: Map<string, number>, previous: Map<string, number>, limit = 10): KeywordRow[] {
  return [...current]
    .map(([word, count]) => ({ word, count, previous: previous.get(word) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'zh-Hans-CN'))
    .slice(0, limit);
}

/** Keywords named more often than in the period before (at least `minCount` times), the largest increase first. */
export function risingKeywords(current: Map<string, number>, previous: Map<string, number>, limit = 10, minCount = 3): KeywordRow[] {
  return [...current]
    .map(([word, count]) => ({ word, count, previous: previous.get(word) ?? 0 }))
    .filter((r) => r.count >= minCount && r.count > r.previous)
    .sort((a, b) => b.count - b.previous - (a.count - a.previous) || b.count - a.count || a.word.localeCompare(b.word, 'zh-Hans-CN'))
    .slice(0, limit);
}
