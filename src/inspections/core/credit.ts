/**
 * Credit-graded supervision (信用分级分类监管), pure rules. Classes are data the office edits; these are the
 * defaults and the checks.
 *
 * Sources:
 * - The four classes: 市场监管总局《关于推进企业信用风险分类管理进一步提升监管效能的意见》(国市监信发〔2022〕6号):
 *   企业分为“信用风险低(A)、信用风险一般(B)、信用风险较高(C)、信用风险高(D)”四类；“分类结果作为配置监管资源的
 *   内部参考依据，不是对企业的信用评价” — so classes are never shown to enterprises or the public.
 *   SAMR (蒲淳, 经济日报 2022-02-15) on its use in draws: A 类“根据实际情况可不主动实施现场检查”, D 类“有针对性地
 *   大幅提高抽查比例和频次”.
 * - Differentiated draw shares: 国务院《关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》
 *   (国发〔2019〕5号) 二(四): “针对不同风险等级、信用水平的检查对象采取差异化分类监管措施，合理确定、动态调整
 *   抽查比例、频次和被抽查概率”.
 * - The national texts set no percentages. The default shares (A 3%, B 5%, C 20%, D 60%) follow local practice
 *   (e.g. 林甸县 2024: A ≤5%, B 5–20%, C 21–60%, D 61–100%; 企业公示信息抽查办法 第四条: 不少于3%) and are the
 *   office's to change. No class gets 0% (“不免抽”, 山东 practice; a class is never exempt from draws).
 */

export interface CreditClass {
  code: string;
  name: string;
  /** Percent of the class's objects a draw takes (0 < share ≤ 100). */
  drawShare: number;
  /** A class an enterprise leaves by 信用修复 (C and D by default). */
  restrictive: boolean;
  /** The class assumed for an enterprise without any record (B 一般 by default). */
  isDefault: boolean;
  note: string | null;
}

export const CREDIT_CLASS_BASIS = '国市监信发〔2022〕6号（企业信用风险分类管理）；国发〔2019〕5号（差异化抽查比例）';

export const DEFAULT_CREDIT_CLASSES: readonly CreditClass[] = [
  { code: 'A', name: '信用风险低', drawShare: 3, restrictive: false, isDefault: false, note: null },
  { code: 'B', name: '信用风险一般', drawShare: 5, restrictive: false, isDefault: true, note: null },
  { code: 'C', name: '信用风险较高', drawShare: 20, restrictive: true, isDefault: false, note: null },
  { code: 'D', name: '信用风险高', drawShare: 60, restrictive: true, isDefault: false, note: null },
];

/** Kinds of a class record. */
export const CREDIT_RECORD_KINDS = { assessment: '分类结果', repair: '信用修复' } as const;
export type CreditRecordKind = keyof typeof CREDIT_RECORD_KINDS;

/** The source named when an import row leaves it empty. */
export const DEFAULT_CREDIT_SOURCE = '公共信用综合评价结果';

export const MAX_CREDIT_CLASSES = 10;
const CODE = /^[A-Z][A-Z0-9]{0,3}$/;

export interface ClassProblem {
  row?: number;
  field: string;
  message: string;
}

/**
 * Problems of an office's class list (rows numbered from 1 as on the page): codes unique and short, names
 * unique, shares in (0, 100], exactly one default class, which is not restrictive.
 */
export function checkCreditClasses(classes: readonly CreditClass[]): ClassProblem[] {
  const problems: ClassProblem[] = [];
  if (classes.length === 0) return [{ field: '类别', message: '至少需要一个类别' }];
  if (classes.length > MAX_CREDIT_CLASSES) problems.push({ field: '类别', message: `类别不能超过 ${MAX_CREDIT_CLASSES} 个` });
  const codes = new Map<string, number>();
  const names = new Map<string, number>();
  classes.forEach((c, i) => {
    const row = i + 1;
    if (!CODE.test(c.code)) problems.push({ row, field: '代码', message: '代码应为 1–4 位大写字母或数字，以字母开头（如 A、B、C、D）' });
    const dupCode = codes.get(c.code);
    if (dupCode) problems.push({ row, field: '代码', message: `与第${dupCode}行代码重复` });
    codes.set(c.code, row);
    const name = c.name.trim();
    if (!name) problems.push({ row, field: '名称', message: '名称不能为空' });
    const dupName = names.get(name);
    if (name && dupName) problems.push({ row, field: '名称', message: `与第${dupName}行名称重复` });
    names.set(name, row);
    if (!Number.isFinite(c.drawShare) || c.drawShare <= 0 || c.drawShare > 100)
      problems.push({ row, field: '抽查比例', message: '抽查比例应大于 0 且不超过 100（任何类别都不免抽）' });
    if (c.isDefault && c.restrictive) problems.push({ row, field: '默认类别', message: '默认类别不能是需信用修复的类别' });
  });
  const defaults = classes.filter((c) => c.isDefault).length;
  if (defaults !== 1) problems.push({ field: '默认类别', message: `应恰好有一个默认类别（无分类记录的企业按此类别），现有 ${defaults} 个` });
  return problems;
}

/**
 * The class a cell of an import file names: the code ("A"), the name ("信用风险低") or both ("信用风险低(A)",
 * "A类"), compared without spaces and brackets' width. Undefined when none matches.
 */
export function resolveCreditClass(raw: string, classes: readonly CreditClass[]): string | undefined {
  const s = raw.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toUpperCase();
  if (!s) return undefined;
  for (const c of classes) {
    const name = c.name.replace(/\s+/g, '').toUpperCase();
    if ([c.code, `${c.code}类`, name, `${name}(${c.code})`, `${name}(${c.code}类)`, `${c.code}(${name})`, `${c.code}类(${name})`].includes(s)) return c.code;
  }
  return undefined;
}

/** A dated class record of one enterprise. */
export interface CreditRecord {
  id: number;
  classCode: string;
  effectiveOn: string;
  kind: CreditRecordKind;
}

/**
 * The class in force on `date`: the record with the latest effective date not after `date` (the later
 * record of the same day wins). A 信用修复 record is such a record, so the repaired enterprise is in its new
 * class from the repair date on, and an older assessment cannot bring it back. Undefined before any record.
 */
export function classInForce(records: readonly CreditRecord[], date: string): CreditRecord | undefined {
  let best: CreditRecord | undefined;
  for (const r of records) {
    if (r.effectiveOn > date) continue;
    if (!best || r.effectiveOn > best.effectiveOn || (r.effectiveOn === best.effectiveOn && r.id > best.id)) best = r;
  }
  return best;
}

/**
 * Why a 信用修复 cannot be recorded (null when it can): the class in force on the repair date must be restrictive,
 * and the class after repair must not be.
 */
export function repairProblem(inForce: CreditClass | undefined, target: CreditClass | undefined): string | null {
  if (!target) return '修复后类别不存在';
  if (target.restrictive) return `修复后类别不能是“${target.name}”（需信用修复的类别）`;
  if (!inForce) return '该企业在修复日期没有分类记录，无需信用修复';
  if (!inForce.restrictive) return `该企业在修复日期属于“${inForce.name}”，不属于需信用修复的类别`;
  return null;
}

/** The draw share of each class (code → percent), for the draw. */
export function drawShares(classes: readonly CreditClass[]): Map<string, number> {
  return new Map(classes.map((c) => [c.code, c.drawShare]));
}
