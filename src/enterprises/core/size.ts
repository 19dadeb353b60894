import { resolveIndustry } from './industry.js';

/**
 * Size classes by 《统计上大中小微型企业划分办法（2017）》 (国家统计局 国统字〔2017〕213号), which
 * applies GB/T 4754-2017. Indicators: X 从业人员 (persons), Y 营业收入 (万元), Z 资产总额 (万元).
 * Lower bounds are inclusive (“以上” includes the number itself), upper bounds exclusive.
 * The 办法's rule: “大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的
 * 一项即可”. So with several indicators the class is the lowest class any indicator reaches.
 */
export type SizeClass = '大型' | '中型' | '小型' | '微型';
export const SIZE_CLASSES: SizeClass[] = ['大型', '中型', '小型', '微型'];
export type Indicator = 'employees' | 'revenue' | 'assets';

const INDICATOR: Record<Indicator, { name: string; unit: string; cliFlag: string }> = {
  employees: { name: '从业人员', unit: '人', cliFlag: '--employees' },
  revenue: { name: '营业收入', unit: '万元', cliFlag: '--revenue' },
  assets: { name: '资产总额', unit: '万元', cliFlag: '--assets' },
};

/** One row of the 办法's table: per indicator the lower bounds of 大型, 中型 and 小型. */
export interface SizeRow {
  industry: string;
  scope: string;
  bounds: Partial<Record<Indicator, [number, number, number]>>;
}

export const SIZE_TABLE = {
  agriculture: { industry: '农、林、牧、渔业', scope: 'A', bounds: { revenue: [20000, 500, 50] } },
  industry: { industry: '工业', scope: 'B、C、D', bounds: { employees: [1000, 300, 20], revenue: [40000, 2000, 300] } },
  construction: { industry: '建筑业', scope: 'E', bounds: { revenue: [80000, 6000, 300], assets: [80000, 5000, 300] } },
  wholesale: { industry: '批发业', scope: '51', bounds: { employees: [200, 20, 5], revenue: [40000, 5000, 1000] } },
  retail: { industry: '零售业', scope: '52', bounds: { employees: [300, 50, 10], revenue: [20000, 500, 100] } },
  transport: { industry: '交通运输业', scope: '54–58（不含铁路运输业53）', bounds: { employees: [1000, 300, 20], revenue: [30000, 3000, 200] } },
  warehousing: { industry: '仓储业', scope: '59', bounds: { employees: [200, 100, 20], revenue: [30000, 1000, 100] } },
  postal: { industry: '邮政业', scope: '60', bounds: { employees: [1000, 300, 20], revenue: [30000, 2000, 100] } },
  accommodation: { industry: '住宿业', scope: '61', bounds: { employees: [300, 100, 10], revenue: [10000, 2000, 100] } },
  catering: { industry: '餐饮业', scope: '62', bounds: { employees: [300, 100, 10], revenue: [10000, 2000, 100] } },
  telecom: { industry: '信息传输业', scope: '63、64', bounds: { employees: [2000, 100, 10], revenue: [100000, 1000, 100] } },
  software: { industry: '软件和信息技术服务业', scope: '65', bounds: { employees: [300, 100, 10], revenue: [10000, 1000, 50] } },
  realEstateDev: { industry: '房地产开发经营', scope: '701', bounds: { revenue: [200000, 1000, 100], assets: [10000, 5000, 2000] } },
  propertyMgmt: { industry: '物业管理', scope: '702', bounds: { employees: [1000, 300, 100], revenue: [5000, 1000, 500] } },
  leasing: { industry: '租赁和商务服务业', scope: 'L', bounds: { employees: [300, 100, 10], assets: [120000, 8000, 100] } },
  other: { industry: '其他未列明行业', scope: 'M、N、O、Q85、R、703、709', bounds: { employees: [300, 100, 10] } },
} satisfies Record<string, SizeRow>;

type RowOrWhy = { row: SizeRow } | { why: string };

/** Which row of the table applies to a GB/T 4754-2017 code, or why none can be chosen. */
export function sizeRowFor(industryCode: string): RowOrWhy {
  const r = resolveIndustry(industryCode);
  if ('error' in r) return { why: r.error };
  const T = SIZE_TABLE;
  const notCovered = (what: string) => ({ why: `${what}不在《统计上大中小微型企业划分办法（2017）》的适用范围内` });
  const s = r.section.code;
  if (!r.division) {
    const single: Record<string, SizeRow> = {
      A: T.agriculture,
      B: T.industry,
      C: T.industry,
      D: T.industry,
      E: T.construction,
      L: T.leasing,
      M: T.other,
      N: T.other,
      O: T.other,
      R: T.other,
    };
    if (single[s]) return { row: single[s]! };
    if ('JPST'.includes(s)) return notCovered(`${s} ${r.section.name}`);
    return { why: `${s} ${r.section.name}门类下各大类适用不同的标准，请给出大类代码（2位数字${s === 'K' ? '，房地产业须给出中类代码3位' : ''}）` };
  }
  const d = Number(r.division.code);
  const byDivision: Record<number, SizeRow> = {
    51: T.wholesale,
    52: T.retail,
    59: T.warehousing,
    60: T.postal,
    61: T.accommodation,
    62: T.catering,
    63: T.telecom,
    64: T.telecom,
    65: T.software,
    85: T.other,
  };
  if (byDivision[d]) return { row: byDivision[d]! };
  if (d === 53) return notCovered('铁路运输业（53）');
  if (d >= 54 && d <= 58) return { row: T.transport };
  if (d === 84) return notCovered('卫生（84）');
  if (d === 70) {
    if (r.code.length < 3)
      return { why: '房地产业须给出中类代码（701 房地产开发经营、702 物业管理、703 房地产中介服务、704 房地产租赁经营、709 其他房地产业）' };
    const g = r.code.slice(0, 3);
    if (g === '701') return { row: T.realEstateDev };
    if (g === '702') return { row: T.propertyMgmt };
    if (g === '703' || g === '709') return { row: T.other };
    if (g === '704') return notCovered('自有房地产经营活动（704 房地产租赁经营）');
    return { why: `房地产业中类代码“${g}”不存在` };
  }
  return sizeRowFor(s);
}

export interface SizeInput {
  industry: string;
  employees?: number | null;
  revenue?: number | null;
  assets?: number | null;
}

export interface SizeResult {
  /** null: cannot tell (see `reason`). */
  size: SizeClass | null;
  /** The table row used. */
  row?: { industry: string; scope: string };
  /** Each indicator of the row with the class it alone reaches. */
  indicators: Array<{ indicator: Indicator; name: string; value: number | null; unit: string; reaches: SizeClass | null; bounds: [number, number, number] }>;
  /** What is missing to decide (indicator names), when size is null. */
  missing: Indicator[];
  /** When size is null but some indicators are known: the class cannot be higher than this. */
  atMost?: SizeClass;
  /** The rule applied, in Chinese, for the profile page and the command line. */
  explanation: string;
  reason?: string;
}

function reaches(v: number, [big, mid, small]: [number, number, number]): SizeClass {
  return v >= big ? '大型' : v >= mid ? '中型' : v >= small ? '小型' : '微型';
}

const lower = (a: SizeClass, b: SizeClass) => (SIZE_CLASSES.indexOf(a) >= SIZE_CLASSES.indexOf(b) ? a : b);
/** 12345.678 → "12,345.68" (plain code: Intl formatting is slow in bulk). */
export function fmt(n: number): string {
  const r = Math.round(n * 100) / 100;
  const [i, d] = String(Math.abs(r)).split('.');
  return `${r < 0 ? '-' : ''}${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${d ? `.${d}` : ''}`;
}

export function classifySize(input: SizeInput): SizeResult {
  const found = sizeRowFor(input.industry);
  if ('why' in found) return { size: null, indicators: [], missing: [], explanation: found.why, reason: found.why };
  const row = found.row;
  const indicators = (Object.entries(row.bounds) as Array<[Indicator, [number, number, number]]>).map(([indicator, bounds]) => {
    const raw = input[indicator];
    const value = raw === undefined || raw === null || Number.isNaN(raw) ? null : raw;
    return {
      indicator,
      name: INDICATOR[indicator].name,
      unit: INDICATOR[indicator].unit,
      value,
      bounds,
      reaches: value === null ? null : reaches(value, bounds),
    };
  });
  const lines = indicators.map((i) => {
    const b = `（大型≥${fmt(i.bounds[0])}，中型≥${fmt(i.bounds[1])}，小型≥${fmt(i.bounds[2])}${i.unit}）`;
    return i.value === null ? `${i.name}：未提供${b}` : `${i.name} ${fmt(i.value)}${i.unit}，达到${i.reaches}标准${b}`;
  });
  const head = `按《统计上大中小微型企业划分办法（2017）》“${row.industry}”（${row.scope}）标准：`;
  const known = indicators.filter((i) => i.reaches !== null);
  const missing = indicators.filter((i) => i.value === null).map((i) => i.indicator);
  const base = { row: { industry: row.industry, scope: row.scope }, indicators };
  if (known.some((i) => i.reaches === '微型')) {
    return { ...base, size: '微型', missing: [], explanation: `${head}${lines.join('；')}。微型企业只须满足所列指标中的一项即可，划为微型。` };
  }
  if (missing.length) {
    const atMost = known.length ? known.map((i) => i.reaches!).reduce(lower) : undefined;
    const need = missing.map((m) => `${INDICATOR[m].name}（${INDICATOR[m].cliFlag}，${INDICATOR[m].unit}）`).join('、');
    const reason = `无法判断：缺少${need}${atMost ? `；已知指标最高只够${atMost}` : ''}`;
    return { ...base, size: null, missing, atMost, explanation: `${head}${lines.join('；')}。${reason}。`, reason };
  }
  const size = known.map((i) => i.reaches!).reduce(lower);
  const rule = indicators.length > 1 ? `大型、中型和小型企业须同时满足所列指标的下限，否则下划一档，划为${size}。` : `划为${size}。`;
  return { ...base, size, missing: [], explanation: `${head}${lines.join('；')}。${rule}` };
}
