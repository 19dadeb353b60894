import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation for policy search (jieba). PostgreSQL has no Chinese parser and
 * trigram search finds nothing for two-character queries, so documents are segmented here and
 * stored as space-separated words in a tsvector ('simple' configuration); queries are segmented the
 * same way. Terms of the policy domain are added to the dictionary so they stay whole words.
 */
const DOMAIN_WORDS = [
  '专精特新',
  '小巨人',
  '高新技术企业',
  '科技型企业',
  '科技型中小企业',
  '免申即享',
  '应享尽享',
  '营商环境',
  '惠企政策',
  '首贷',
  '贴息',
  '稳岗',
  '稳岗返还',
  '研发费用',
  '加计扣除',
  '规上企业',
  '规模以上',
  '上规',
  '专项资金',
  '一次性奖励',
  '技术改造',
  '数字化转型',
  '智能化改造',
  '创业担保贷款',
  '融资担保',
  '知识产权',
  '商标',
  '专利',
  '首台套',
  '孵化器',
  '众创空间',
  '楼宇经济',
  '总部企业',
  '解放碑',
  '渝中区',
  '重庆市',
  '民营经济',
  '中小微企业',
  '个体工商户',
  '以工代训',
  '社保补贴',
  '房租减免',
];
let jieba: Jieba | null = null;
/**
 * The project's one Chinese segmenter (jieba with the default dictionary and the domain words above), built on first
 * use. Policy search indexes with it; the requests' routing suggestion (src/requests/core/suggest.ts) segments
 * request texts and catalogue keywords with it. Do not add words to it elsewhere: stored policy indexes depend on it.
 */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(new TextEncoder().encode(DOMAIN_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba;
}

const STOP = new Set(['的', '和', '与', '及', '了', '在', '对', '为', '是', '或', '等', '将', '并', '由', '于', '之', '其', '以', '按']);
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Words for the index: search mode (whole words and their parts), lower-cased, de-duplicated. */
export function indexWords(text: string): string {
  const out = new Set<string>();
  for (const w of segmenter().cutForSearch(text, true)) {
    const t = w.trim().toLowerCase();
    if (t && WORDLIKE.test(t) && !STOP.has(t)) out.add(t.replace(/[^\p{L}\p{N}]+/gu, ''));
  }
  out.delete('');
  return [...out].join(' ');
}

/** Words of a query (precise mode, stop words dropped). */
export function queryWords(q: string): string[] {
  const out: string[] = [];
  for (const w of segmenter().cut(q, true)) {
    const t = w
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
    if (t && !STOP.has(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

export interface Segment {
  text: string;
  hit?: boolean;
}

/** Splits text into segments with the query words marked (longest word first). */
export function markWords(text: string, words: string[]): Segment[] {
  if (!words.length) return [{ text }];
  const sorted = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(sorted.join('|'), 'gi');
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], hit: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** A snippet of about `len` characters around the densest run of query words, with marks. */
export function snippet(text: string, words: string[], len = 90): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!words.length) return [{ text: flat.slice(0, len) + (flat.length > len ? '…' : '') }];
  const lower = flat.toLowerCase();
  const hits: number[] = [];
  for (const w of words) {
    let i = lower.indexOf(w);
    while (i >= 0 && hits.length < 200) {
      hits.push(i);
      i = lower.indexOf(w, i + w.length);
    }
  }
  hits.sort((a, b) => a - b);
  let best = 0,
    bestCount = -1;
  for (let i = 0; i < hits.length; i++) {
    let n = 0;
    for (let j = i; j < hits.length && hits[j]! < hits[i]! + len; j++) n++;
    if (n > bestCount) {
      bestCount = n;
      best = hits[i]!;
    }
  }
  const start = Math.max(0, best - 15);
  const piece = flat.slice(start, start + len);
  const segs = markWords(piece, words);
  if (start > 0) segs.unshift({ text: '…' });
  if (start + len < flat.length) segs.push({ text: '…' });
  return segs;
}
