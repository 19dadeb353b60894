import { classifySize, fmt as fmtNumber, resolveIndustry, type SizeClass } from '../../enterprises/core/index.js';

/**
 * Eligibility rules as data. A rule is a tree of conditions over the enterprise profile combined
 * with AND (all) / OR (any) / NOT. Evaluation is three-valued (Kleene logic): a condition whose
 * data is missing is "unknown"; AND is false if any part is false, OR is true if any part is true,
 * otherwise unknown propagates. The outcome is eligible / not_eligible / unknown ("cannot tell").
 */
export type NumericField = 'registered_capital' | 'revenue' | 'employees' | 'assets' | 'age_years' | 'rd_ratio';
export type ListField = 'street' | 'industry' | 'size' | 'credit_grade' | 'legal_form';
export type Field = NumericField | ListField | 'qualification' | 'registered_on';
export type NumOp = '>=' | '>' | '<=' | '<' | '=' | 'between';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: NumericField; op: NumOp; value: number; value2?: number }
  /** industry: GB/T 4754-2017 codes matched by prefix (门类 letters match all their 大类). */
  | { field: ListField; op: 'in'; values: string[] }
  /** Holds a qualification tag valid on the evaluation date. */
  | { field: 'qualification'; op: 'has'; value: string }
  | { field: 'registered_on'; op: 'before' | 'on_or_after'; value: string };

/** Amounts are in 万元. */
export type AmountRule =
  | { kind: 'fixed'; amount: number }
  | { kind: 'rate'; field: NumericField; rate: number; cap?: number; floor?: number }
  | { kind: 'tiered'; field: NumericField; tiers: Array<{ min: number; amount: number }> };

export interface Qualification {
  tag: string;
  validFrom?: string | null;
  validTo?: string | null;
}

/** What rules read: an enterprise profile (all optional: the anonymous form fills a few). */
export interface Profile {
  street?: string | null;
  industryCode?: string | null;
  /** Given directly (anonymous form) or computed from industry, employees, revenue, assets. */
  sizeClass?: SizeClass | null;
  registeredOn?: string | null;
  registeredCapital?: number | null;
  revenue?: number | null;
  employees?: number | null;
  assets?: number | null;
  rdRatio?: number | null;
  creditGrade?: string | null;
  legalForm?: string | null;
  qualifications?: Qualification[] | null;
}

export type Outcome = 'eligible' | 'not_eligible' | 'unknown';
export type Status = 'held' | 'failed' | 'missing';

export interface Explanation {
  /** The condition in Chinese, e.g. "营业收入不低于 2,000 万元". */
  text: string;
  status: Status;
  /** What the profile says, e.g. "企业营业收入为 1,500 万元". */
  detail?: string;
  /** For missing data: how to supply it. */
  supply?: string;
  children?: Explanation[];
}

export interface FieldMeta {
  label: string;
  unit?: string;
  profileKey: keyof Profile;
  supply: string;
}

export const FIELDS: Record<Field, FieldMeta> = {
  street: { label: '所在街道', profileKey: 'street', supply: '在企业档案中填写“所在街道”' },
  industry: { label: '所属行业', profileKey: 'industryCode', supply: '在企业档案中填写国民经济行业代码（GB/T 4754-2017）' },
  size: {
    label: '企业规模',
    profileKey: 'sizeClass',
    supply: '在企业档案中填写行业、从业人员、营业收入和资产总额，系统按《统计上大中小微型企业划分办法（2017）》计算规模',
  },
  credit_grade: { label: '信用等级', profileKey: 'creditGrade', supply: '由主管部门在企业档案中登记信用等级' },
  legal_form: { label: '企业类型', profileKey: 'legalForm', supply: '在企业档案中填写企业类型（如有限责任公司）' },
  registered_capital: { label: '注册资本', unit: '万元', profileKey: 'registeredCapital', supply: '在企业档案中填写注册资本（万元）' },
  revenue: { label: '上年度营业收入', unit: '万元', profileKey: 'revenue', supply: '在企业档案中填写上年度营业收入（万元）' },
  employees: { label: '从业人员', unit: '人', profileKey: 'employees', supply: '在企业档案中填写从业人员数' },
  assets: { label: '资产总额', unit: '万元', profileKey: 'assets', supply: '在企业档案中填写资产总额（万元）' },
  rd_ratio: { label: '研发费用占营业收入比例', unit: '%', profileKey: 'rdRatio', supply: '在企业档案中填写上年度研发费用占营业收入的比例（%）' },
  age_years: { label: '成立年限', unit: '年', profileKey: 'registeredOn', supply: '在企业档案中填写成立日期' },
  registered_on: { label: '成立日期', profileKey: 'registeredOn', supply: '在企业档案中填写成立日期' },
  qualification: { label: '资质', profileKey: 'qualifications', supply: '在企业档案“资质”中登记该资质及其有效期' },
};

const fmt = (n: number) => fmtNumber(n);
/** "企业所在街道", but "企业规模" (not "企业企业规模"). */
const ofFirm = (label: string) => (label.startsWith('企业') ? label : `企业${label}`);
const OP_TEXT: Record<Exclude<NumOp, 'between'>, string> = { '>=': '不低于', '>': '高于', '<=': '不高于', '<': '低于', '=': '等于' };

export function industryName(code: string): string {
  const r = resolveIndustry(code);
  if ('error' in r) return code;
  return r.division ? `${r.code} ${r.division.name}` : `${r.section.code} ${r.section.name}`;
}

/** The condition as readable Chinese (one line; nested groups in parentheses). */
export function describe(c: Condition): string {
  if ('all' in c) return c.all.length === 1 ? describe(c.all[0]!) : c.all.map((x) => wrap(x)).join('，并且');
  if ('any' in c) return c.any.length === 1 ? describe(c.any[0]!) : c.any.map((x) => wrap(x)).join('，或者');
  if ('not' in c) return `不满足：${wrap(c.not)}`;
  const m = FIELDS[c.field];
  switch (c.op) {
    case 'in':
      if (c.field === 'industry') return `${m.label}属于${c.values.map(industryName).join('、')}`;
      return `${m.label}为${c.values.join('、')}${c.values.length > 1 ? '之一' : ''}`;
    case 'has':
      return `具有有效的“${c.value}”资质`;
    case 'before':
      return `${m.label}早于 ${c.value}`;
    case 'on_or_after':
      return `${m.label}在 ${c.value} 或之后`;
    case 'between':
      return `${m.label}在 ${fmt(c.value)}–${fmt(c.value2 ?? c.value)}${m.unit ?? ''} 之间（含）`;
    default:
      return `${m.label}${OP_TEXT[c.op]} ${fmt(c.value)}${m.unit ?? ''}`;
  }
}
const wrap = (c: Condition) => (('all' in c && c.all.length > 1) || ('any' in c && c.any.length > 1) ? `（${describe(c)}）` : describe(c));

export function describeAmount(a: AmountRule | null | undefined): string | null {
  if (!a) return null;
  if (a.kind === 'fixed') return `${fmt(a.amount)} 万元`;
  const f = FIELDS[a.field];
  if (a.kind === 'rate')
    return `${f.label}的 ${fmt(a.rate * 100)}%${a.floor !== undefined ? `，最低 ${fmt(a.floor)} 万元` : ''}${a.cap !== undefined ? `，最高 ${fmt(a.cap)} 万元` : ''}`;
  return `按${f.label}分档：${[...a.tiers]
    .sort((x, y) => x.min - y.min)
    .map((t) => `${fmt(t.min)}${f.unit ?? ''}以上 ${fmt(t.amount)} 万元`)
    .join('；')}`;
}

/** Full years between two ISO dates. */
export function fullYears(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

/** Size class from the profile when not given (null when it cannot be computed). */
export function profileSize(p: Profile): SizeClass | null {
  if (p.sizeClass) return p.sizeClass;
  if (!p.industryCode) return null;
  return classifySize({ industry: p.industryCode, employees: p.employees, revenue: p.revenue, assets: p.assets }).size;
}

export function numericValue(p: Profile, field: NumericField, asOf: string): number | null {
  if (field === 'age_years') return p.registeredOn ? fullYears(p.registeredOn, asOf) : null;
  const v = p[FIELDS[field].profileKey] as number | null | undefined;
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

export function industryMatches(code: string, pattern: string): boolean {
  const c = code.toUpperCase();
  const p = pattern.toUpperCase();
  if (/^[A-T]$/.test(p)) {
    const r = resolveIndustry(c);
    return !('error' in r) && r.section.code === p;
  }
  return c.replace(/^[A-T](?=\d)/, '').startsWith(p);
}

export function qualificationValid(q: Qualification, asOf: string): boolean {
  return (!q.validFrom || q.validFrom <= asOf) && (!q.validTo || q.validTo >= asOf);
}

function leaf(c: Exclude<Condition, { all: Condition[] } | { any: Condition[] } | { not: Condition }>, p: Profile, asOf: string): Explanation {
  const text = describe(c);
  const m = FIELDS[c.field];
  const missing = (): Explanation => ({ text, status: 'missing', detail: `缺少${m.label}`, supply: m.supply });
  const res = (ok: boolean, detail: string): Explanation => ({ text, status: ok ? 'held' : 'failed', detail });
  switch (c.op) {
    case 'in': {
      const v = c.field === 'size' ? profileSize(p) : (p[m.profileKey] as string | null | undefined);
      if (!v) return missing();
      if (c.field === 'industry')
        return res(
          c.values.some((x) => industryMatches(v, x)),
          `企业所属行业为 ${industryName(v)}`,
        );
      return res(c.values.includes(v), `${ofFirm(m.label)}为${v}`);
    }
    case 'has': {
      const qs = p.qualifications;
      if (qs === undefined || qs === null) return missing();
      const q = qs.filter((x) => x.tag === c.value);
      if (q.length === 0) return res(false, `企业档案中没有“${c.value}”资质`);
      const valid = q.find((x) => qualificationValid(x, asOf));
      if (valid) return res(true, `“${c.value}”资质有效${valid.validTo ? `至 ${valid.validTo}` : ''}`);
      return res(false, `“${c.value}”资质在 ${asOf} 不在有效期内（${q.map((x) => `${x.validFrom ?? '…'} 至 ${x.validTo ?? '…'}`).join('；')}）`);
    }
    case 'before':
    case 'on_or_after': {
      if (!p.registeredOn) return missing();
      return res(c.op === 'before' ? p.registeredOn < c.value : p.registeredOn >= c.value, `企业成立于 ${p.registeredOn}`);
    }
    default: {
      const v = numericValue(p, c.field, asOf);
      if (v === null) return missing();
      const ok =
        c.op === '>='
          ? v >= c.value
          : c.op === '>'
            ? v > c.value
            : c.op === '<='
              ? v <= c.value
              : c.op === '<'
                ? v < c.value
                : c.op === '='
                  ? v === c.value
                  : v >= c.value && v <= (c.value2 ?? c.value);
      return res(ok, c.field === 'age_years' ? `企业成立于 ${p.registeredOn}，至 ${asOf} 满 ${v} 年` : `${ofFirm(m.label)}为 ${fmt(v)}${m.unit ?? ''}`);
    }
  }
}

/** Evaluates a condition tree with a condition-by-condition explanation. */
export function explain(c: Condition, p: Profile, asOf: string): Explanation {
  if ('all' in c || 'any' in c) {
    const isAll = 'all' in c;
    const children = (isAll ? c.all : c.any).map((x) => explain(x, p, asOf));
    const st = children.map((x) => x.status);
    const status: Status = isAll
      ? st.includes('failed')
        ? 'failed'
        : st.includes('missing')
          ? 'missing'
          : 'held'
      : st.includes('held')
        ? 'held'
        : st.includes('missing')
          ? 'missing'
          : 'failed';
    return { text: isAll ? '同时满足以下全部条件' : '满足以下任一条件', status, children };
  }
  if ('not' in c) {
    const inner = explain(c.not, p, asOf);
    const status: Status = inner.status === 'held' ? 'failed' : inner.status === 'failed' ? 'held' : 'missing';
    return { text: '不得满足以下条件', status, children: [inner] };
  }
  return leaf(c, p, asOf);
}

const tierOf = (tiers: Array<{ min: number; amount: number }>, v: number) => [...tiers].sort((x, y) => y.min - x.min).find((t) => v >= t.min);

/**
 * The amount alone (no text), given the value of the rule's field (`null` when missing): what
 * `computeAmount` returns as `amount`, for bulk matching.
 */
export function amountValue(a: AmountRule | null | undefined, v: number | null): number | null {
  if (!a) return null;
  if (a.kind === 'fixed') return a.amount;
  if (v === null) return null;
  if (a.kind === 'rate') {
    let amt = v * a.rate;
    if (a.floor !== undefined) amt = Math.max(amt, a.floor);
    if (a.cap !== undefined) amt = Math.min(amt, a.cap);
    return Math.round(amt * 100) / 100;
  }
  return tierOf(a.tiers, v)?.amount ?? 0;
}

export function computeAmount(a: AmountRule | null | undefined, p: Profile, asOf: string): { amount: number | null; text: string | null } {
  if (!a) return { amount: null, text: null };
  if (a.kind === 'fixed') return { amount: a.amount, text: `定额 ${fmt(a.amount)} 万元` };
  const v = numericValue(p, a.field, asOf);
  const f = FIELDS[a.field];
  if (v === null) return { amount: null, text: `金额需${f.label}：${f.supply}` };
  if (a.kind === 'rate') {
    const amt = amountValue(a, v)!;
    const raw = v * a.rate;
    return {
      amount: amt,
      text: `${f.label} ${fmt(v)}${f.unit ?? ''} × ${fmt(a.rate * 100)}% = ${fmt(Math.round(raw * 100) / 100)} 万元${amt !== Math.round(raw * 100) / 100 ? `，按上下限取 ${fmt(amt)} 万元` : ''}`,
    };
  }
  const tier = tierOf(a.tiers, v);
  if (!tier) return { amount: 0, text: `${f.label} ${fmt(v)}${f.unit ?? ''} 未达到最低档` };
  return { amount: tier.amount, text: `${f.label} ${fmt(v)}${f.unit ?? ''}，适用“${fmt(tier.min)}${f.unit ?? ''}以上”档，${fmt(tier.amount)} 万元` };
}

export interface Evaluation {
  outcome: Outcome;
  amount: number | null;
  amountText: string | null;
  explanation: Explanation;
  /** Missing data as flat list: label and how to supply it. */
  missing: Array<{ text: string; supply: string }>;
}

function collectMissing(e: Explanation, out: Array<{ text: string; supply: string }>): void {
  if (e.status !== 'missing') return;
  if (e.supply && !out.some((x) => x.supply === e.supply)) out.push({ text: e.text, supply: e.supply });
  for (const c of e.children ?? []) collectMissing(c, out);
}

export function evaluate(rule: { condition: Condition; amount?: AmountRule | null }, p: Profile, asOf: string): Evaluation {
  const explanation = explain(rule.condition, p, asOf);
  const outcome: Outcome = explanation.status === 'held' ? 'eligible' : explanation.status === 'failed' ? 'not_eligible' : 'unknown';
  const missing: Array<{ text: string; supply: string }> = [];
  collectMissing(explanation, missing);
  const amt = outcome === 'eligible' ? computeAmount(rule.amount, p, asOf) : { amount: null, text: null };
  return { outcome, amount: amt.amount, amountText: amt.text, explanation, missing };
}

/** Checks a rule's shape (what the builder or an API client sends); returns problems in Chinese. */
export function validateCondition(c: unknown, path = '条件'): string[] {
  if (!c || typeof c !== 'object') return [`${path}：不是条件`];
  const o = c as Record<string, unknown>;
  if ('all' in o || 'any' in o) {
    const list = (o.all ?? o.any) as unknown;
    if (!Array.isArray(list) || list.length === 0) return [`${path}：条件组不能为空`];
    return list.flatMap((x, i) => validateCondition(x, `${path}.${i + 1}`));
  }
  if ('not' in o) return validateCondition(o.not, `${path}（非）`);
  const field = o.field as Field;
  if (!field || !Object.hasOwn(FIELDS, field)) return [`${path}：未知字段“${String(o.field)}”`];
  const op = o.op as string;
  if (['street', 'industry', 'size', 'credit_grade', 'legal_form'].includes(field)) {
    if (op !== 'in' || !Array.isArray(o.values) || o.values.length === 0) return [`${path}：${FIELDS[field].label}须列出至少一个取值`];
    if (field === 'industry') return (o.values as string[]).filter((v) => 'error' in resolveIndustry(String(v))).map((v) => `${path}：行业代码“${v}”无效`);
    return [];
  }
  if (field === 'qualification') return op === 'has' && typeof o.value === 'string' && o.value ? [] : [`${path}：须给出资质名称`];
  if (field === 'registered_on')
    return (op === 'before' || op === 'on_or_after') && /^\d{4}-\d{2}-\d{2}$/.test(String(o.value))
      ? []
      : [`${path}：成立日期条件须为“早于/不早于 YYYY-MM-DD”`];
  if (!['>=', '>', '<=', '<', '=', 'between'].includes(op)) return [`${path}：未知比较“${op}”`];
  if (typeof o.value !== 'number' || !Number.isFinite(o.value)) return [`${path}：须给出数值`];
  if (op === 'between' && (typeof o.value2 !== 'number' || o.value2 < o.value)) return [`${path}：区间上限须不小于下限`];
  return [];
}
