/**
 * Annual assessment (年度目标考核). Plan section 五（三）"将优化营商环境作为年度重点工作内容纳入年度目标考核".
 *
 * Each unit is scored on five items, each a rate (met / due), weighted by the office:
 *   tasks_on_time    tasks completed by their last milestone's effective due day / tasks due by the assessment date
 *   reports_on_time  reports first filed by the cycle's due day / reports owed (cycles whose due day has passed)
 *   quality          reports accepted without ever being returned / reports reviewed
 *   orders_on_time   supervision orders answered by their reply deadline / orders due or answered
 *   targets_met      quantitative targets whose reported actual value meets the commitment / targets assessable
 *   requests_on_time enterprise requests answered by their deadline / requests due (src/requests, measure 48:
 *                    "企业诉求……按时办结"); weight 0 unless the office gives it one (added after weights were first
 *                    stored: a missing weight of this item is 0, so earlier settings stay valid and sum to 100)
 * Weights are percentages summing to 100. An item with nothing due (denominator 0) is not applicable: its
 * weight is spread over the other items in proportion (score = Σ rate × weight × 100 / Σ applicable weight),
 * so a unit is neither rewarded nor punished for having no supervision orders. Scores have two decimals;
 * ranking is standard competition ranking (equal scores share a rank, the next rank is skipped).
 */
export const ASSESSMENT_ITEMS = ['tasks_on_time', 'reports_on_time', 'quality', 'orders_on_time', 'targets_met', 'requests_on_time'] as const;
export type AssessmentItem = (typeof ASSESSMENT_ITEMS)[number];

export const ITEM_LABELS: Record<AssessmentItem, string> = {
  tasks_on_time: '任务按时完成',
  reports_on_time: '进展按时报送',
  quality: '报送质量（一次通过）',
  orders_on_time: '督办按时反馈',
  targets_met: '量化目标达成',
  requests_on_time: '企业诉求按时办结',
};

export type Weights = Record<AssessmentItem, number>;
export const DEFAULT_WEIGHTS: Weights = { tasks_on_time: 30, reports_on_time: 20, quality: 15, orders_on_time: 15, targets_met: 20, requests_on_time: 0 };

/** Items added after weights were first stored: a missing weight is 0. */
export const withOptionalWeights = (w: Record<string, unknown>): Record<string, unknown> => ({ requests_on_time: 0, ...w });

export function weightsProblem(given: Record<string, unknown>): string | null {
  const w = withOptionalWeights(given);
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

/**
 * Collective entries (各街道, 各产业部门, 各管委会, 各区级部门 …): plans name a group of units as one "unit". Such
 * an entry is not an accountable unit, so it is not ranked: a score for "各街道" would say nothing about any
 * street office, and ranking it against 区市场监管局 compares a group with a unit. Rule:
 *   - an entry is collective when the unit directory says so (kind `collective`) or, for a name the directory
 *     does not know, when it starts with 各 (the plans' way of naming a group: 各街道、各区级部门);
 *   - its items are counted and scored exactly like a unit's, and listed apart (集体承担事项, no rank), so the
 *     office still sees how those tasks went;
 *   - the real units named on the same task are assessed as usual (a collective never takes their credit);
 *   - it is not expanded to member units: the directory does not list the members of a group, and the
 *     members have no tasks, reports or accounts of their own in the ledger.
 */
export function isCollectiveUnit(u: { name: string; kind: string | null | undefined }): boolean {
  if (u.kind === 'collective') return true;
  return (!u.kind || u.kind === 'unknown') && u.name.startsWith('各');
}

/** Ranked units, collective entries (scored, not ranked) and units with nothing to assess. */
export interface AssessedUnits {
  units: UnitScore[];
  collective: Array<Omit<UnitScore, 'rank'>>;
  unassessed: string[];
}

/**
 * The assessment's lists: real units with something due are ranked (`rankUnits`); collective entries with
 * something due are scored but listed apart, by name; every entry with nothing due is named in `unassessed`.
 */
export function assessUnits(entries: Array<UnitCounts & { kind: string | null }>, w: Weights): AssessedUnits {
  const has = (c: UnitCounts) => ASSESSMENT_ITEMS.some((k) => c.items[k].denominator > 0);
  const byName = (a: { unitName: string }, b: { unitName: string }) => a.unitName.localeCompare(b.unitName, 'zh-Hans-CN');
  const collective = (e: { unitName: string; kind: string | null }) => isCollectiveUnit({ name: e.unitName, kind: e.kind });
  return {
    units: rankUnits(
      entries.filter((e) => has(e) && !collective(e)),
      w,
    ),
    collective: entries
      .filter((e) => has(e) && collective(e))
      .map((e) => scoreUnit(e, w))
      .sort(byName),
    unassessed: entries
      .filter((e) => !has(e))
      .map((e) => e.unitName)
      .sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')),
  };
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
