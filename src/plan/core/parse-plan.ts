/**
 * Plan text → ParsedPlan. Pure: no I/O.
 *
 * The genre: a notice wrapper (issuer, title 关于印发《…》的通知, 文号, 主送, 落款, date) and the plan body
 * (title, preamble), then numbered items. The numbering differs from plan to plan: sections 一、 or
 * 第一部分, subsections （一）, items 1. / 1、, （1）, ①, ★-marked items; numbered through the plan or
 * restarting under each heading. The parser builds the document's own tree of numbered items and takes
 * the task (measure) level from it: the items the plan assigns units to, or the level right under a
 * heading that carries units (see README, Decisions).
 *
 * Lines: a line that starts with a marker starts a new item; any other line continues the current item
 * (a .docx may split a paragraph). A line holding the next expected item after a full stop
 * (“…。3.完善…”) is split there (a .docx may join paragraphs).
 */
import { checkReadable, normalizeText } from './decode.js';
import { extractDeadlines } from './deadlines.js';
import { PlanParseError } from './errors.js';
import { extractTargets } from './targets.js';
import type { Deadline, ParsedMeasure, ParsedPlan, ParsedSection, ParsedSubsection, PlanWarning } from './types.js';
import { createUnitDirectory, type UnitEntry } from '../../units/index.js';
import { re } from './script.js';
import { FIRST_IS_LEAD_RE, LABEL_LINE_RE, type RawUnits, parseUnitText, takeInnerUnits, takeTrailingUnits } from './unit-phrases.js';

export interface ParsePlanOptions {
  /** Plan year when neither the title nor the date line gives one. */
  year?: number;
  /**
   * The office's unit directory (names with their aliases), added to the built-in one. A name in the
   * plan is mapped to another only where this directory says the two are the same unit.
   */
  units?: readonly UnitEntry[];
}

const CN_NUM = '一二三四五六七八九十';

/** 一 → 1, 十二 → 12, 二十三 → 23. */
export function cnToInt(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const d = (c: string) => CN_NUM.indexOf(c) + 1;
  if (s.length === 1) return d(s);
  if (s.length === 2 && s[0] === '十') return 10 + d(s[1]);
  if (s.length === 2 && s[1] === '十') return d(s[0]) * 10;
  if (s.length === 3 && s[1] === '十') return d(s[0]) * 10 + d(s[2]);
  return NaN;
}

/** 1 → 一, 12 → 十二, 23 → 二十三. */
export function intToCn(n: number): string {
  const u = CN_NUM;
  if (n <= 10) return u[n - 1];
  if (n < 20) return `十${u[n - 11]}`;
  const t = Math.floor(n / 10);
  const r = n % 10;
  return `${u[t - 1]}十${r ? u[r - 1] : ''}`;
}

// ---------------------------------------------------------------- markers

type Kind = 'part' | 'sec' | 'sub' | 'num' | 'paren' | 'circ' | 'star' | 'para';
/** `para`: an unnumbered paragraph that carries its own units, under a heading with several such (see README). */
const RANK: Record<Kind, number> = { part: 0, sec: 1, sub: 2, num: 3, paren: 4, circ: 5, star: 6, para: 7 };
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const STAR = /^[★☆*＊▲]+\s*/;

interface Marker {
  kind: Kind;
  n: number;
  /** The marker as written (normalised): "一、", "（一）", "3", "（1）", "①", "★". */
  code: string;
  rest: string;
  star: boolean;
}

const PART_RE = re('^第([一二三四五六七八九十]{1,3})部分[、，：:\\s]*(.*)$');
const SECTION_RE = /^([一二三四五六七八九十]{1,3})[、.](.*)$/;
const SUBSECTION_RE = /^（([一二三四五六七八九十]{1,3})）[、.]?(.*)$/;
const NUM_RE = /^(\d{1,3})(?:[.、﹒](?!\d)|．|\s*[*★]\s*[.、．﹒](?!\d))(.*)$/;
const PAREN_RE = /^（(\d{1,3})）[、.]?(.*)$|^(\d{1,3})）(.*)$/;
const CIRC_RE = new RegExp(`^([${CIRCLED}])[、.]?(.*)$`);

function markerOf(line: string): Marker | undefined {
  let t = line;
  let star = false;
  if (STAR.test(t)) {
    star = true;
    t = t.replace(STAR, '');
  }
  const unstar = (s: string) => {
    if (STAR.test(s)) {
      star = true;
      return s.replace(STAR, '');
    }
    return s;
  };
  let m: RegExpExecArray | null;
  if ((m = PART_RE.exec(t))) return { kind: 'part', n: cnToInt(m[1]), code: `第${m[1]}部分`, rest: unstar(m[2]), star };
  if ((m = SECTION_RE.exec(t)) && m[2]) return { kind: 'sec', n: cnToInt(m[1]), code: `${m[1]}、`, rest: unstar(m[2]), star };
  if ((m = SUBSECTION_RE.exec(t)) && m[2]) return { kind: 'sub', n: cnToInt(m[1]), code: `（${m[1]}）`, rest: unstar(m[2]), star };
  if ((m = NUM_RE.exec(t)) && m[2]) {
    if (/^\d{1,3}\s*[*★]/.test(t)) star = true;
    return { kind: 'num', n: Number(m[1]), code: m[1], rest: unstar(m[2]), star };
  }
  if ((m = PAREN_RE.exec(t))) {
    const n = m[1] ?? m[3];
    const rest = m[2] ?? m[4];
    if (rest) return { kind: 'paren', n: Number(n), code: `（${n}）`, rest: unstar(rest), star };
  }
  if ((m = CIRC_RE.exec(t)) && m[2]) return { kind: 'circ', n: CIRCLED.indexOf(m[1]) + 1, code: m[1], rest: unstar(m[2]), star };
  if (star && t.length >= 4) return { kind: 'star', n: 0, code: '★', rest: t, star };
  return undefined;
}

// ---------------------------------------------------------------- tree

interface Piece {
  text: string;
  line: number;
}

interface Node {
  kind: Kind | 'root';
  rank: number;
  n: number;
  code: string;
  star: boolean;
  line: number;
  /** The rest of the marker's line, then continuation lines (before, between and after children). */
  pieces: Piece[];
  /** Pieces before the first child (the heading's own text). */
  headCount: number;
  children: Node[];
  parent?: Node;
}

/** Index of the first "。" outside quotes and parentheses, or -1. */
function firstStop(s: string): number {
  let depth = 0;
  let quote = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '“') quote = true;
    else if (c === '”') quote = false;
    else if (c === '（') depth++;
    else if (c === '）') depth = Math.max(0, depth - 1);
    else if (c === '。' && depth === 0 && !quote) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- metadata patterns

const DATE_LINE_RE = /^(?:(?:成文|发布|印发|发文)?(?:日期|时间)[：:]?)?[（]?(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*[日曰号]?[）]?$/;
const CN_DATE_LINE_RE = /^[（]?([〇○零Ｏ0O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日[）]?$/;
const DOCNO_LINE_RE = /^([\u4e00-\u9fa5A-Za-z]{1,16})\s*[〔［[【﹝（(]\s*(\d{4})\s*[〕］\]】﹞）)]\s*第?\s*(\d{1,4})\s*([号號])$/;
/** A damaged 文号 line of a repost: “南兴府办函〔202058” (〕 and 号 lost). */
const DOCNO_DAMAGED_RE = /^([\u4e00-\u9fa5]{2,12})[〔［[【﹝]\s*(20\d{2})\s*[〕］\]】﹞]?\s*(\d{1,4})\s*([号號]?)$/;
const DOCNO_INLINE_RE = /([\u4e00-\u9fa5]{1,16})[〔［[【﹝]\s*(\d{4})\s*[〕］\]】﹞]\s*第?\s*(\d{1,4})\s*([号號])/;
const ORG_LINE_RE = re('(?:人民政府|政府|办公室|办公厅|委员会|领导小组|指挥部|局|委|办|中心|厅)$');
/** Words that name the kind of document a title is: 实施方案, 工作要点, 若干措施, 责任分解 … */
const KIND_RE = re('(?:方案|要点|措施|计划|意见|办法|细则|清单|规划|分解|分工|纲要)');
const NOTICE_TITLE_RE = re('(?:关于)?印发(?:《([^》]+)》|(.+?))的通知');

/** A date line whose 年月日 were lost in a repost: “202091” (2020-09-01); only when one reading is a date. */
function damagedDate(line: string): string | undefined {
  const m = /^(20\d{2})(\d{2,4})$/.exec(line);
  if (!m) return undefined;
  const rest = m[2];
  const found: string[] = [];
  for (let k = 1; k < rest.length; k++) {
    const mo = Number(rest.slice(0, k));
    const d = Number(rest.slice(k));
    if (rest[k] === '0' && rest.length - k === 1) continue;
    const dt = new Date(Date.UTC(Number(m[1]), mo - 1, d));
    if (mo >= 1 && mo <= 12 && d >= 1 && dt.getUTCMonth() === mo - 1) found.push(dt.toISOString().slice(0, 10));
  }
  return found.length === 1 ? found[0] : undefined;
}

function dateOfLine(line: string): string | undefined {
  let y: number;
  let mo: number;
  let d: number;
  const dd = damagedDate(line);
  if (dd) return dd;
  let m = DATE_LINE_RE.exec(line);
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = CN_DATE_LINE_RE.exec(line);
    if (!m) return undefined;
    y = Number([...m[1]].map((c) => '〇一二三四五六七八九'.indexOf(/[○零Ｏ0O]/.test(c) ? '〇' : c)).join(''));
    mo = cnToInt(m[2]);
    d = cnToInt(m[3]);
  }
  if (y < 1990 || y > 2100) return undefined;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

const isParagraph = (l: string) => /[。，；：、]$/.test(l) || l.length > 60;
/** Pinyin a reposting site inserts after characters: “發（fā）布”. */
const PINYIN_RE = /（[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}）/g;
const isStopLine = (raw: string) => {
  // classified without a repost's pinyin: “（此件公開發（fā）布）” is the 此件公开发布 line
  const l = raw.replace(PINYIN_RE, '');
  return isStopLineText(l);
};
const isStopLineText = (l: string) =>
  Boolean(dateOfLine(l)) ||
  /^\d{6,8}$/.test(l) ||
  DOCNO_LINE_RE.test(l) ||
  DOCNO_DAMAGED_RE.test(l) ||
  /^（[^）]*）$/.test(l) ||
  /[：]$/.test(l) ||
  re('^(?:抄送|主送|附件|索引号|发布机构|来源|字号|文号|公开方式|公开属性|发布日期|发布时间|成文日期|主题词|分类|名称：|标题：)').test(l) ||
  INLINE_DATE_RE.test(l);
/** A publication date inside a page's metadata line: “来源：…发布时间：2023-03-10”, “成文日期：2022-05-19”. */
const INLINE_DATE_RE = re('(?:成文|发布|印发|发文)(?:日期|时间)[：:]?\\s*(\\d{4})[年\\-./](\\d{1,2})[月\\-./](\\d{1,2})');

/** Lines after the body: signature, date, 此件公开发布, 抄送, 印发. */
function isTrailer(raw: string): boolean {
  const l = raw.replace(PINYIN_RE, '');
  return (
    Boolean(dateOfLine(l)) ||
    /^（此件[^）]*）$/.test(l) ||
    re('^(?:抄送|主送)：').test(l) ||
    re('印发$').test(l) ||
    (l.length <= 30 && !/[。，；：]/.test(l) && ORG_LINE_RE.test(l) && !markerOf(l))
  );
}

/** The title without a date, a “全文” suffix or 《》. */
function cleanTitle(t: string): string {
  let s = t.trim();
  for (let k = 0; k < 3; k++) {
    const before = s;
    s = s
      .replace(/^《(.+)》$/, '$1')
      .replace(/^[\u4e00-\u9fa5]{1,12}[〔［[【﹝]\d{4}[〕］\]】﹞]\d{1,4}[号號]\s*/, '')
      .replace(PINYIN_RE, '')
      .replace(re('[（(]?全文[）)]?$'), '')
      // a reposting site's ordinal after the kind word: “…改革工作实施方案1”
      .replace(re('(方案|要点|措施|计划|办法|细则|清单)\\d{1,2}$'), '$1')
      .replace(
        /[（(]?(?:\d{4}[年.\-/]\d{1,2}[月.\-/]\d{1,2}[日号]?|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[）)]?$/,
        '',
      )
      .replace(/[（(]?(?:征求意见稿|送审稿)?[）)]?$/, (x) => (x ? x : ''))
      .replace(/[\s—\-_|]+$/, '')
      .trim();
    if (s === before) break;
  }
  return s;
}

// ---------------------------------------------------------------- the parser

/** Joins the lines of an item while units are looked for (a heading's title ends at its first line). */
const SEP = '\u0001';
const clean = (s: string) => s.replaceAll(SEP, '');

const NON_TASK_SECTION = re(
  '^(?:总体要求|总体思路|指导思想|基本原则|工作目标|主要目标|目标任务|保障措施|组织保障|工作保障|保障机制|组织实施|实施步骤|工作步骤|工作要求|组织领导|工作机制|有关要求|其他事项|附则)',
);
const NON_TASK_ITEM = re('^(?:指导思想|基本原则|工作目标|主要目标|总体目标|发展目标|工作原则|实施范围|适用范围)');

export function parsePlanText(input: string, opts: ParsePlanOptions = {}): ParsedPlan {
  // "??" / "？？" at a line's start: full-width indents lost in a repost's encoding (web debris)
  const text = normalizeText(input)
    .split('\n')
    .map((l) => l.replace(/^[？?]{1,4}(?=\S)/, ''))
    .join('\n');
  if (text.trim() === '') throw new PlanParseError(1, '文件为空，应为实施方案文本');
  checkReadable(text, 'text');
  const directory = createUnitDirectory(opts.units);
  const lines = text.split('\n');
  const warnings: PlanWarning[] = [];
  const warned = new Set<string>();
  const warn = (code: PlanWarning['code'], line: number, message: string) => {
    const k = `${code}|${message}`;
    if (warned.has(k)) return;
    warned.add(k);
    warnings.push({ line, code, message: `第${line}行：${message}` });
  };

  // --- where the body starts and ends
  let first = -1;
  for (let i = 0; i < lines.length; i++)
    if (markerOf(lines[i].trim()) && markerOf(lines[i].trim())!.kind !== 'star') {
      first = i;
      break;
    }
  if (first < 0) {
    throw new PlanParseError(lines.length, '全文未找到编号条目（应为“一、……”“（一）……”或“1.……”），不是实施方案格式的文件');
  }
  // a notice with numbered items of its own (一、各单位要高度重视…), its signature and date (or an 附件 line),
  // then the plan's title and its own 一、: the plan starts there
  for (let i = first + 1; i < lines.length && i < first + 60; i++) {
    if (!dateOfLine(lines[i].trim()) && !re('^附件[0-9：:]*$').test(lines[i].trim())) continue;
    let titleSeen = false;
    for (let k = i + 1; k < lines.length && k < i + 12; k++) {
      const t = lines[k].trim();
      if (!t) continue;
      const mk = markerOf(t);
      if (mk && mk.kind !== 'star') {
        if (titleSeen && mk.n === 1) first = k;
        break;
      }
      if (!isParagraph(t) && !dateOfLine(t)) titleSeen = true;
    }
    break;
  }
  let last = lines.length - 1;
  while (last > first && (lines[last].trim() === '' || isTrailer(lines[last].trim()))) last--;
  const header: Piece[] = lines
    .slice(0, first)
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((p) => p.text);
  const trailer: Piece[] = lines
    .slice(last + 1)
    .map((t, i) => ({ text: t.trim(), line: last + 2 + i }))
    .filter((p) => p.text);
  const bodyText = lines.slice(first, last + 1).join('\n');
  const firstIsLead = FIRST_IS_LEAD_RE.test(text);

  // --- the tree of numbered items
  const root: Node = { kind: 'root', rank: -1, n: 0, code: '', star: false, line: first + 1, pieces: [], headCount: 0, children: [] };
  const stack: Node[] = [root];
  const lastOfKind = new Map<Kind, Node>();
  const top = () => stack[stack.length - 1];
  /** Where the next expected item starts inside a piece of text (joined paragraphs), or -1. */
  const embeddedSplit = (t: string, headingLine: boolean): number => {
    const cands: number[] = [];
    const cur = top();
    const lastNum = lastOfKind.get('num');
    const nums = new Set<number>([(lastNum?.n ?? 0) + 1]);
    if (cur.rank < RANK.num) nums.add(1);
    for (const n of nums) {
      const nm = new RegExp(`(?<=[。；）])${n}[.、](?!\\d)`).exec(t);
      if (nm) cands.push(nm.index);
    }
    const lastSub = lastOfKind.get('sub');
    const nextSub = cur.rank <= RANK.sec ? 1 : (lastSub?.n ?? 0) + 1;
    const ns = new RegExp(headingLine ? `（${intToCn(nextSub)}）` : `(?<=[。）])（${intToCn(nextSub)}）`).exec(t);
    if (ns && ns.index > 0) cands.push(ns.index);
    const lastSec = lastOfKind.get('sec');
    if (lastSec) {
      const nx = new RegExp(`(?<=。)${intToCn(lastSec.n + 1)}、`).exec(t);
      if (nx) cands.push(nx.index);
    }
    const c = cands.filter((i) => i > 0);
    return c.length ? Math.min(...c) : -1;
  };
  const queue: Piece[] = [];
  for (let i = first; i <= last; i++) {
    const t = lines[i].trim();
    if (t) queue.push({ text: t, line: i + 1 });
  }
  while (queue.length) {
    const piece = queue.shift()!;
    const mk = markerOf(piece.text);
    let rest = mk ? mk.rest : piece.text;
    if (mk) {
      const rank = RANK[mk.kind];
      while (top().rank >= rank) stack.pop();
      const parent = top();
      const node: Node = { kind: mk.kind, rank, n: mk.n, code: mk.code, star: mk.star, line: piece.line, pieces: [], headCount: 0, children: [], parent };
      if (parent.children.length === 0) parent.headCount = parent.pieces.length;
      parent.children.push(node);
      stack.push(node);
      lastOfKind.set(mk.kind, node);
    }
    const split = embeddedSplit(rest, Boolean(mk) && top().rank <= RANK.sec);
    if (split > 0) {
      queue.unshift({ text: rest.slice(split), line: piece.line });
      rest = rest.slice(0, split);
    }
    const cur = top();
    cur.pieces.push({ text: rest, line: piece.line });
  }
  // unnumbered paragraphs with units of their own under one heading: each paragraph is an item
  const splitParagraphs = (n: Node) => {
    for (const c of n.children) splitParagraphs(c);
    if (n.kind === 'root' || n.children.length || n.pieces.length < 3) return;
    const own = n.pieces.slice(1).map((p) => Boolean(takeTrailingUnits(p.text, firstIsLead)?.rest.trim()));
    if (own.filter(Boolean).length < 2) return;
    const paras: Node[] = [];
    let cur: Node | undefined;
    n.pieces.slice(1).forEach((p, i) => {
      if (!cur) {
        cur = {
          kind: 'para',
          rank: RANK.para,
          n: paras.length + 1,
          code: `¶${paras.length + 1}`,
          star: false,
          line: p.line,
          pieces: [],
          headCount: 0,
          children: [],
          parent: n,
        };
        paras.push(cur);
      }
      cur.pieces.push(p);
      if (own[i]) cur = undefined;
    });
    n.pieces = n.pieces.slice(0, 1);
    n.headCount = 1;
    n.children = paras;
  };
  splitParagraphs(root);
  const all: Node[] = [];
  const walk = (n: Node) => {
    if (n.children.length === 0) n.headCount = n.pieces.length;
    for (const c of n.children) {
      all.push(c);
      walk(c);
    }
  };
  walk(root);

  // --- units each item carries itself
  interface Own {
    raw: RawUnits;
    /** The item's own text (head) without the units. */
    head: string;
    /** True when the units were found after the item's children (a task's trailing units). */
  }
  const ownCache = new Map<Node, Own | null>();
  const headText = (n: Node) =>
    n.pieces
      .slice(0, n.headCount)
      .map((p) => p.text)
      .join('');
  /** Units of an item: trailing label lines, a trailing bracket or sentence, or a bracket in its heading. */
  const ownUnits = (n: Node): Own | null => {
    if (ownCache.has(n)) return ownCache.get(n)!;
    let res: Own | null = null;
    const pcs = n.pieces.slice(0, n.headCount);
    // label lines at the end: "牵头单位：…" "责任单位：…"
    let k = pcs.length;
    while (k > 1 && LABEL_LINE_RE.test(pcs[k - 1].text)) k--;
    if (k < pcs.length) {
      const raw = parseUnitText(
        pcs
          .slice(k)
          .map((p) => p.text.replace(/[。；]$/, ''))
          .join('；'),
        firstIsLead,
      );
      if (raw)
        res = {
          raw,
          head: pcs
            .slice(0, k)
            .map((p) => p.text)
            .join(SEP),
        };
    }
    if (!res) {
      const body = pcs.map((p) => p.text).join(SEP);
      const tu = takeTrailingUnits(body, firstIsLead);
      if (tu && clean(tu.rest).trim()) res = { raw: tu.raw, head: tu.rest };
      else {
        const firstSeg = body.split(SEP)[0];
        const stop = firstStop(firstSeg);
        const iu = takeInnerUnits(body, firstIsLead, stop < 0 ? firstSeg.length : stop + 1);
        if (iu && clean(iu.before).trim()) res = { raw: iu.raw, head: iu.before + iu.after.replace(/^[；，]/, '') };
      }
    }
    if (res) res.raw = { ...res.raw, lead: res.raw.lead.map(clean), responsible: res.raw.responsible.map(clean) };
    if (res && !res.raw.lead.length && !res.raw.responsible.length) res = null;
    ownCache.set(n, res);
    return res;
  };

  // units at the end of a task's last enumeration line ("1.… （1）…；（2）…。（牵头单位：…）") are the task's
  // (also for a （一） whose siblings carry their units themselves: its 1. 2. are then enumerations)
  const subsWithUnits = all.filter((n) => n.rank === RANK.sub && ownUnits(n)).length;
  /** Items whose units were at the end of their last enumeration: tasks, never headings. */
  const hoisted = new Set<Node>();
  for (const n of all) {
    if (n.rank < RANK.sub || (n.rank === RANK.sub && subsWithUnits < 2) || n.children.length < 2 || ownUnits(n)) continue;
    const lastChild = n.children[n.children.length - 1];
    const u = ownUnits(lastChild);
    if (!u || lastChild.children.length || n.children.slice(0, -1).some((c) => ownUnits(c))) continue;
    ownCache.set(lastChild, null);
    hoisted.add(n);
    ownCache.set(n, {
      raw: u.raw,
      head: n.pieces
        .slice(0, n.headCount)
        .map((p) => p.text)
        .join(SEP),
    });
  }

  // --- the task level
  const withUnits = new Map<number, number>();
  for (const n of all) if (ownUnits(n)) withUnits.set(n.rank, (withUnits.get(n.rank) ?? 0) + 1);
  const maxCount = Math.max(0, ...withUnits.values());
  const unitRank = [...withUnits.entries()]
    .filter(([, c]) => c >= Math.max(1, maxCount * 0.25))
    .map(([r]) => r)
    .sort((a, b) => a - b)[0];
  const present = new Set(all.map((n) => n.rank));
  let taskRank: number;
  if (unitRank === undefined) {
    taskRank = [RANK.num, RANK.sub, RANK.paren, RANK.circ, RANK.star, RANK.sec, RANK.part].find((r) => present.has(r))!;
  } else {
    taskRank = unitRank;
    // units on headings: the tasks are the level right under them
    while (taskRank <= RANK.sub) {
      const holders = all.filter((n) => n.rank === taskRank && ownUnits(n));
      const childRanks = new Map<number, number>();
      for (const h of holders) for (const c of h.children) childRanks.set(c.rank, (childRanks.get(c.rank) ?? 0) + 1);
      const withKids = holders.filter((h) => h.children.length).length;
      if (!childRanks.size || withKids < holders.length / 2) break;
      taskRank = [...childRanks.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    }
  }
  const sectionRank = [RANK.part, RANK.sec].find((r) => present.has(r) && r < taskRank);
  const inherited = (n: Node): Own | null => {
    for (let p = n.parent; p && p.kind !== 'root'; p = p.parent) {
      const o = ownUnits(p);
      if (o) return o;
    }
    return null;
  };
  const sectionOf = (n: Node): Node | undefined => {
    for (let p: Node | undefined = n; p && p.kind !== 'root'; p = p.parent) if (p.rank === sectionRank) return p;
    return undefined;
  };
  const titleOf = (n: Node) => {
    const h = headText(n);
    const s = firstStop(h);
    return (s >= 0 ? h.slice(0, s) : h).trim();
  };
  /** A heading (section or （一）) that carries units: its numbered children are the tasks (whatever their kind). */
  const holdsUnits = (n: Node) => unitRank !== undefined && unitRank <= RANK.sub && n.rank <= RANK.sub && Boolean(ownUnits(n)) && !hoisted.has(n);
  let tasks: Node[] = [];
  const pick = (node: Node, underHolder: boolean) => {
    for (const c of node.children) {
      if (hoisted.has(c)) tasks.push(c);
      else if (underHolder) {
        // through （一） headings (with or without units of their own) down to their numbered children
        if (c.rank <= RANK.sub && c.children.length) pick(c, true);
        else tasks.push(c);
      } else if (holdsUnits(c)) {
        if (c.children.length) pick(c, true);
        else tasks.push(c);
      } else if (c.rank === taskRank) tasks.push(c);
      else if (c.rank < taskRank) {
        if (!c.children.length && ownUnits(c) && c.rank > (sectionRank ?? -1)) tasks.push(c);
        else pick(c, false);
      } else if (node.rank < taskRank && node.kind !== 'root') tasks.push(c); // ① right under a （一）: the level under the heading
    }
  };
  pick(root, false);
  const anyUnits = unitRank !== undefined;
  const filtered = tasks.filter((n) => {
    const sec = sectionOf(n);
    if (anyUnits && (ownUnits(n) || inherited(n))) return true;
    if (sec && NON_TASK_SECTION.test(titleOf(sec))) return false;
    return !NON_TASK_ITEM.test(titleOf(n));
  });
  if (filtered.length) tasks = filtered;
  const taskSet = new Set(tasks);
  /** Task ranks numbered through the plan (1. … 52. over several headings): their code is the number alone. */
  const runsThrough = new Set<number>();

  // --- numbering: warnings, never refusals
  const restarting = new Set<number>();
  for (const rank of new Set(all.map((n) => n.rank))) {
    const seq = all.filter((n) => n.rank === rank && n.kind !== 'star');
    if (!seq.length) continue;
    const runs = seq.slice(1).some((n, i) => n.n === 1 && seq[i].n !== 0) ? 'restart' : 'running';
    if (runs === 'restart') restarting.add(rank);
    else if (new Set(seq.map((n) => n.parent)).size > 1 || seq[0].parent?.kind === 'root') runsThrough.add(rank);
    let prev: Node | undefined;
    for (const n of seq) {
      const newParent = !prev || prev.parent !== n.parent;
      const expected = runs === 'running' ? (prev ? prev.n + 1 : 1) : newParent ? 1 : prev!.n + 1;
      if (n.n !== expected && !(runs === 'restart' && newParent && n.n === (prev?.n ?? 0) + 1)) {
        warn('numbering', n.line, `编号“${n.code}”与上一项${prev ? `“${prev.code}”` : ''}不连续（应为第${expected}项），已按原文读取`);
      }
      prev = n;
    }
  }

  // --- metadata
  const meta = parseMetadata(header, trailer, opts, first + 1, bodyText, warn);

  // --- units → names (the directory decides which names are the same unit)
  const resolveNames = (names: string[], line: number) =>
    names.map((n) => {
      const c = directory.canonical(n);
      if (c) return c;
      warn('unknown-unit', line, `单位“${n}”不在单位名录中，已按原文保留`);
      return n;
    });
  const uniq = (xs: string[]) => [...new Set(xs)];
  type Units = { lead: string[]; responsible: string[]; related: boolean; carry?: string[] };
  const resolved = new Map<Own, Units>();
  const resolve = (o: Own, line: number) => {
    let r = resolved.get(o);
    if (!r) {
      r = { lead: uniq(resolveNames(o.raw.lead, line)), responsible: uniq(resolveNames(o.raw.responsible, line)), related: o.raw.related };
      if (o.raw.carry?.length) r.carry = uniq(resolveNames(o.raw.carry.map(clean), line));
      resolved.set(o, r);
    }
    return r;
  };
  /** Units a plan's rule (“以下各任务均需…落实”) gives to every task from the one that states it on. */
  const carried: string[] = [];
  // without a plan year, only deadlines with their year written are kept (deadlines.ts)
  const deadlinesOf = (content: string): Deadline[] => extractDeadlines(content, meta.year);

  // --- the output structure
  const sections: ParsedSection[] = [];
  const sectionNodes = sectionRank === undefined ? [] : all.filter((n) => n.rank === sectionRank);
  let ordinal = 0;
  const fullText = (n: Node): string =>
    [
      ...n.pieces.slice(0, n.headCount).map((p) => p.text),
      ...n.children.map((c) => `${c.code === '★' ? '' : c.code.replace(/^(\d+)$/, '$1.')}${fullText(c)}`),
      ...n.pieces.slice(n.headCount).map((p) => p.text),
    ].join('');
  const lastLineOf = (n: Node): number => Math.max(n.line, ...n.pieces.map((p) => p.line), ...n.children.map(lastLineOf));

  const makeMeasure = (n: Node): ParsedMeasure => {
    ordinal++;
    const hasTaskKids = n.children.length > 0;
    // own units: the task's trailing units (after its enumerations), else those in its heading
    let body = fullText(n);
    let units: Units | undefined;
    let deadlineExtra: string[] = [];
    if (hasTaskKids) {
      const tu = takeTrailingUnits(body, firstIsLead);
      if (tu && (tu.raw.lead.length || tu.raw.responsible.length)) {
        body = tu.rest;
        units = resolve({ raw: tu.raw, head: '' }, lastLineOf(n));
        deadlineExtra = tu.raw.deadline;
      }
    }
    const own = ownUnits(n);
    if (!units && own) {
      units = resolve(own, lastLineOf(n));
      deadlineExtra = own.raw.deadline;
      body = [
        clean(own.head),
        ...n.children.map((c) => `${c.code.replace(/^(\d+)$/, '$1.')}${fullText(c)}`),
        ...n.pieces.slice(n.headCount).map((p) => p.text),
      ].join('');
    }
    if (!units) {
      const inh = inherited(n);
      if (inh) {
        let anc: Node | undefined = n.parent;
        while (anc && ownUnits(anc) !== inh) anc = anc.parent;
        units = resolve(inh, anc?.line ?? n.line);
      } else units = { lead: [], responsible: [], related: false };
    }
    if (units.carry) for (const c of units.carry) if (!carried.includes(c)) carried.push(c);
    const responsible = [...units.responsible, ...carried.filter((c) => !units.lead.includes(c) && !units.responsible.includes(c))];
    body = body.trim();
    const stop = firstStop(body);
    let title: string;
    let mtext: string;
    let content: string;
    const head = stop >= 0 ? body.slice(0, stop) : body;
    if (head.length <= 20 || (head.length <= 30 && !head.includes('，'))) {
      title = head;
      mtext = stop >= 0 ? body.slice(stop + 1).trim() : '';
      content = stop >= 0 ? body : `${body}。`;
    } else {
      const comma = head.indexOf('，');
      title = comma > 0 && comma <= 30 ? head.slice(0, comma) : head.slice(0, 30);
      mtext = body;
      content = body;
    }
    const parentCode = n.parent && n.parent.kind !== 'root' ? n.parent.code : '';
    const code = runsThrough.has(n.rank) && n.kind !== 'para' ? n.code : `${parentCode}${n.code}`;
    return {
      number: ordinal,
      code,
      title,
      text: mtext,
      leadUnits: [...units.lead],
      responsibleUnits: responsible,
      relatedDepartments: units.related,
      targets: extractTargets(content),
      deadlines: deadlinesOf(deadlineExtra.length ? `${content}（${deadlineExtra.join('，')}）` : content),
    };
  };

  /** A heading's title and text (units removed) and its units. */
  const heading = (n: Node, joinTwoLines = false) => {
    const own = ownUnits(n);
    const h = own
      ? own.head
      : n.pieces
          .slice(0, n.headCount)
          .map((p) => p.text)
          .join(SEP);
    const segs = h
      .split(SEP)
      .map((x) => x.trim())
      .filter(Boolean);
    let firstSeg = segs[0] ?? '';
    let more = segs.slice(1);
    // a title split over two lines: "一、构建高效便捷、" + "规范有序的市场环境"
    if (joinTwoLines && more.length && !/[。；]/.test(firstSeg + more[0]) && (firstSeg + more[0]).length <= 40 && n.pieces[1]?.line === n.line + 1) {
      firstSeg += more[0];
      more = more.slice(1);
    }
    const stop = firstStop(firstSeg);
    const title = (stop >= 0 ? firstSeg.slice(0, stop) : firstSeg).trim();
    const rest = ((stop >= 0 ? firstSeg.slice(stop + 1).replace(/^[。；，]/, '') : '') + more.join('')).trim();
    const u = own ? resolve(own, n.line) : { lead: [], responsible: [], related: false };
    return { title, rest, u };
  };
  const emptySub = (number: number): ParsedSubsection => ({ number, title: '', text: '', leadUnits: [], responsibleUnits: [], measures: [] });

  const fillSection = (section: ParsedSection, children: Node[], intro: string) => {
    let implicit: ParsedSubsection | undefined;
    const getImplicit = () => {
      if (!implicit) {
        implicit = emptySub(0);
        section.subsections.unshift(implicit);
      }
      return implicit;
    };
    if (intro) getImplicit().text = intro;
    /** Tasks (and non-task text) under a node, in document order. */
    const collect = (n: Node, into: ParsedSubsection) => {
      for (const c of n.children) {
        if (taskSet.has(c)) into.measures.push(makeMeasure(c));
        else if (tasks.some((t) => isAncestor(c, t))) collect(c, into);
        else {
          const t = `${c.code.replace(/^(\d+)$/, '$1.')}${fullText(c)}`;
          into.text = (into.text + t).trim();
        }
      }
    };
    for (const c of children) {
      if (taskSet.has(c)) {
        getImplicit().measures.push(makeMeasure(c));
        continue;
      }
      const hasTasks = tasks.some((t) => isAncestor(c, t));
      if (c.rank < taskRank || hasTasks || c.kind === 'sub') {
        const { title, rest, u } = heading(c);
        const sub: ParsedSubsection = {
          number: c.kind === 'sub' ? c.n : c.n || section.subsections.length + 1,
          title,
          text: rest,
          leadUnits: u.lead,
          responsibleUnits: u.responsible,
          measures: [],
        };
        section.subsections.push(sub);
        collect(c, sub);
        if (!hasTasks) {
          if (!c.children.length)
            sub.text = (
              sub.text +
              c.pieces
                .slice(c.headCount)
                .map((p) => p.text)
                .join('')
            ).trim();
        }
      } else {
        const imp = getImplicit();
        imp.text = (imp.text + c.code.replace(/^(\d+)$/, '$1.') + fullText(c)).trim();
      }
    }
  };

  if (sectionNodes.length) {
    // items before the first section (rare): an implicit section 0
    const before = root.children.filter((c) => c.rank !== sectionRank && (taskSet.has(c) || tasks.some((t) => isAncestor(c, t))));
    if (before.length) {
      const s0: ParsedSection = { number: 0, title: '', subsections: [] };
      fillSection(s0, before, '');
      sections.push(s0);
    }
    for (const s of sectionNodes) {
      const { title, rest } = heading(s, true);
      const section: ParsedSection = { number: s.n, title, subsections: [] };
      sections.push(section);
      fillSection(section, s.children, rest);
      const trailing = s.pieces
        .slice(s.headCount)
        .map((x) => x.text)
        .join('');
      if (trailing && section.subsections.length) {
        const lastSub = section.subsections[section.subsections.length - 1];
        lastSub.text = (lastSub.text + trailing).trim();
      }
    }
    if (taskRank <= (sectionRank ?? -1)) {
      // tasks are the sections themselves (flat 一、 list): one implicit section
      sections.length = 0;
      const s0: ParsedSection = { number: 0, title: '', subsections: [emptySub(0)] };
      for (const t of tasks) s0.subsections[0].measures.push(makeMeasure(t));
      sections.push(s0);
    }
  } else {
    const s0: ParsedSection = { number: 0, title: '', subsections: [] };
    fillSection(s0, root.children, '');
    sections.push(s0);
  }
  return {
    title: meta.title,
    docNumber: meta.docNumber,
    issuer: meta.issuer,
    issuedOn: meta.issuedOn,
    year: meta.year,
    sections,
    warnings,
  };
}

function isAncestor(a: Node, n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

interface Meta {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  year: number | null;
}

type Warn = (code: PlanWarning['code'], line: number, message: string) => void;

function parseMetadata(header: Piece[], trailer: Piece[], opts: ParsePlanOptions, firstItemLine: number, body: string, warn: Warn): Meta {
  // 文号
  let docNumber: string | null = null;
  for (const p of header) {
    const m = DOCNO_LINE_RE.exec(p.text);
    if (m) {
      docNumber = `${m[1]}〔${m[2]}〕${Number(m[3])}${m[4]}`;
      break;
    }
  }
  if (!docNumber) {
    // a 文号 glued to the front of the 主送 line: “卫政办发〔2025〕26号各县（区）人民政府，市政府各部门：”
    for (const p of header) {
      const m = DOCNO_INLINE_RE.exec(p.text);
      if (m && m.index === 0 && /：$/.test(p.text) && p.text.length - m[0].length <= 80) {
        docNumber = `${m[1]}〔${m[2]}〕${Number(m[3])}${m[4]}`;
        break;
      }
    }
  }
  if (!docNumber) {
    for (const p of header) {
      if (isParagraph(p.text) && !re('(?:文号|字号)').test(p.text)) continue;
      const m = DOCNO_INLINE_RE.exec(p.text.replace(re('^.*(?:文号|字号)[：:]?'), ''));
      if (m) {
        docNumber = `${m[1]}〔${m[2]}〕${Number(m[3])}${m[4]}`;
        break;
      }
    }
  }
  if (!docNumber) {
    for (const p of header) {
      const m = DOCNO_DAMAGED_RE.exec(p.text);
      if (m && !ORG_LINE_RE.test(m[1])) {
        docNumber = `${m[1]}〔${m[2]}〕${Number(m[3])}${m[4] || '号'}`;
        break;
      }
    }
  }
  // date and issuer (the signature line before the date)
  let issuedOn: string | null = null;
  let issuer: string | null = null;
  const all = [...header, ...trailer];
  for (let i = 0; i < all.length; i++) {
    const d = dateOfLine(all[i].text);
    if (!d) continue;
    issuedOn = d;
    const prev = all[i - 1]?.text;
    if (prev && !isParagraph(prev) && prev.length <= 40 && ORG_LINE_RE.test(prev) && !NOTICE_TITLE_RE.test(prev)) issuer = prev;
    break;
  }
  if (!issuedOn) {
    // a page's metadata: 成文日期 first, else 发布日期
    const dates = header.map((p) => INLINE_DATE_RE.exec(p.text)).filter((m): m is RegExpExecArray => Boolean(m));
    const best = dates.find((m) => /成文/.test(m[0])) ?? dates[0];
    if (best) issuedOn = dateOfLine(`${best[1]}年${best[2]}月${best[3]}日`) ?? null;
  }
  if (!issuer) {
    const k = header.findIndex((p) => re('^关于').test(p.text));
    const prev = k > 0 ? header[k - 1].text : undefined;
    if (prev && ORG_LINE_RE.test(prev) && !isParagraph(prev)) issuer = prev;
    else if (k >= 0 || header.some((p) => NOTICE_TITLE_RE.test(p.text))) {
      // "XX人民政府办公室关于印发…的通知" on one line
      const line = header.find((p) => NOTICE_TITLE_RE.test(p.text))?.text ?? '';
      const im = re('^(.+?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|领导小组))关于').exec(line);
      if (im) issuer = im[1];
    }
  }
  // the body title: the title lines right before the preamble (walking back from the first item)
  let i = header.length - 1;
  while (i >= 0 && isParagraph(header[i].text)) i--;
  // “发布日期：2022-06-14” or “（2021年7月23日）” between the title and the preamble
  let j = i;
  while (j >= 0 && (dateOfLine(header[j].text) || INLINE_DATE_RE.test(header[j].text) || /^（[^）]*）$/.test(header[j].text)) && i - j < 2) j--;
  if (j < i && j >= 0 && !isParagraph(header[j].text) && !isStopLine(header[j].text) && !NOTICE_TITLE_RE.test(header[j].text)) i = j;
  const collectTitle = (from: number): { lines: string[]; next: number } => {
    const lines: string[] = [];
    let k = from;
    while (
      k >= 0 &&
      lines.length < 3 &&
      !isParagraph(header[k].text) &&
      !isStopLine(header[k].text) &&
      header[k].text !== issuer &&
      !(lines.length && NOTICE_TITLE_RE.test(header[k].text) && !NOTICE_TITLE_RE.test(lines.join('')))
    ) {
      lines.unshift(header[k].text);
      k--;
    }
    return { lines, next: k };
  };
  const first = collectTitle(i);
  let titleLines = first.lines;
  // an unnumbered heading between the preamble and the first item ("“十三五”应急体系9个具体建设任务"): when it
  // names no kind of document and a title that does stands right above the preamble, that is the title
  if (titleLines.length && !KIND_RE.test(titleLines.join('')) && first.next >= 0 && isParagraph(header[first.next].text)) {
    let k = first.next;
    while (k >= 0 && isParagraph(header[k].text) && first.next - k < 3) k--;
    const alt = collectTitle(k).lines;
    if (alt.length && KIND_RE.test(alt.join('')) && !NOTICE_TITLE_RE.test(alt.join(''))) titleLines = alt;
  }
  // the issuer's name on a line of its own above the title (a page without the notice)
  while (titleLines.length > 1 && titleLines[0].length <= 20 && ORG_LINE_RE.test(titleLines[0]) && !NOTICE_TITLE_RE.test(titleLines[0])) titleLines.shift();
  let title = titleLines.join('');
  const nq = NOTICE_TITLE_RE.exec(title);
  if (re('^(?:.*?)关于').test(title) && nq) title = nq[1] ?? nq[2];
  if (!title) {
    const notice = header.map((p) => p.text).join('');
    const q = NOTICE_TITLE_RE.exec(notice);
    if (q) title = q[1] ?? q[2];
  }
  title = cleanTitle(title);
  if (!title) {
    const firstLine = header.find((p) => !dateOfLine(p.text) && !isParagraph(p.text));
    title = firstLine ? cleanTitle(firstLine.text).slice(0, 60) : '未命名方案';
    warn('no-title', Math.max(1, firstItemLine - 1), `未找到方案标题（应在第一个编号条目之前），暂以“${title}”为标题`);
  }
  // the plan year: title, date line, --year, 文号, the years of the deadlines in the text
  const ty = /(\d{4})(?:年|—|-|–|至)/.exec(title);
  let year: number | null = ty ? Number(ty[1]) : null;
  if (year === null && issuedOn) year = Number(issuedOn.slice(0, 4));
  if (year === null && opts.year) year = opts.year;
  if (year === null && docNumber) year = Number(/〔(\d{4})〕/.exec(docNumber)![1]);
  if (year === null) {
    const counts = new Map<number, number>();
    for (const m of body.matchAll(/(20\d{2})年(?:\d{1,2}月(?:\d{1,2}[日号])?|年?底|年?末|度?内)(?:之?前|底|末)?/g)) {
      const y = Number(m[1]);
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    let best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (!best) {
      // the years the text names at all (列入2020年度预算, 2020年全市…), not spans (2019年以来)
      for (const m of body.matchAll(/(20\d{2})年(?!以来|以前|之前|起)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
      best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    }
    if (best) year = best[0];
  }
  if (year === null) {
    warn('no-year', 1, '无法确定方案年度（标题、成文日期、文号和完成时限中都没有年份），相对时限（如“年底前”）未折算为日期；导入时可指定年度');
  }
  return { title, docNumber, issuer, issuedOn, year };
}
