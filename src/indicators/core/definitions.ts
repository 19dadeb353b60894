import { RECORD_COLUMNS, RECORD_SPECS, isRecordType, type RecordColumn, type RecordType } from './record-types.js';

/**
 * Declarative indicator definitions. A definition names the record type, which records it covers
 * (`where`), and one of five rules; it cites the plan measure and the target it monitors (measure
 * number + target seq and metric as parsed from the plan). Definitions are versioned: the built-in
 * ones are version 1, each adjustment by the office is a new version, and results keep the version
 * they were computed with.
 */
export type Condition =
  | { field: RecordColumn; op: 'eq' | 'ne'; value: string }
  | { field: RecordColumn; op: 'in'; value: string[] }
  | { field: RecordColumn; op: 'true' | 'false' | 'set' | 'unset' };

export interface PlanLink {
  measure: number;
  seq: number;
  metric: string;
}

interface DefinitionBase {
  code: string;
  name: string;
  plan: PlanLink;
  recordType: RecordType;
  /** Records the indicator covers (others are not part of it at all). */
  where?: Condition[];
  note?: string;
}

/** Duration between two events of a case against a limit: each case (share compliant) or the average. */
export interface DurationDefinition extends DefinitionBase {
  kind: 'duration';
  start: RecordColumn;
  end: RecordColumn;
  /** working: working days, start day excluded; calendar: 民法典 第二百零一条/第二百零三条 (start day excluded, a last day on a rest day moves to the next working day). */
  days: 'working' | 'calendar';
  limit: number;
  /** each: every case within the limit (value = share compliant, target 100 %); average: mean duration ≤ limit. */
  mode: 'each' | 'average';
}

/** Share of records with a property, in percent. */
export interface ShareDefinition extends DefinitionBase {
  kind: 'share';
  property: Condition[];
  op: '>=' | '=';
  percent: number;
  /** Date that places a record in a period; none: a snapshot of all records (e.g. the item catalogue). */
  dateField?: RecordColumn;
  /** Fields that must be filled for a record to count (others are excluded with the reason). */
  needs?: RecordColumn[];
}

/** Number of records reaching a number by a date (cumulative, records before the year included). */
export interface CountDefinition extends DefinitionBase {
  kind: 'count';
  dateField: RecordColumn;
  target: number;
  /** Month-day of the monitored year by which the number must be reached, e.g. '12-31'. */
  by: string;
}

/** Ratio between two amounts over the records in scope, in percent. */
export interface RatioDefinition extends DefinitionBase {
  kind: 'ratio';
  numerator: RecordColumn;
  denominator: RecordColumn;
  /** A blank numerator counts as 0 (e.g. no prepayment made). */
  numeratorBlankIsZero?: boolean;
  op: '>=';
  percent: number;
  dateField?: RecordColumn;
}

export type IndicatorDefinition = DurationDefinition | ShareDefinition | CountDefinition | RatioDefinition;
export type VersionedDefinition = IndicatorDefinition & { version: number };

const SME = ['medium', 'small', 'micro'];

/** Every quantitative commitment of the sample plan (2021 渝中区 实施方案) as a built-in indicator (version 1). */
export const BUILTIN_DEFINITIONS: IndicatorDefinition[] = [
  {
    code: 'water-connection',
    name: '获得用水全流程用时',
    plan: { measure: 6, seq: 1, metric: '获得用水一般项目用户全流程总用时' },
    recordType: 'utility',
    where: [{ field: 'category', op: 'eq', value: 'water' }],
    kind: 'duration',
    start: 'applied_on',
    end: 'completed_on',
    days: 'working',
    limit: 9,
    mode: 'each',
  },
  {
    code: 'power-low-voltage',
    name: '获得用电（低压小微）全流程用时',
    plan: { measure: 6, seq: 2, metric: '获得用电低压小微用户全流程总用时' },
    recordType: 'utility',
    where: [{ field: 'category', op: 'eq', value: 'power_low' }],
    kind: 'duration',
    start: 'applied_on',
    end: 'completed_on',
    days: 'working',
    limit: 8,
    mode: 'each',
  },
  {
    code: 'excavation-filing',
    name: '开挖占绿备案办理用时',
    plan: { measure: 6, seq: 3, metric: '涉及需要开挖占绿的备案办理用时' },
    recordType: 'utility',
    where: [{ field: 'filing_started_on', op: 'set' }],
    kind: 'duration',
    start: 'filing_started_on',
    end: 'filing_done_on',
    days: 'calendar',
    limit: 2,
    mode: 'each',
    note: '计划写“2日”（非工作日），按民法典期间规则计算：开始当日不计入，期限末日为休息日的顺延至休息日后第一个工作日。',
  },
  {
    code: 'power-10kv',
    name: '获得用电（10千伏）平均用时',
    plan: { measure: 6, seq: 4, metric: '10千伏城镇用户全流程平均用时' },
    recordType: 'utility',
    where: [{ field: 'category', op: 'eq', value: 'power_10kv' }],
    kind: 'duration',
    start: 'applied_on',
    end: 'completed_on',
    days: 'working',
    limit: 30,
    mode: 'average',
  },
  {
    code: 'gas-connection',
    name: '获得用气办理总用时',
    plan: { measure: 6, seq: 5, metric: '获得用气用户办理总用时' },
    recordType: 'utility',
    where: [{ field: 'category', op: 'eq', value: 'gas' }],
    kind: 'duration',
    start: 'applied_on',
    end: 'completed_on',
    days: 'working',
    limit: 13,
    mode: 'each',
  },
  {
    code: 'procurement-contract',
    name: '中标通知书发出至签订合同用时',
    plan: { measure: 13, seq: 1, metric: '采购单位和中标（成交）供应商签订政府采购合同用时' },
    recordType: 'procurement',
    where: [{ field: 'award_on', op: 'set' }],
    kind: 'duration',
    start: 'award_on',
    end: 'contract_on',
    days: 'calendar',
    limit: 20,
    mode: 'each',
  },
  {
    code: 'procurement-acceptance',
    name: '合同执行完毕至履约验收用时',
    plan: { measure: 14, seq: 1, metric: '组织履约情况验收用时' },
    recordType: 'procurement',
    where: [{ field: 'performed_on', op: 'set' }],
    kind: 'duration',
    start: 'performed_on',
    end: 'acceptance_on',
    days: 'working',
    limit: 7,
    mode: 'each',
  },
  {
    code: 'procurement-payment',
    name: '收到发票至办理支付用时',
    plan: { measure: 15, seq: 1, metric: '办理支付手续用时' },
    recordType: 'procurement',
    where: [{ field: 'invoice_on', op: 'set' }],
    kind: 'duration',
    start: 'invoice_on',
    end: 'paid_on',
    days: 'working',
    limit: 5,
    mode: 'each',
  },
  {
    code: 'prepayment-share',
    name: '预付款支付比例',
    plan: { measure: 15, seq: 2, metric: '预付款支付比例' },
    recordType: 'procurement',
    where: [{ field: 'contract_on', op: 'set' }],
    kind: 'ratio',
    numerator: 'prepayment_amount',
    denominator: 'contract_amount',
    numeratorBlankIsZero: true,
    op: '>=',
    percent: 30,
    dateField: 'contract_on',
  },
  {
    code: 'prepayment-share-sme',
    name: '中小企业预付款支付比例',
    plan: { measure: 15, seq: 3, metric: '中小企业预付款支付比例' },
    recordType: 'procurement',
    where: [
      { field: 'contract_on', op: 'set' },
      { field: 'supplier_size', op: 'in', value: SME },
    ],
    kind: 'ratio',
    numerator: 'prepayment_amount',
    denominator: 'contract_amount',
    numeratorBlankIsZero: true,
    op: '>=',
    percent: 50,
    dateField: 'contract_on',
  },
  {
    code: 'sme-reservation',
    name: '预留中小企业采购份额',
    plan: { measure: 16, seq: 1, metric: '预留该部分采购项目预算总额的比例' },
    recordType: 'procurement',
    where: [
      { field: 'public_tender', op: 'true' },
      { field: 'sme_suitable', op: 'true' },
    ],
    kind: 'ratio',
    numerator: 'reserved_amount',
    denominator: 'budget',
    numeratorBlankIsZero: true,
    op: '>=',
    percent: 30,
    dateField: 'award_on',
    note: '范围：达到公开招标限额且适宜由中小企业提供的项目。',
  },
  {
    code: 'sme-reservation-small',
    name: '预留份额中小微企业比例',
    plan: { measure: 16, seq: 2, metric: '预留给小微企业的比例' },
    recordType: 'procurement',
    where: [
      { field: 'public_tender', op: 'true' },
      { field: 'sme_suitable', op: 'true' },
    ],
    kind: 'ratio',
    numerator: 'reserved_small_amount',
    denominator: 'reserved_amount',
    numeratorBlankIsZero: true,
    op: '>=',
    percent: 60,
    dateField: 'award_on',
  },
  {
    code: 'licensing-online',
    name: '行政许可事项全程网办占比',
    plan: { measure: 21, seq: 1, metric: '行政许可事项全程网办占比' },
    recordType: 'service_item',
    where: [{ field: 'licensing', op: 'true' }],
    kind: 'share',
    property: [{ field: 'fully_online', op: 'true' }],
    op: '>=',
    percent: 90,
  },
  {
    code: 'application-online',
    name: '依申请类政务服务事项全程网办占比',
    plan: { measure: 21, seq: 2, metric: '依申请类政务服务事项占比' },
    recordType: 'service_item',
    where: [{ field: 'on_application', op: 'true' }],
    kind: 'share',
    property: [{ field: 'fully_online', op: 'true' }],
    op: '>=',
    percent: 80,
  },
  {
    code: 'cross-province',
    name: '“跨省通办”高频事项',
    plan: { measure: 22, seq: 1, metric: '高频政务服务事项年内实现“跨省通办”' },
    recordType: 'cross_province',
    kind: 'count',
    dateField: 'completed_on',
    target: 74,
    by: '12-31',
  },
  {
    code: 'cross-province-early',
    name: '提前实现的“跨省通办”事项',
    plan: { measure: 22, seq: 2, metric: '国家要求在2021年以后实现的“跨省通办”事项提前在今年内实现' },
    recordType: 'cross_province',
    where: [{ field: 'national_later', op: 'true' }],
    kind: 'count',
    dateField: 'completed_on',
    target: 8,
    by: '12-31',
  },
  {
    code: 'credit-code',
    name: '推广使用企业信用码的市场主体',
    plan: { measure: 32, seq: 1, metric: '全区推广使用企业信用码的市场主体数量' },
    recordType: 'credit_code',
    kind: 'count',
    dateField: 'completed_on',
    target: 2000,
    by: '12-31',
  },
  {
    code: 'supervision-catalog',
    name: '行业监管事项清单梳理完成率',
    plan: { measure: 33, seq: 1, metric: '行业监管事项清单梳理完成率' },
    recordType: 'supervision',
    where: [{ field: 'category', op: 'eq', value: 'catalog' }],
    kind: 'share',
    property: [{ field: 'done', op: 'true' }],
    op: '=',
    percent: 100,
    dateField: 'applied_on',
  },
  {
    code: 'supervision-collection',
    name: '监管信息归集率',
    plan: { measure: 33, seq: 2, metric: '监管信息归集率' },
    recordType: 'supervision',
    where: [{ field: 'category', op: 'eq', value: 'collection' }],
    kind: 'share',
    property: [{ field: 'done', op: 'true' }],
    op: '=',
    percent: 100,
    dateField: 'applied_on',
  },
  {
    code: 'supervision-complaint',
    name: '投诉举报处理率',
    plan: { measure: 33, seq: 3, metric: '投诉举报处理率' },
    recordType: 'supervision',
    where: [{ field: 'category', op: 'eq', value: 'complaint' }],
    kind: 'share',
    property: [{ field: 'done', op: 'true' }],
    op: '=',
    percent: 100,
    dateField: 'applied_on',
  },
  {
    code: 'supervision-collaboration',
    name: '协同监管响应率',
    plan: { measure: 33, seq: 4, metric: '协同监管响应率' },
    recordType: 'supervision',
    where: [{ field: 'category', op: 'eq', value: 'collaboration' }],
    kind: 'share',
    property: [{ field: 'done', op: 'true' }],
    op: '=',
    percent: 100,
    dateField: 'applied_on',
  },
  {
    code: 'unemployment-benefit',
    name: '失业保险金、失业补助金申领用时',
    plan: { measure: 40, seq: 1, metric: '失业补助金、失业保险金申领用时' },
    recordType: 'benefit_claim',
    kind: 'duration',
    start: 'applied_on',
    end: 'completed_on',
    days: 'working',
    limit: 1,
    mode: 'each',
  },
  {
    code: 'civil-mediation',
    name: '诉前调解和诉中速裁化解民商事案件比例',
    plan: { measure: 42, seq: 1, metric: '诉前调解和诉中速裁化解民商事案件比例' },
    recordType: 'civil_case',
    kind: 'share',
    property: [{ field: 'route', op: 'in', value: ['mediation', 'fast_track'] }],
    op: '>=',
    percent: 75,
    dateField: 'completed_on',
    needs: ['completed_on', 'route'],
    note: '分母为已结案件；未结案件不计入。',
  },
  {
    code: 'request-on-time',
    name: '企业诉求按时办结率',
    plan: { measure: 48, seq: 1, metric: '企业诉求在线提交、按时办结、及时反馈' },
    recordType: 'enterprise_request',
    kind: 'share',
    property: [{ field: 'done', op: 'true' }],
    op: '>=',
    percent: 100,
    dateField: 'applied_on',
    note: '计划写“企业诉求在线提交、按时办结、及时反馈”，未定数值：目标按每件按时办结（100%）设定，营商办可调整指标定义（新版本）。记录由企业诉求办理系统每日写入：分母为答复期限已过或已答复的诉求（仍在期限内未答复的不计入），分子为在答复期限内答复的；期限按工作日计算，扣除经批准的挂起、加上批准的延期；重办的诉求按重办后的期限和最后一次答复计；按受理日期计入月份。',
  },
];

export function builtinDefinition(code: string): IndicatorDefinition | undefined {
  return BUILTIN_DEFINITIONS.find((d) => d.code === code);
}

/** Problems of a definition (empty: valid). Checked before an adjusted version is stored. */
export function validateDefinition(d: unknown): string[] {
  const p: string[] = [];
  const x = d as Partial<IndicatorDefinition> & Record<string, unknown>;
  if (!x || typeof x !== 'object') return ['定义应为对象'];
  if (typeof x.code !== 'string' || !/^[a-z0-9-]{2,60}$/.test(x.code)) p.push('code 应为小写字母、数字和连字符');
  if (typeof x.name !== 'string' || !x.name.trim()) p.push('name 不能为空');
  if (!x.plan || typeof x.plan.measure !== 'number' || typeof x.plan.seq !== 'number') p.push('plan 应给出措施编号 measure 和目标序号 seq');
  if (typeof x.recordType !== 'string' || !isRecordType(x.recordType)) {
    p.push(`未知的记录类型“${String(x.recordType)}”`);
    return p;
  }
  const fields = new Set<string>(RECORD_SPECS[x.recordType].fields.map((f) => f.key));
  const field = (f: unknown, what: string) => {
    if (typeof f !== 'string' || !(RECORD_COLUMNS as readonly string[]).includes(f) || !fields.has(f))
      p.push(`${what}：“${String(f)}”不是“${RECORD_SPECS[x.recordType as RecordType].label}”的字段`);
  };
  const conds = (cs: unknown, what: string) => {
    if (cs === undefined) return;
    if (!Array.isArray(cs)) {
      p.push(`${what} 应为条件列表`);
      return;
    }
    for (const c of cs as Condition[]) {
      field(c?.field, what);
      if (!['eq', 'ne', 'in', 'true', 'false', 'set', 'unset'].includes(c?.op)) p.push(`${what}：未知的条件“${String(c?.op)}”`);
      else if ((c.op === 'eq' || c.op === 'ne') && typeof c.value !== 'string') p.push(`${what}：${c.op} 需要文本值`);
      else if (c.op === 'in' && (!Array.isArray(c.value) || c.value.some((v) => typeof v !== 'string'))) p.push(`${what}：in 需要文本列表`);
    }
  };
  conds(x.where, 'where');
  const num = (v: unknown, what: string, min = 0) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) p.push(`${what} 应为不小于${min}的数`);
  };
  switch (x.kind) {
    case 'duration':
      field(x.start, 'start');
      field(x.end, 'end');
      num(x.limit, 'limit');
      if (!['working', 'calendar'].includes(x.days as string)) p.push('days 应为 working 或 calendar');
      if (!['each', 'average'].includes(x.mode as string)) p.push('mode 应为 each 或 average');
      break;
    case 'share':
      conds(x.property, 'property');
      if (!Array.isArray(x.property) || !x.property.length) p.push('property 不能为空');
      num(x.percent, 'percent');
      if (!['>=', '='].includes(x.op as string)) p.push('op 应为 >= 或 =');
      if (x.dateField !== undefined) field(x.dateField, 'dateField');
      for (const f of x.needs ?? []) field(f, 'needs');
      break;
    case 'count':
      field(x.dateField, 'dateField');
      num(x.target, 'target', 1);
      if (typeof x.by !== 'string' || !/^\d{2}-\d{2}$/.test(x.by)) p.push('by 应为 MM-DD');
      break;
    case 'ratio':
      field(x.numerator, 'numerator');
      field(x.denominator, 'denominator');
      num(x.percent, 'percent');
      if (x.dateField !== undefined) field(x.dateField, 'dateField');
      break;
    default:
      p.push(`未知的指标类型“${String(x.kind)}”`);
  }
  if ((x.kind === 'share' || x.kind === 'ratio') && typeof x.percent === 'number' && x.percent > 100 && x.kind === 'share') p.push('percent 不能超过100');
  return p;
}

/** The target in words, e.g. "每件 ≤ 9 个工作日", "平均 ≤ 30 个工作日", "≥ 90%", "12-31 前 ≥ 2000". */
export function targetText(d: IndicatorDefinition): string {
  switch (d.kind) {
    case 'duration':
      return `${d.mode === 'each' ? '每件' : '平均'} ≤ ${d.limit} ${d.days === 'working' ? '个工作日' : '日'}`;
    case 'share':
    case 'ratio':
      return `${d.op === '=' ? '=' : '≥'} ${d.percent}%`;
    case 'count':
      return `${d.by.replace('-', '月')}日前 ≥ ${d.target}`;
  }
}

/** What the value of an indicator is, in words. */
export function valueLabel(d: IndicatorDefinition): string {
  switch (d.kind) {
    case 'duration':
      return d.mode === 'each' ? '按时办结率（%）' : `平均用时（${d.days === 'working' ? '工作日' : '日'}）`;
    case 'share':
      return '占比（%）';
    case 'ratio':
      return '比例（%）';
    case 'count':
      return '累计数量';
  }
}
