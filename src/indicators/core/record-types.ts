/**
 * Case record types: the data each indicator needs, as the departments' systems export it. Every field
 * is stored in a column of the `case_record` table named after its key (one wide table: a record type is
 * a subset of columns), so that indicator queries stay plain set-based SQL.
 */
export type FieldKind = 'text' | 'date' | 'number' | 'bool' | 'enum';

export interface FieldSpec {
  /** Column of `case_record`. */
  key: RecordColumn;
  /** Header in files and the web (Chinese). */
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Other accepted headers. */
  aliases?: string[];
  /** enum: accepted text → stored code. */
  values?: Record<string, string>;
  /** date: must not be earlier than this other date field of the same record ("end before start"). */
  notBefore?: RecordColumn;
  /** number: must not exceed this other number field of the same record. */
  notAbove?: RecordColumn;
}

export interface RecordTypeSpec {
  type: RecordType;
  label: string;
  /** Label of the external id column (the record's id in the source system). */
  idLabel: string;
  fields: FieldSpec[];
}

export const DATE_COLUMNS = [
  'applied_on',
  'accepted_on',
  'completed_on',
  'filing_started_on',
  'filing_done_on',
  'award_on',
  'contract_on',
  'performed_on',
  'acceptance_on',
  'invoice_on',
  'paid_on',
] as const;
export const NUMBER_COLUMNS = ['budget', 'contract_amount', 'prepayment_amount', 'reserved_amount', 'reserved_small_amount'] as const;
export const BOOL_COLUMNS = ['public_tender', 'sme_suitable', 'licensing', 'on_application', 'fully_online', 'done', 'national_later'] as const;
export const TEXT_COLUMNS = ['name', 'category', 'supplier_size', 'route', 'credit_code'] as const;
export type RecordColumn = (typeof DATE_COLUMNS)[number] | (typeof NUMBER_COLUMNS)[number] | (typeof BOOL_COLUMNS)[number] | (typeof TEXT_COLUMNS)[number];
export const RECORD_COLUMNS: readonly RecordColumn[] = [...TEXT_COLUMNS, ...DATE_COLUMNS, ...NUMBER_COLUMNS, ...BOOL_COLUMNS];

export const RECORD_TYPES = [
  'utility',
  'procurement',
  'service_item',
  'benefit_claim',
  'civil_case',
  'credit_code',
  'cross_province',
  'supervision',
  'enterprise_request',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const SIZES = { 大型: 'large', 大: 'large', 中型: 'medium', 中: 'medium', 小型: 'small', 小: 'small', 微型: 'micro', 微: 'micro' };

export const RECORD_SPECS: Record<RecordType, RecordTypeSpec> = {
  utility: {
    type: 'utility',
    label: '水电气报装',
    idLabel: '申请编号',
    fields: [
      { key: 'name', label: '用户名称', kind: 'text' },
      {
        key: 'category',
        label: '报装类型',
        kind: 'enum',
        required: true,
        values: { 用水: 'water', 低压用电: 'power_low', 低压: 'power_low', '10千伏用电': 'power_10kv', '10千伏': 'power_10kv', 用气: 'gas' },
      },
      { key: 'applied_on', label: '申请日期', kind: 'date', required: true },
      { key: 'accepted_on', label: '受理日期', kind: 'date', notBefore: 'applied_on' },
      { key: 'completed_on', label: '接通日期', kind: 'date', aliases: ['完成日期', '办结日期'], notBefore: 'applied_on' },
      { key: 'filing_started_on', label: '开挖占绿备案申请日期', kind: 'date' },
      { key: 'filing_done_on', label: '开挖占绿备案办结日期', kind: 'date', notBefore: 'filing_started_on' },
    ],
  },
  procurement: {
    type: 'procurement',
    label: '政府采购项目',
    idLabel: '项目编号',
    fields: [
      { key: 'name', label: '项目名称', kind: 'text' },
      { key: 'category', label: '采购品目', kind: 'enum', values: { 货物: 'goods', 服务: 'services', 工程: 'works' } },
      { key: 'budget', label: '预算金额（万元）', kind: 'number', required: true, aliases: ['预算金额'] },
      { key: 'public_tender', label: '是否达到公开招标限额', kind: 'bool' },
      { key: 'sme_suitable', label: '是否适宜中小企业提供', kind: 'bool' },
      { key: 'reserved_amount', label: '预留中小企业金额（万元）', kind: 'number', notAbove: 'budget', aliases: ['预留中小企业金额'] },
      {
        key: 'reserved_small_amount',
        label: '其中预留小微企业金额（万元）',
        kind: 'number',
        notAbove: 'reserved_amount',
        aliases: ['其中预留小微企业金额', '预留小微企业金额'],
      },
      { key: 'supplier_size', label: '中标供应商规模', kind: 'enum', values: SIZES },
      { key: 'award_on', label: '中标通知书发出日期', kind: 'date' },
      { key: 'contract_on', label: '合同签订日期', kind: 'date', notBefore: 'award_on' },
      { key: 'contract_amount', label: '合同金额（万元）', kind: 'number', aliases: ['合同金额'] },
      { key: 'prepayment_amount', label: '预付款金额（万元）', kind: 'number', notAbove: 'contract_amount', aliases: ['预付款金额'] },
      { key: 'performed_on', label: '合同执行完毕日期', kind: 'date', notBefore: 'contract_on' },
      { key: 'acceptance_on', label: '履约验收日期', kind: 'date', notBefore: 'performed_on', aliases: ['验收日期'] },
      { key: 'invoice_on', label: '收到发票日期', kind: 'date' },
      { key: 'paid_on', label: '支付日期', kind: 'date', notBefore: 'invoice_on' },
    ],
  },
  service_item: {
    type: 'service_item',
    label: '政务服务事项',
    idLabel: '事项编码',
    fields: [
      { key: 'name', label: '事项名称', kind: 'text', required: true },
      { key: 'licensing', label: '是否行政许可', kind: 'bool', required: true },
      { key: 'on_application', label: '是否依申请事项', kind: 'bool', required: true },
      { key: 'fully_online', label: '是否全程网办', kind: 'bool', required: true },
    ],
  },
  benefit_claim: {
    type: 'benefit_claim',
    label: '失业保险待遇申领',
    idLabel: '申领编号',
    fields: [
      { key: 'category', label: '待遇类型', kind: 'enum', required: true, values: { 失业保险金: 'insurance', 失业补助金: 'subsidy' } },
      { key: 'applied_on', label: '申领日期', kind: 'date', required: true },
      { key: 'completed_on', label: '办结日期', kind: 'date', notBefore: 'applied_on' },
    ],
  },
  civil_case: {
    type: 'civil_case',
    label: '民商事案件',
    idLabel: '案号',
    fields: [
      { key: 'category', label: '案件类别', kind: 'enum', values: { 民事: 'civil', 商事: 'commercial' } },
      { key: 'applied_on', label: '收案日期', kind: 'date', required: true },
      { key: 'completed_on', label: '结案日期', kind: 'date', notBefore: 'applied_on' },
      {
        key: 'route',
        label: '化解方式',
        kind: 'enum',
        values: { 诉前调解: 'mediation', 诉中速裁: 'fast_track', 速裁: 'fast_track', 精审: 'full_trial', 普通程序审理: 'full_trial' },
      },
    ],
  },
  credit_code: {
    type: 'credit_code',
    label: '企业信用码推广使用',
    idLabel: '统一社会信用代码',
    fields: [
      { key: 'name', label: '市场主体名称', kind: 'text' },
      { key: 'completed_on', label: '开始使用日期', kind: 'date', required: true },
    ],
  },
  cross_province: {
    type: 'cross_province',
    label: '跨省通办事项',
    idLabel: '事项编码',
    fields: [
      { key: 'name', label: '事项名称', kind: 'text', required: true },
      { key: 'national_later', label: '是否国家要求2021年以后实现', kind: 'bool' },
      { key: 'completed_on', label: '实现日期', kind: 'date' },
    ],
  },
  supervision: {
    type: 'supervision',
    label: '“互联网+监管”工作记录',
    idLabel: '记录编号',
    fields: [
      {
        key: 'category',
        label: '指标类别',
        kind: 'enum',
        required: true,
        values: {
          清单梳理: 'catalog',
          监管事项清单梳理: 'catalog',
          信息归集: 'collection',
          监管信息归集: 'collection',
          投诉举报: 'complaint',
          投诉举报处理: 'complaint',
          协同监管: 'collaboration',
          协同监管响应: 'collaboration',
        },
      },
      { key: 'name', label: '事项', kind: 'text' },
      { key: 'applied_on', label: '登记日期', kind: 'date', required: true },
      { key: 'done', label: '是否完成', kind: 'bool', required: true },
      { key: 'completed_on', label: '完成日期', kind: 'date', notBefore: 'applied_on' },
    ],
  },
  // Written by the requests capability (src/server/request-indicator-feed.ts): one record per request whose answer
  // deadline has passed or that was answered; the unit is the unit handling it.
  enterprise_request: {
    type: 'enterprise_request',
    label: '企业诉求办理记录',
    idLabel: '诉求编号',
    fields: [
      { key: 'category', label: '诉求类型', kind: 'enum', values: { 咨询: 'consult', 求决: 'resolve', 投诉举报: 'complaint', 建议: 'suggestion' } },
      { key: 'applied_on', label: '受理日期', kind: 'date', required: true },
      { key: 'completed_on', label: '答复日期', kind: 'date', aliases: ['办结日期'], notBefore: 'applied_on' },
      { key: 'done', label: '是否按时办结', kind: 'bool', required: true },
    ],
  },
};

/** Columns every record type has in files besides its fields: the external id and the responsible unit. */
export const UNIT_LABEL = '责任单位';
export const UNIT_ALIASES = ['单位', '实施单位', '采购单位', '承办单位'];

export function isRecordType(t: string): t is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(t);
}

/** Chinese label of an enum code (the first text that maps to it). */
export function enumLabel(type: RecordType, key: RecordColumn, code: string | null): string | null {
  if (code === null) return null;
  const f = RECORD_SPECS[type].fields.find((x) => x.key === key);
  const hit = f?.values && Object.entries(f.values).find(([, v]) => v === code);
  return hit ? hit[0] : code;
}

export function fieldLabel(type: RecordType, key: string): string {
  if (key === 'external_id') return RECORD_SPECS[type].idLabel;
  return RECORD_SPECS[type].fields.find((f) => f.key === key)?.label ?? key;
}
