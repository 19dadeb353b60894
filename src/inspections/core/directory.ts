/**
 * The two directories (两库) and the item list of 国发〔2019〕5号 (三、(三) 建立健全随机抽查“两库”; 三、(二) 实行抽查
 * 事项清单管理), as pure rules: kinds of inspected objects, inspection methods, and the checks of an inspector row
 * (import and edit share them).
 */
import type { InputProblem } from '../../shared/index.js';

/**
 * Kinds of objects other than the registry's enterprises. 专利代理机构: measure 37 of the plan; 个体工商户 and 农民
 * 专业合作社 are 市场主体 outside the enterprise registry; 其他 for the rest.
 */
export const OBJECT_KINDS = ['专利代理机构', '个体工商户', '农民专业合作社', '社会组织', '其他'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/**
 * Methods of an inspection item (检查方式), as in the 抽查事项清单 published by 市场监管 departments (e.g. 国市监信
 * 〔2019〕38号's 随机抽查事项清单 columns 检查方式): 书面检查, 实地核查, 网络监测, 委托专业机构.
 */
export const INSPECTION_METHODS = ['书面检查', '实地核查', '网络监测', '委托专业机构'] as const;
export type InspectionMethod = (typeof INSPECTION_METHODS)[number];

/** 执法证号: letters, digits and dashes, 4–30 characters (local formats differ; e.g. 渝执字 numbers are digits). */
export const certNoProblem = (s: string): string | null =>
  !s.trim() ? '请填写执法证号' : /^[0-9A-Za-z-]{4,30}$/.test(s.trim()) ? null : '执法证号应为 4 至 30 位字母、数字或“-”';

/** Fields of competence as typed: separated by 、，,;； or spaces; each 1–20 characters, at most 10. */
export function parseFields(s: string): string[] {
  return [
    ...new Set(
      s
        .split(/[、，,;；\s]+/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}
export const fieldsProblem = (fields: string[]): string | null =>
  fields.length > 10 ? '业务专长最多 10 项' : fields.some((f) => f.length > 20) ? '每项业务专长不超过 20 个字' : null;

export interface InspectorInput {
  name: string;
  certNo: string;
  fields: string[];
  active: boolean;
}

/** The problems of one inspector row (row and field named by the caller). */
export function inspectorProblems(p: InspectorInput): Array<Omit<InputProblem, 'row'>> {
  const out: Array<Omit<InputProblem, 'row'>> = [];
  if (!p.name.trim()) out.push({ field: '姓名', message: '请填写姓名' });
  else if (p.name.trim().length > 30) out.push({ field: '姓名', message: '姓名不超过 30 个字' });
  const cert = certNoProblem(p.certNo);
  if (cert) out.push({ field: '执法证号', message: cert });
  const f = fieldsProblem(p.fields);
  if (f) out.push({ field: '业务专长', message: f });
  return out;
}

/** 是/否 cells of an import (在岗). Empty means yes. */
export function parseYesNo(s: string): boolean | null {
  const t = s.trim();
  if (['', '是', '在岗', 'Y', 'y', '1', 'true'].includes(t)) return true;
  if (['否', '不在岗', '离岗', 'N', 'n', '0', 'false'].includes(t)) return false;
  return null;
}

/** Draw statuses: committed (承诺已公开), then run (结果已公开). */
export const DRAW_STATUSES = ['committed', 'run'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];
export const DRAW_STATUS_LABELS: Record<DrawStatus, string> = { committed: '已公开承诺，待抽取', run: '已抽取并公开' };

/** Draw numbers: 渝中双随机〔2026〕3号 (per year). */
export const drawNumber = (year: number, seq: number) => `渝中双随机〔${year}〕${seq}号`;
