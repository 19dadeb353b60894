/**
 * 风险预警 and 线索推送 (measure 33: “强化对监管数据的分析和运用，依托监管平台实现风险预警、线索推送等功能”;
 * 国发〔2019〕5号 二(四) “针对不同风险等级、信用水平的检查对象采取差异化分类监管措施”; 国办发〔2019〕18号
 * 《关于加快推进全国一体化在线监管平台建设的意见》: 风险预警, 线索推送), pure: the rules are data the office edits,
 * the facts come from the store, this decides which objects are flagged, why, and to which department.
 *
 * Kinds of rule:
 * - recent_problem: a problem was found (result outcome `problem`) at the object in the last `months` months;
 * - credit_worse: the object's credit class in force today carries a higher risk (a later class in the office's
 *   order) than the class in force `months` months ago (信用风险分类 moved up);
 * - requests: at least `minCount` enterprise requests (投诉举报 and others, 接诉即办) about the object filed in the last
 *   `days` days.
 * The department concerned: the departments whose results found the problems; the departments the requests were
 * routed to; for a credit change alone, the departments that last checked the object; none found → the office.
 */

export const RISK_RULE_KINDS = ['recent_problem', 'credit_worse', 'requests'] as const;
export type RiskRuleKind = (typeof RISK_RULE_KINDS)[number];
export const RISK_RULE_LABELS: Record<RiskRuleKind, string> = {
  recent_problem: '近期抽查发现问题',
  credit_worse: '信用风险分类上升',
  requests: '企业诉求（投诉举报）集中',
};

export interface RiskRule {
  id: number;
  kind: RiskRuleKind;
  months: number | null;
  minCount: number | null;
  days: number | null;
  active: boolean;
}

/** What a rule needs filled in, and the bounds. */
export function riskRuleProblems(r: Omit<RiskRule, 'id'>): Array<{ field: string; message: string }> {
  const p: Array<{ field: string; message: string }> = [];
  const int = (v: number | null, lo: number, hi: number) => v !== null && Number.isInteger(v) && v >= lo && v <= hi;
  if (r.kind === 'recent_problem' || r.kind === 'credit_worse') {
    if (!int(r.months, 1, 60)) p.push({ field: 'months', message: '月数应为 1 至 60 的整数' });
  } else {
    if (!int(r.minCount, 1, 1000)) p.push({ field: 'minCount', message: '件数应为 1 至 1000 的整数' });
    if (!int(r.days, 1, 366)) p.push({ field: 'days', message: '天数应为 1 至 366 的整数' });
  }
  return p;
}

/** The rule in words (shown on the page and in each reason). */
export function describeRule(r: Omit<RiskRule, 'id'>): string {
  if (r.kind === 'recent_problem') return `近 ${r.months} 个月内抽查发现问题`;
  if (r.kind === 'credit_worse') return `信用风险分类较 ${r.months} 个月前上升`;
  return `${r.days} 日内企业诉求（含投诉举报）不少于 ${r.minCount} 件`;
}

/** The date `months` calendar months before `date` (the last day of a shorter month). */
export function monthsBefore(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** `days` calendar days before `date`. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export interface RiskFacts {
  key: string;
  name: string;
  /** Problems found: the day produced and the department. */
  problems: Array<{ on: string; unitId: number }>;
  /** Requests about the object: the day filed and the department it went to (null: not yet routed). */
  requests: Array<{ on: string; unitId: number | null }>;
  /** Class rank (position in the office's order, higher = riskier) in force on a date, per rule window. */
  classRank: (date: string) => { rank: number; name: string };
  /** Departments of the object's latest results (for a credit change alone). */
  lastUnits: number[];
}

export interface RiskFlag {
  key: string;
  name: string;
  /** The department concerned (null: the office). */
  unitId: number | null;
  reasons: string[];
}

/** Flags of one object under the active rules on `today`: one per department concerned. */
export function evaluateRisk(rules: readonly RiskRule[], o: RiskFacts, today: string): RiskFlag[] {
  const byUnit = new Map<number | null, string[]>();
  const add = (units: Array<number | null>, reason: string) => {
    const list = units.length ? [...new Set(units)] : [null];
    for (const u of list) {
      const r = byUnit.get(u);
      if (r) r.includes(reason) || r.push(reason);
      else byUnit.set(u, [reason]);
    }
  };
  for (const rule of rules) {
    if (!rule.active) continue;
    if (rule.kind === 'recent_problem' && rule.months) {
      const from = monthsBefore(today, rule.months);
      const hits = o.problems.filter((p) => p.on > from && p.on <= today);
      if (hits.length)
        add(
          hits.map((h) => h.unitId),
          `${describeRule(rule)}（${hits.length} 项，最近 ${hits
            .map((h) => h.on)
            .sort()
            .at(-1)}）`,
        );
    } else if (rule.kind === 'credit_worse' && rule.months) {
      const before = o.classRank(monthsBefore(today, rule.months));
      const now = o.classRank(today);
      if (now.rank > before.rank) add(o.lastUnits, `${describeRule(rule)}：${before.name} → ${now.name}`);
    } else if (rule.kind === 'requests' && rule.days && rule.minCount) {
      const from = daysBefore(today, rule.days);
      const hits = o.requests.filter((r) => r.on > from && r.on <= today);
      if (hits.length >= rule.minCount)
        add(
          hits.map((h) => h.unitId).filter((u): u is number => u !== null),
          `${describeRule(rule)}（${hits.length} 件）`,
        );
    }
  }
  return [...byUnit].map(([unitId, reasons]) => ({ key: o.key, name: o.name, unitId, reasons }));
}

/**
 * 协同监管响应率 (measure 33 names it among the rates to bring to 100 %): of the flags pushed, the share the department
 * answered within `RESPONSE_WORKING_DAYS` working days. The period is the platform's (no national figure found).
 */
export const RESPONSE_WORKING_DAYS = 5;
