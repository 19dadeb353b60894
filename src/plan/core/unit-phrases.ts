/**
 * Where and how a plan names the units of a task or a heading (pure):
 * - labelled: （牵头单位：A；责任单位：B、C）, also in 〔〕 【】 [] brackets, or on lines of their own after the task;
 * - phrased: （A牵头，B配合）, （A牵头，B按职责分工负责）, （A、B按职责分工负责）, （A负责）, A会同B;
 * - a plain list in brackets at the end of a task: （A、B、C） — responsible, unless the plan's own rule
 *   (“第一责任单位为牵头单位”) makes the first one the lead;
 * - a completion time inside the unit brackets (“…，6月底前完成”, “完成时限：2021年底前”) is a deadline phrase,
 *   handed back as `deadline`, not a unit.
 * Names are returned as written (see unit-list.ts for how lists are split).
 */
import { re } from './script.js';
import { looksLikeUnit, splitUnitList } from './unit-list.js';

export interface RawUnits {
  lead: string[];
  responsible: string[];
  related: boolean;
  /** Completion-time phrases found among the units, for the deadline extraction. */
  deadline: string[];
  /**
   * Units the plan's own rule inside the list gives to every task from this one on (“以下各任务均需各县市人民政府
   * 落实，不再一一列出”): responsible units of this and the later tasks.
   */
  carry?: string[];
}

/** A plan's rule inside a unit list: the units named apply to all the following tasks. */
const CARRY_RE = re(
  '^(?:以下|下列|后续|此后|以后|其余)(?:各项?|所有|全部)?(?:任务|工作|措施|事项|举措)?(?:均|都|皆|也)?(?:需|须|需要|要|由|应由)(.+?)(?:共同|按职责)?(?:落实|负责|参与|配合|承担|推进)$',
);
/** The note that goes with it: “不再一一列出”. */
const CARRY_NOTE_RE = re('^(?:不再|不)一一(?:列出|列明|标注|注明)$|^下同$');

const ROLE_WORDS =
  '牵头责任单位|牵头责任部门|协同责任单位|协同责任部门|配合责任单位|配合责任部门|参与责任单位|参与责任部门|牵头单位|牵头部门|主责单位|主责部门|责任单位|责任部门|责任主体|配合单位|配合部门|参与单位|参与部门|协同单位|协同部门|协办单位|协办部门|牵头|配合';
const TIME_WORDS = '完成时限|完成时间|时间节点|完成期限|时限要求|时间要求|时限|进度安排';
const LABEL_RE = re(`(${ROLE_WORDS}|${TIME_WORDS})[：:]`, 'g');
const LEAD_LABEL = re('^(?:牵头责任单位|牵头责任部门|牵头单位|牵头部门|主责单位|主责部门|牵头)$');
const TIME_LABEL = re(`^(?:${TIME_WORDS})$`);
/** A label at the start of a line: the line lists units (or the time) of the item above. */
export const LABEL_LINE_RE = re(`^(?:${ROLE_WORDS}|${TIME_WORDS})[：:]`);

/** The plan's own rule that the first unit of a list leads: “第一责任单位为牵头单位”, “排在首位的为牵头单位”. */
export const FIRST_IS_LEAD_RE = re(
  '(?:第一(?:个|位)?|首位|排[在名]?第一位?|列第一位?|排[在名]?首位|排[在名]?最前|列首位|排名第一)[^。；，\\n]{0,10}?(?:为|是|即为|系)(?:牵头|主责|第一责任)(?:单位|部门)',
);

const DEADLINE_CLAUSE = re(
  '(?:\\d{4}年|\\d{1,2}月|年底|年内|年末|年度内|季度|半年|长期坚持|持续推进|持续开展|持续实施|长期推进|长期实施|常态化推进|前完成|底前|完成$)',
);

/** Normalises 〔〕 【】 ［］ [] to （） (same length: indices stay valid). */
export function normaliseBrackets(s: string): string {
  return s.replace(/[【〔［[﹝]/g, '（').replace(/[】〕］\]﹞]/g, '）');
}

/** Splits at ，；。 outside parentheses. */
function clauses(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (/[（(〔【［[]/.test(c)) depth++;
    else if (/[）)〕】］\]]/.test(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && /[，；。,;]/.test(c)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

const isDeadlineClause = (c: string) => DEADLINE_CLAUSE.test(c) && !looksLikeUnit(c);
const allUnits = (names: string[]) => names.length > 0 && names.every(looksLikeUnit);

const LEAD_PHRASE = re('^(.+?)牵头(?!单位|部门)(?:[、，]?(.*))?$');
const HELP_PHRASE = re('^(.+?)(?:配合|参与|协同|协助|协办|共同参与)$');
const DUTY_PHRASE = re(
  '^(.+?)(?:按职责分工负责|按照职责分工负责|按职责负责|按职能分工负责|按职能职责负责|分别负责|共同负责|负责落实|按职责分工落实|配合落实|负责)$',
);
/** A note on the plan's rule inside a unit list: “（第一责任单位为牵头单位，下同）”. */
const RULE_NOTE = re('[（(〔][^（）()〔〕]*(?:牵头单位|下同)[^（）()〔〕]*[）)〕]');

/**
 * A bare list in brackets is taken for units only when every name starts like a unit's name (its level or
 * place: 区…, 省…, 各…, 国网…): “（经营场所）” or “（含分支机构）” are not units.
 */
const PLAIN_NAME = re('^(?:[省市区县州旗盟镇乡村]|街道|各|国家|国网|人行|人民银行|中国|中共|共青团|团[省市区县]|自治|[\\u4e00-\\u9fa5]{1,8}[省市区县州旗])');

/** Units phrased without labels; undefined when the text is not (only) a unit phrase. */
function parsePhrased(c: string, firstIsLead: boolean): RawUnits | undefined {
  const out: RawUnits = { lead: [], responsible: [], related: false, deadline: [] };
  let plain: string[] = [];
  let explicit = false;
  const add = (into: string[], list: string): boolean => {
    const { names, related } = splitUnitList(list);
    if (!allUnits(names) && !(related && names.every(looksLikeUnit))) return false;
    into.push(...names);
    if (related) out.related = true;
    return true;
  };
  const one = (cl: string): boolean => {
    if (CARRY_NOTE_RE.test(cl)) return true;
    const carry = CARRY_RE.exec(cl);
    if (carry) {
      const { names, related } = splitUnitList(carry[1]);
      if (!allUnits(names)) return false;
      out.carry = [...(out.carry ?? []), ...names];
      if (related) out.related = true;
      return true;
    }
    if (isDeadlineClause(cl)) {
      out.deadline.push(cl);
      return true;
    }
    let m = LEAD_PHRASE.exec(cl);
    if (m) {
      explicit = true;
      const [a, b] = m[1].split(re('会同'));
      if (!add(out.lead, a)) return false;
      if (b && !add(out.responsible, b)) return false;
      return m[2] ? one(m[2]) : true;
    }
    if ((m = HELP_PHRASE.exec(cl)) || (m = DUTY_PHRASE.exec(cl))) {
      explicit = true;
      return add(out.responsible, m[1]);
    }
    const { names, related } = splitUnitList(cl);
    if (!names.length || !names.every((n) => looksLikeUnit(n) && PLAIN_NAME.test(n))) return false;
    plain.push(...names);
    if (related) out.related = true;
    return true;
  };
  for (const cl of clauses(c)) if (!one(cl)) return undefined;
  if (!plain.length && !out.lead.length && !out.responsible.length) return undefined;
  if (plain.length) {
    if (!explicit && firstIsLead) {
      out.lead.push(plain[0]);
      plain = plain.slice(1);
    }
    out.responsible.push(...plain);
  }
  return out;
}

/** Labelled units (牵头单位：…；责任单位：…); undefined when the text does not start with a label. */
function parseLabelled(c: string, firstIsLead: boolean): RawUnits | undefined {
  const labels = [...c.matchAll(LABEL_RE)];
  if (!labels.length || c.slice(0, labels[0].index).replace(/[，；。\s]/g, '') !== '') return undefined;
  const out: RawUnits = { lead: [], responsible: [], related: false, deadline: [] };
  let explicitLead = false;
  labels.forEach((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < labels.length ? labels[i + 1].index! : c.length;
    const body = c.slice(from, to).replace(/[，；。,;]+$/, '');
    if (TIME_LABEL.test(m[1])) {
      if (body.trim()) out.deadline.push(body.trim());
      return;
    }
    const into = LEAD_LABEL.test(m[1]) ? out.lead : out.responsible;
    for (const cl of clauses(body.replace(RULE_NOTE, ''))) {
      if (CARRY_NOTE_RE.test(cl)) continue;
      const carry = CARRY_RE.exec(cl);
      if (carry) {
        const { names, related } = splitUnitList(carry[1]);
        out.carry = [...(out.carry ?? []), ...names];
        if (related) out.related = true;
        continue;
      }
      if (isDeadlineClause(cl)) {
        out.deadline.push(cl);
        continue;
      }
      // "责任单位：市市场监督管理局牵头，市公安局…配合落实"
      const ph = LEAD_PHRASE.test(cl) || HELP_PHRASE.test(cl) || DUTY_PHRASE.test(cl) ? parsePhrased(cl, false) : undefined;
      if (ph && (ph.lead.length || ph.responsible.length)) {
        out.lead.push(...ph.lead);
        out.responsible.push(...ph.responsible);
        if (ph.related) out.related = true;
        if (ph.lead.length) explicitLead = true;
        continue;
      }
      const { names, related } = splitUnitList(cl);
      into.push(...names);
      if (related) out.related = true;
    }
  });
  if (firstIsLead && !explicitLead && !labels.some((m) => LEAD_LABEL.test(m[1])) && out.lead.length === 0 && out.responsible.length) {
    out.lead.push(out.responsible.shift()!);
  }
  return out;
}

/**
 * Units in a piece of text that is only about units (a bracket's content, a label line, a short
 * sentence “A牵头，B配合”); undefined when it is not. `plainOk`: accept a bare list of unit names.
 */
export function parseUnitText(c: string, firstIsLead: boolean, plainOk = true): RawUnits | undefined {
  const t = c.trim();
  if (!t) return undefined;
  const l = parseLabelled(t, firstIsLead);
  if (l) return l.lead.length || l.responsible.length || l.deadline.length ? l : undefined;
  if (!plainOk && !re('牵头|配合|参与|协同|协办|负责').test(t)) return undefined;
  const p = parsePhrased(t, firstIsLead);
  if (!p || (!p.lead.length && !p.responsible.length)) return undefined;
  return p;
}

const TRAILING_BRACKET = /（((?:[^（）]|（[^（）]*）)*)）[。；，]?$/;
const ANY_BRACKET = /（((?:[^（）]|（[^（）]*）)*)）/g;

/** Units at the end of a text (bracketed, labelled or a last sentence “A牵头，B配合。”) and the text without them. */
export function takeTrailingUnits(body: string, firstIsLead: boolean): { raw: RawUnits; rest: string } | undefined {
  const u = normaliseBrackets(body);
  const bm = TRAILING_BRACKET.exec(u);
  if (bm) {
    const raw = parseUnitText(body.slice(bm.index + 1, bm.index + 1 + bm[1].length), firstIsLead);
    if (raw) return { raw, rest: body.slice(0, bm.index) };
  }
  // labelled units after the text: "…。牵头单位：区发改委；责任单位：区财政局"
  const labels = [...u.matchAll(LABEL_RE)];
  for (const m of labels) {
    const at = m.index!;
    if (at > 0 && !/[。；）]/.test(u[at - 1])) continue;
    const tail = u.slice(at);
    if (/[。](?!$)/.test(tail.replace(/（[^（）]*）/g, ''))) continue;
    const raw = parseUnitText(body.slice(at).replace(/[。]$/, ''), firstIsLead);
    if (raw) return { raw, rest: body.slice(0, at) };
  }
  // a last sentence of units: "…。区发改委牵头，区财政局配合。"
  const sm = /(?<=。)([^。]+)。?$/.exec(u);
  if (sm) {
    const raw = parseUnitText(body.slice(sm.index, sm.index + sm[1].length), firstIsLead, false);
    if (raw) return { raw, rest: body.slice(0, sm.index) };
  }
  return undefined;
}

/**
 * Units in a bracket inside a text (a heading “（一）提升获电效率（区供电公司牵头）”, or a task
 * “推进企业开办（牵头单位：…）。全面推行…”). Labelled or phrased units anywhere; a plain list only
 * before `plainBefore` (the heading's end). Returns the text before and after the bracket.
 */
export function takeInnerUnits(body: string, firstIsLead: boolean, plainBefore: number): { raw: RawUnits; before: string; after: string } | undefined {
  const u = normaliseBrackets(body);
  for (const m of u.matchAll(ANY_BRACKET)) {
    const raw = parseUnitText(body.slice(m.index! + 1, m.index! + 1 + m[1].length), firstIsLead, m.index! < plainBefore);
    if (raw) return { raw, before: body.slice(0, m.index), after: body.slice(m.index! + m[0].length) };
  }
  return undefined;
}
