/**
 * Plan text → ParsedPlan. Pure: no I/O.
 *
 * The genre: a notice wrapper (issuer, title 关于印发《…》的通知, 文号, date) and the plan body (title,
 * preamble), then sections 一、, subsections （一）, and measures 1. 2. … numbered through the whole
 * plan. Subsection headings may name units "（牵头单位：…，责任单位：…）"; a measure may end with its
 * own units in parentheses, which then replace the inherited ones.
 *
 * Lines: a line that starts with a section, subsection or measure marker starts a new item; any other
 * line continues the current item (a .docx may split a paragraph). A line holding the next expected
 * item after a full stop (“…。3.完善…”) is split there (a .docx may join paragraphs).
 */
import { checkReadable, normalizeText } from './decode.js';
import { extractDeadlines } from './deadlines.js';
import { PlanParseError } from './errors.js';
import { extractTargets } from './targets.js';
import type { ParsedMeasure, ParsedPlan, ParsedSection, ParsedSubsection, PlanWarning } from './types.js';
import { createUnitDirectory, type UnitEntry } from '../../units/index.js';
import { splitUnitList } from './unit-list.js';

export interface ParsePlanOptions {
  /** Plan year when neither the title nor the date line gives one. */
  year?: number;
  /** Extra units (a district's own) added to the built-in directory. */
  units?: readonly UnitEntry[];
}

const CN_NUM = '一二三四五六七八九十';
const SECTION_RE = /^([一二三四五六七八九十]{1,3})、(.*)$/;
const SUBSECTION_RE = /^（([一二三四五六七八九十]{1,3})）(.*)$/;
const MEASURE_RE = /^(\d{1,3})[.、](?!\d)(.*)$/;

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

const ROLE_LABEL = /(牵头单位|牵头部门|主责单位|主责部门|责任单位|责任部门|配合单位|配合部门|参与单位|协同单位|协办单位)[：:]/g;
const LEAD_LABELS = new Set(['牵头单位', '牵头部门', '主责单位', '主责部门']);
const UNITS_BODY = '(?:牵头|主责|责任|配合|参与|协同|协办)(?:单位|部门)：(?:[^（）]|（[^（）]*）)*';
const UNITS_PAREN_RE = new RegExp(`（(${UNITS_BODY})）`);
const UNITS_PAREN_END_RE = new RegExp(`（(${UNITS_BODY})）[。；]?$`);
/** "（区发展改革委牵头，区财政局配合）" */
const UNITS_SHORT_END_RE = /（([^（）：。]{2,80}?)牵头(?:[，；]([^（）：。]{2,200}?)(?:配合|参与|按职责分工负责|负责))?）[。；]?$/;

interface RawUnits {
  lead: string[];
  responsible: string[];
  related: boolean;
}

/** Units written on their own after the text: "…。牵头单位：区发改委；责任单位：区财政局" */
const UNITS_BARE_END_RE = new RegExp(`(?<=^|[。；])(${UNITS_BODY.replace('(?:[^（）]|（[^（）]*）)*', '[^。（）]*')})[。]?$`);

/** Units at the end of an item's text, in any of the three forms, and the text without them. */
function takeTrailingUnits(body: string): { raw: RawUnits; rest: string } | undefined {
  const um = UNITS_PAREN_END_RE.exec(body) ?? UNITS_BARE_END_RE.exec(body);
  if (um) return { raw: parseUnitsBody(um[1]), rest: body.slice(0, um.index) };
  const sm = UNITS_SHORT_END_RE.exec(body);
  if (sm) {
    const a = splitUnitList(sm[1]);
    const b = sm[2] ? splitUnitList(sm[2]) : { names: [], related: false };
    return { raw: { lead: a.names, responsible: b.names, related: a.related || b.related }, rest: body.slice(0, sm.index) };
  }
  return undefined;
}

function parseUnitsBody(body: string): RawUnits {
  const out: RawUnits = { lead: [], responsible: [], related: false };
  const labels = [...body.matchAll(ROLE_LABEL)];
  labels.forEach((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < labels.length ? labels[i + 1].index! : body.length;
    const list = body.slice(from, to).replace(/[，；。,;]+$/, '');
    const { names, related } = splitUnitList(list);
    (LEAD_LABELS.has(m[1]) ? out.lead : out.responsible).push(...names);
    if (related) out.related = true;
  });
  return out;
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

interface Piece {
  text: string;
  line: number;
}

interface OpenSection {
  section: ParsedSection;
  line: number;
}
interface OpenSub {
  sub: ParsedSubsection;
  rest: Piece[];
  line: number;
}
interface OpenMeasure {
  number: number;
  rest: Piece[];
  line: number;
  sub: ParsedSubsection;
}

const DATE_LINE_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const CN_DATE_LINE_RE = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
const DOCNO_LINE_RE = /^([\u4e00-\u9fa5A-Za-z]{1,16})\s*[〔［[【﹝（]\s*(\d{4})\s*[〕］\]】﹞）]\s*第?\s*(\d{1,4})\s*号$/;
const DOCNO_INLINE_RE = /([\u4e00-\u9fa5]{1,16})[〔［[【﹝]\s*(\d{4})\s*[〕］\]】﹞]\s*第?\s*(\d{1,4})\s*号/;
const ORG_LINE_RE = /(?:人民政府|政府|办公室|办公厅|委员会|领导小组|指挥部|局|委|办|中心)$/;

function dateOfLine(line: string): string | undefined {
  let m = DATE_LINE_RE.exec(line);
  let y: number, mo: number, d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = CN_DATE_LINE_RE.exec(line);
    if (!m) return undefined;
    y = Number([...m[1]].map((c) => '〇一二三四五六七八九'.indexOf(c === '○' || c === '零' ? '〇' : c)).join(''));
    mo = cnToInt(m[2]);
    d = cnToInt(m[3]);
  }
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

const isParagraph = (l: string) => /[。，；：、]$/.test(l) || l.length > 60;
const isStopLine = (l: string) => Boolean(dateOfLine(l)) || DOCNO_LINE_RE.test(l) || /^（[^）]*）$/.test(l) || /[：]$/.test(l) || /^(?:抄送|主送|附件)/.test(l);

export function parsePlanText(input: string, opts: ParsePlanOptions = {}): ParsedPlan {
  const text = normalizeText(input);
  if (text.trim() === '') throw new PlanParseError(1, '文件为空，应为实施方案文本');
  checkReadable(text, 'text');
  const units = createUnitDirectory(opts.units);
  const lines = text.split('\n');
  const warnings: PlanWarning[] = [];

  // --- where the body starts and ends
  let first = -1;
  for (let i = 0; i < lines.length; i++)
    if (SECTION_RE.test(lines[i].trim())) {
      first = i;
      break;
    }
  if (first < 0) {
    throw new PlanParseError(lines.length, '全文未找到章节标题（应为“一、……”），不是实施方案格式的文件');
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

  // --- metadata
  const meta = parseMetadata(header, trailer, opts, first + 1);

  // --- body
  const sections: ParsedSection[] = [];
  let sec: OpenSection | undefined;
  let sub: OpenSub | undefined;
  let mea: OpenMeasure | undefined;
  let lastMeasure = 0;
  const warnedUnits = new Set<string>();

  const resolveUnits = (raw: RawUnits, line: number) => {
    const canon = (names: string[]) =>
      names.map((n) => {
        const c = units.canonical(n);
        if (c) return c;
        if (!warnedUnits.has(n)) {
          warnedUnits.add(n);
          warnings.push({ code: 'unknown-unit', line, message: `第${line}行：单位“${n}”不在单位名录中，已按原文保留` });
        }
        return n;
      });
    const uniq = (xs: string[]) => [...new Set(xs)];
    return { lead: uniq(canon(raw.lead)), responsible: uniq(canon(raw.responsible)), related: raw.related };
  };

  const closeMeasure = () => {
    if (!mea) return;
    const m = mea;
    mea = undefined;
    let body = m.rest.map((p) => p.text).join('');
    const lastLine = m.rest.length ? m.rest[m.rest.length - 1].line : m.line;
    const units = takeTrailingUnits(body);
    const own = units?.raw;
    if (units) body = units.rest;
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
    const { lead, responsible, related } = own
      ? resolveUnits(own, lastLine)
      : { lead: m.sub.leadUnits, responsible: m.sub.responsibleUnits, related: subRelated.get(m.sub) ?? false };
    const measure: ParsedMeasure = {
      number: m.number,
      title,
      text: mtext,
      leadUnits: [...lead],
      responsibleUnits: [...responsible],
      relatedDepartments: related,
      targets: extractTargets(content),
      deadlines: extractDeadlines(content, meta.year),
    };
    m.sub.measures.push(measure);
  };

  const subRelated = new Map<ParsedSubsection, boolean>();
  /** Merges a subsection's continuation lines into its text and takes units from its end (once). */
  const settleSub = (o: OpenSub) => {
    const more = o.rest.map((p) => p.text).join('');
    o.rest = [];
    if (more) o.sub.text = (o.sub.text + more).trim();
    const tu = o.sub.leadUnits.length === 0 && o.sub.responsibleUnits.length === 0 ? takeTrailingUnits(o.sub.text) : undefined;
    if (tu) {
      const r = resolveUnits(tu.raw, o.line);
      o.sub.text = tu.rest.trim();
      o.sub.leadUnits = r.lead;
      o.sub.responsibleUnits = r.responsible;
      subRelated.set(o.sub, r.related);
    }
  };
  const closeSub = () => {
    closeMeasure();
    if (!sub) return;
    settleSub(sub);
    sub = undefined;
  };
  const closeSection = () => {
    closeSub();
    sec = undefined;
  };
  /** Text or measures directly under a section (before any （一）) go to an implicit subsection 0. */
  const openImplicit = (line: number): OpenSub => {
    const implicit: ParsedSubsection = { number: 0, title: '', text: '', leadUnits: [], responsibleUnits: [], measures: [] };
    sec!.section.subsections.push(implicit);
    sub = { sub: implicit, rest: [], line };
    return sub;
  };

  /** Where the next expected item starts inside a piece of text (joined paragraphs), or -1. */
  const embeddedSplit = (t: string, afterSectionHeading: boolean): number => {
    const cands: number[] = [];
    const nm = new RegExp(`(?<=[。；）])${lastMeasure + 1}[.、](?!\\d)`).exec(t);
    if (nm) cands.push(nm.index);
    const nextSub = intToCn((sub?.sub.number ?? 0) + 1);
    const ns = new RegExp(afterSectionHeading ? `（${nextSub}）` : `(?<=[。）])（${nextSub}）`).exec(t);
    if (ns && ns.index > 0) cands.push(ns.index);
    if (sec) {
      const nx = new RegExp(`(?<=。)${intToCn(sec.section.number + 1)}、`).exec(t);
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
    const t = piece.text;
    const line = piece.line;
    let m: RegExpExecArray | null;
    if ((m = SECTION_RE.exec(t))) {
      const n = cnToInt(m[1]);
      const expected = (sec?.section.number ?? sections.length) + 1;
      if (n !== expected) throw new PlanParseError(line, `应为章节编号“${intToCn(expected)}、”，实际为“${m[1]}、”`);
      closeSection();
      let rest = m[2];
      const section: ParsedSection = { number: n, title: '', subsections: [] };
      sections.push(section);
      sec = { section, line };
      const split = embeddedSplit(rest, true);
      if (split > 0) {
        queue.unshift({ text: rest.slice(split), line });
        rest = rest.slice(0, split);
      }
      const stop = firstStop(rest);
      section.title = (stop >= 0 ? rest.slice(0, stop) : rest).trim();
      if (stop >= 0 && rest.slice(stop + 1).trim()) openImplicit(line).rest.push({ text: rest.slice(stop + 1).trim(), line });
      continue;
    }
    if ((m = SUBSECTION_RE.exec(t))) {
      if (!sec) throw new PlanParseError(line, `应为章节标题“一、……”，实际为“${t.slice(0, 20)}”`);
      const n = cnToInt(m[1]);
      const expected = (sub?.sub.number ?? lastSubNumber(sec.section)) + 1;
      if (n !== expected) throw new PlanParseError(line, `应为小节编号“（${intToCn(expected)}）”，实际为“（${m[1]}）”`);
      closeSub();
      let rest = m[2];
      const subsection: ParsedSubsection = { number: n, title: '', text: '', leadUnits: [], responsibleUnits: [], measures: [] };
      sec.section.subsections.push(subsection);
      sub = { sub: subsection, rest: [], line };
      const split = embeddedSplit(rest, false);
      if (split > 0) {
        queue.unshift({ text: rest.slice(split), line });
        rest = rest.slice(0, split);
      }
      const um = UNITS_PAREN_RE.exec(rest);
      const stop = firstStop(rest);
      if (um && (stop < 0 || um.index < stop)) {
        subsection.title = rest.slice(0, um.index).trim();
        const r = resolveUnits(parseUnitsBody(um[1]), line);
        subsection.leadUnits = r.lead;
        subsection.responsibleUnits = r.responsible;
        subRelated.set(subsection, r.related);
        subsection.text = rest
          .slice(um.index + um[0].length)
          .replace(/^[。；，]/, '')
          .trim();
      } else if (stop >= 0) {
        subsection.title = rest.slice(0, stop).trim();
        subsection.text = rest.slice(stop + 1).trim();
      } else subsection.title = rest.trim();
      if (!um) {
        // "（一）提升获电效率（区供电公司牵头，区城管局配合）"
        const tu = takeTrailingUnits(subsection.title);
        if (tu?.rest.trim()) {
          const r = resolveUnits(tu.raw, line);
          subsection.title = tu.rest.trim();
          subsection.leadUnits = r.lead;
          subsection.responsibleUnits = r.responsible;
          subRelated.set(subsection, r.related);
        }
      }
      continue;
    }
    if ((m = MEASURE_RE.exec(t)) && sec) {
      const n = Number(m[1]);
      const expected = lastMeasure + 1;
      if (n !== expected) throw new PlanParseError(line, `应为措施编号“${expected}.”，实际为“${m[1]}.”`);
      closeMeasure();
      if (sub && !sub.sub.measures.length) settleSub(sub);
      if (!sub) sub = openImplicit(line);
      lastMeasure = n;
      let rest = m[2];
      const split = embeddedSplit(rest, false);
      if (split > 0) {
        queue.unshift({ text: rest.slice(split), line });
        rest = rest.slice(0, split);
      }
      mea = { number: n, rest: [{ text: rest, line }], line, sub: sub.sub };
      continue;
    }
    // a continuation line
    let rest = t;
    const split = embeddedSplit(rest, !sub && !mea);
    if (split > 0) {
      queue.unshift({ text: rest.slice(split), line });
      rest = rest.slice(0, split);
    }
    if (mea) mea.rest.push({ text: rest, line });
    else if (sub) sub.rest.push({ text: rest, line });
    else if (sec) {
      // a section title split over two lines, or text before the first subsection
      if (!/[。；]/.test(rest) && sec.section.title.length + rest.length <= 40 && sec.line === line - 1) {
        sec.section.title += rest;
      } else openImplicit(line).rest.push({ text: rest, line });
    }
  }
  closeSection();
  if (lastMeasure === 0) {
    throw new PlanParseError(last + 1, '全文未找到编号措施（应为“1.……”），不是实施方案格式的文件');
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

function lastSubNumber(s: ParsedSection): number {
  const l = s.subsections[s.subsections.length - 1];
  return l ? l.number : 0;
}

/** Lines after the body: signature, date, 此件公开发布, 抄送, 印发. */
function isTrailer(l: string): boolean {
  return (
    Boolean(dateOfLine(l)) ||
    /^（此件[^）]*）$/.test(l) ||
    /^(?:抄送|主送)：/.test(l) ||
    /印发$/.test(l) ||
    (l.length <= 30 && !/[。，；：]/.test(l) && ORG_LINE_RE.test(l) && !SECTION_RE.test(l) && !SUBSECTION_RE.test(l) && !MEASURE_RE.test(l))
  );
}

interface Meta {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  year: number;
}

function parseMetadata(header: Piece[], trailer: Piece[], opts: ParsePlanOptions, firstSectionLine: number): Meta {
  // 文号
  let docNumber: string | null = null;
  for (const p of header) {
    const m = DOCNO_LINE_RE.exec(p.text);
    if (m) {
      docNumber = `${m[1]}〔${m[2]}〕${Number(m[3])}号`;
      break;
    }
  }
  if (!docNumber) {
    for (const p of header) {
      if (isParagraph(p.text)) continue;
      const m = DOCNO_INLINE_RE.exec(p.text);
      if (m) {
        docNumber = `${m[1]}〔${m[2]}〕${Number(m[3])}号`;
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
    if (prev && !isParagraph(prev) && prev.length <= 40 && ORG_LINE_RE.test(prev)) issuer = prev;
    break;
  }
  if (!issuer) {
    const k = header.findIndex((p) => /^关于/.test(p.text));
    const prev = k > 0 ? header[k - 1].text : undefined;
    if (prev && ORG_LINE_RE.test(prev) && !isParagraph(prev)) issuer = prev;
  }
  // the body title: the title lines right before the preamble (walking back from the first section)
  let i = header.length - 1;
  while (i >= 0 && isParagraph(header[i].text)) i--;
  const titleLines: string[] = [];
  while (i >= 0 && titleLines.length < 3 && !isParagraph(header[i].text) && !isStopLine(header[i].text) && header[i].text !== issuer) {
    titleLines.unshift(header[i].text);
    i--;
  }
  let title = titleLines.join('');
  const quoted = /《([^》]+)》/.exec(title);
  if (/^关于/.test(title) && quoted) title = quoted[1];
  if (!title) {
    const notice = header.map((p) => p.text).join('');
    const q = /关于印发《([^》]+)》/.exec(notice);
    if (q) title = q[1];
  }
  if (!title) throw new PlanParseError(Math.max(1, firstSectionLine - 1), '未找到方案标题（应在第一个章节“一、”之前）');
  // the plan year
  const ty = /(\d{4})(?:年|—|-)/.exec(title);
  let year = ty ? Number(ty[1]) : NaN;
  if (!Number.isFinite(year) && issuedOn) year = Number(issuedOn.slice(0, 4));
  if (!Number.isFinite(year) && opts.year) year = opts.year;
  if (!Number.isFinite(year) && docNumber) year = Number(/〔(\d{4})〕/.exec(docNumber)![1]);
  if (!Number.isFinite(year)) throw new PlanParseError(1, '无法确定方案年度：标题和成文日期中都没有年份');
  return { title, docNumber, issuer, issuedOn, year };
}
