/**
 * Annual assessment (年度目标考核). Plan section 五（三）"将优化营商环境作为年度重点工作内容纳入年度目标考核".
 *
 * Each unit is scored on five items, each a rate (met / due), weighted by the office:
 *   tasks_on_time    tasks completed by their last milestone's effective due day / tasks due by the assessment date
 *   reports_on_time  reports first filed by the cycle's due day / reports owed (cycles whose due day has passed)
 *   quality          reports accepted without ever being returned / reports reviewed
 *   orders_on_time   supervision orders answered by their reply deadline / orders due or answered
 *   targets_met      quantitative targets whose reported actual value meets the commitment / targets assessable
 * Weights are percentages summing to 100. An item with nothing due (denominator 0) is not applicable: its
 * weight is spread over the other items in proportion (score = Σ rate × weight × 100 / Σ applicable weight),
 * so a unit is neither rewarded nor punished for having no supervision orders. Scores have two decimals;
 * ranking is standard competition ranking (equal scores share a rank, the next rank is skipped).
 */
export const ASSESSMENT_ITEMS = ['tasks_on_time', 'reports_on_time', 'quality', 'orders_on_time', 'targets_met'] as const;
export type AssessmentItem = (typeof ASSESSMENT_ITEMS)[number];

export const ITEM_LABELS: Record<AssessmentItem, string> = {
  tasks_on_time: '任务按时完成',
  reports_on_time: '进展按时报送',
  quality: '报送质量（一次通过）',
  orders_on_time: '督办按时反馈',
  targets_met: '量化目标达成',
};

export type Weights = Record<AssessmentItem, number>;
export const DEFAULT_WEIGHTS: Weights = { tasks_on_time: 30, reports_on_time: 20, quality: 15, orders_on_time: 15, targets_met: 20 };

export function weightsProblem(w: Record<string, unknown>): string | null {
  for (const k of ASSESSMENT_ITEMS) {
    const v = w[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) return `${ITEM_LABELS[k]}的权重应为 0–100 的数`;
  }
  const extra = Object.keys(w).filter((k) => !(ASSESSMENT_ITEMS as readonly string[]).includes(k));
  if (extra.length) return `未知的考核项：${extra.join('、')}`;
  const sum = ASSESSMENT_ITEMS.reduce((s, k) => s + (w[k] as number), 0);
  if (Math.abs(sum - 100) > 1e-9) return `各项权重之和应为 100，现为 ${sum}`;
  return null;
}

export interface ItemCount {
  numerator: number;
  denominator: number;
  details: string[];
}
export interface UnitCounts {
  unitId: number;
  unitName: string;
  items: Record<AssessmentItem, ItemCount>;
}

export interface ItemScore {
  item: AssessmentItem;
  label: string;
  weight: number;
  numerator: number;
  denominator: number;
  applicable: boolean;
  rate: number | null;
  points: number;
  explanation: string;
  details: string[];
}
export interface UnitScore {
  unitId: number;
  unitName: string;
  score: number;
  rank: number;
  items: ItemScore[];
}

const r2 = (v: number) => Math.round(v * 100 + Number.EPSILON * 100) / 100;
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

export function scoreUnit(c: UnitCounts, w: Weights): Omit<UnitScore, 'rank'> {
  const applicableWeight = ASSESSMENT_ITEMS.reduce((s, k) => s + (c.items[k].denominator > 0 ? w[k] : 0), 0);
  const factor = applicableWeight > 0 ? 100 / applicableWeight : 0;
  const items = ASSESSMENT_ITEMS.map((k): ItemScore => {
    const { numerator, denominator, details } = c.items[k];
    const applicable = denominator > 0;
    const rate = applicable ? numerator / denominator : null;
    const points = applicable ? r2(rate! * w[k] * factor) : 0;
    const explanation = applicable
      ? `${ITEM_LABELS[k]} ${numerator}/${denominator} = ${pct(rate!)}，权重 ${w[k]}${factor !== 1 ? `（折算为 ${r2(w[k] * factor)}）` : ''}，得 ${points.toFixed(2)} 分`
      : `${ITEM_LABELS[k]}：本年度无应考核事项，不计分，权重按比例计入其他项`;
    return { item: k, label: ITEM_LABELS[k], weight: w[k], numerator, denominator, applicable, rate, points, explanation, details };
  });
  const score = applicableWeight > 0 ? r2(ASSESSMENT_ITEMS.reduce((s, k, i) => s + (items[i]!.applicable ? items[i]!.rate! * w[k] : 0), 0) * factor) : 0;
  return { unitId: c.unitId, unitName: c.unitName, score, items };
}

/** Scores and ranks every unit: higher score first; equal scores share a rank; ties listed by unit name. */
export function rankUnits(units: UnitCounts[], w: Weights): UnitScore[] {
  const scored = units.map((u) => scoreUnit(u, w)).sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
  return scored.map((s, i) => {
    const first = scored.findIndex((x) => x.score === s.score);
    return { ...s, rank: first === -1 ? i + 1 : first + 1 };
  });
}

/** The signs of the target comparisons as people write them (≤ for <=, ≥ for >=). */
export const OP_SIGNS: Record<string, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };

/** Whether an actual value meets a target `op value` (e.g. "<= 9 工作日"). */
export function targetMet(op: string, value: number, actual: number): boolean {
  switch (op) {
    case '<=':
      return actual <= value;
    case '<':
      return actual < value;
    case '>=':
      return actual >= value;
    case '>':
      return actual > value;
    case '=':
      return actual === value;
    default:
      return false;
  }
}
