/**
 * The office's synonym and abbreviation list (开公司 = 开办企业 = 企业设立登记; 报装 = 接入; 社保 = 社会保险), pure: a
 * group matches a text when one of its words occurs in it (normalised, as a substring: words of a group are whole
 * phrases, e.g. 企业设立登记, which no segmenter keeps whole), and gives the text the group's term `s:<index>`; the
 * question and the knowledge then meet on that term whatever words each used.
 */
import { normalizeText, type SynonymMatcher } from './text.js';

export interface SynonymGroup {
  words: string[];
}

export const SYNONYM_LIMITS = { words: 20, wordLength: 30, groups: 2000 } as const;

/** Problems of one group, in Chinese, naming the field (at least two different words, each 1–30 characters). */
export function synonymProblems(words: readonly string[]): string[] {
  const p: string[] = [];
  const clean = words.map((w) => w.trim()).filter((w) => w !== '');
  if (new Set(clean.map(normalizeText)).size < 2) p.push('同义词：至少填写两个不同的词');
  if (clean.length > SYNONYM_LIMITS.words) p.push(`同义词：每组最多${SYNONYM_LIMITS.words}个词`);
  for (const w of clean) if (w.length > SYNONYM_LIMITS.wordLength) p.push(`同义词：“${w.slice(0, 10)}…”超过${SYNONYM_LIMITS.wordLength}个字`);
  return p;
}

/**
 * A matcher over the groups. Words are tried longest first and a matched stretch is not matched again by a shorter
 * word inside it (社会保险费 does not also count as 保险 of another group when 社会保险 matched).
 */
export function synonymMatcher(groups: readonly SynonymGroup[]): SynonymMatcher {
  const words = groups
    .flatMap((g, i) => g.words.map((w) => ({ key: normalizeText(w), group: i })))
    .filter((w) => w.key !== '')
    .sort((a, b) => b.key.length - a.key.length);
  // First characters → candidate words, so a text is scanned once per position.
  const byFirst = new Map<string, typeof words>();
  for (const w of words) {
    const c = w.key[0]!;
    const list = byFirst.get(c);
    if (list) list.push(w);
    else byFirst.set(c, [w]);
  }
  const members = new Set(words.map((w) => w.key));
  return {
    isMember: (word) => members.has(word),
    groupsIn(text: string): number[] {
      const found = new Set<number>();
      let i = 0;
      while (i < text.length) {
        const list = byFirst.get(text[i]!);
        const hit = list?.find((w) => text.startsWith(w.key, i));
        if (hit) {
          found.add(hit.group);
          i += hit.key.length;
        } else i++;
      }
      return [...found];
    },
  };
}
