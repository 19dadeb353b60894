import { checkCreditCode } from './credit-code.js';
import { resolveIndustry } from './industry.js';
import { classifySize, type SizeClass } from './size.js';

/** An enterprise profile as entered (form, API, import row). Money in 万元. */
export interface EnterpriseInput {
  creditCode: string;
  name: string;
  legalForm?: string | null;
  registeredOn?: string | null;
  registeredCapital?: number | null;
  street?: string | null;
  industryCode?: string | null;
  employees?: number | null;
  revenue?: number | null;
  assets?: number | null;
  rdRatio?: number | null;
  creditGrade?: string | null;
  qualifications?: QualificationInput[];
}
export interface QualificationInput {
  tag: string;
  validFrom?: string | null;
  validTo?: string | null;
  certificateNo?: string | null;
}

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'];
export const QUALIFICATION_TAGS = ['高新技术企业', '科技型企业', '专精特新', '专精特新“小巨人”', '创新型中小企业', '规上企业', '总部企业', '技术创新示范企业'];

export interface FieldProblem {
  field: string;
  message: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => ISO.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Checks and normalises a profile; returns the normalised profile or the problems (field names in Chinese). */
export function normaliseEnterprise(input: EnterpriseInput): { value?: EnterpriseInput & { sizeClass: SizeClass | null }; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const cc = checkCreditCode(input.creditCode ?? '');
  if (!cc.valid) problems.push({ field: '统一社会信用代码', message: cc.reason! });
  const name = (input.name ?? '').trim();
  if (!name) problems.push({ field: '企业名称', message: '不能为空' });
  const blank = (s: string | null | undefined) => (s === undefined || s === null || String(s).trim() === '' ? null : String(s).trim());
  const registeredOn = blank(input.registeredOn);
  if (registeredOn && !validDate(registeredOn)) problems.push({ field: '成立日期', message: `“${registeredOn}”不是 YYYY-MM-DD 日期` });
  let industryCode = blank(input.industryCode)?.toUpperCase() ?? null;
  if (industryCode) {
    const r = resolveIndustry(industryCode);
    if ('error' in r) problems.push({ field: '行业代码', message: r.error });
    else industryCode = r.code;
  }
  const nonNeg = (field: string, v: number | null | undefined, integer = false) => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
      problems.push({ field, message: `“${v}”不是${integer ? '非负整数' : '非负数'}` });
      return null;
    }
    return v;
  };
  const creditGrade = blank(input.creditGrade)?.toUpperCase() ?? null;
  if (creditGrade && !CREDIT_GRADES.includes(creditGrade)) problems.push({ field: '信用等级', message: `应为 ${CREDIT_GRADES.join('/')} 之一` });
  const qualifications: QualificationInput[] = [];
  for (const q of input.qualifications ?? []) {
    const tag = (q.tag ?? '').trim();
    if (!tag) {
      problems.push({ field: '资质', message: '资质名称不能为空' });
      continue;
    }
    const vf = blank(q.validFrom),
      vt = blank(q.validTo);
    for (const [label, d] of [
      ['起', vf],
      ['止', vt],
    ] as const)
      if (d && !validDate(d)) problems.push({ field: '资质', message: `“${tag}”有效期${label}“${d}”不是 YYYY-MM-DD 日期` });
    if (vf && vt && vf > vt) problems.push({ field: '资质', message: `“${tag}”有效期起始晚于截止` });
    if (qualifications.some((x) => x.tag === tag)) problems.push({ field: '资质', message: `“${tag}”重复` });
    qualifications.push({ tag, validFrom: vf, validTo: vt, certificateNo: blank(q.certificateNo) });
  }
  const value = {
    creditCode: cc.code,
    name,
    legalForm: blank(input.legalForm),
    registeredOn,
    street: blank(input.street),
    industryCode,
    registeredCapital: nonNeg('注册资本', input.registeredCapital),
    employees: nonNeg('从业人员', input.employees, true),
    revenue: nonNeg('营业收入', input.revenue),
    assets: nonNeg('资产总额', input.assets),
    rdRatio: nonNeg('研发投入占比', input.rdRatio),
    creditGrade,
    qualifications,
    sizeClass: null as SizeClass | null,
  };
  if (problems.length) return { problems };
  value.sizeClass = industryCode
    ? classifySize({ industry: industryCode, employees: value.employees, revenue: value.revenue, assets: value.assets }).size
    : null;
  return { value, problems };
}

/** "高新技术企业(2023-01-01~2025-12-31)；专精特新" → qualifications (import format). */
export function parseQualifications(text: string): QualificationInput[] {
  return text
    .split(/[;；,，、\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.+?)\s*[（(]\s*(\d{4}-\d{2}-\d{2})?\s*[~～至-]{1,2}\s*(\d{4}-\d{2}-\d{2})?\s*[)）]$/.exec(s);
      return m ? { tag: m[1]!.trim(), validFrom: m[2] ?? null, validTo: m[3] ?? null } : { tag: s };
    });
}

export function formatQualifications(qs: QualificationInput[]): string {
  return qs.map((q) => (q.validFrom || q.validTo ? `${q.tag}(${q.validFrom ?? ''}~${q.validTo ?? ''})` : q.tag)).join('；');
}
