/**
 * The unit directory: the offices, collectives and enterprises a plan assigns measures to, each with
 * its canonical name, its kind and the other names plans use for it (区发改委 and 区发展改革委 are one
 * unit). Pure data and lookups: no I/O.
 */

export type UnitKind =
  /** 区政府工作部门 and offices (区发展改革委, 区政务服务办 …). */
  | 'department'
  /** 党委部门 (区委宣传部 …). */
  | 'party'
  /** Vertically managed or municipal branch offices (区税务局, 区公安分局, 市住房公积金中心渝中分中心 …). */
  | 'vertical'
  /** 区法院, 区检察院. */
  | 'judicial'
  /** 事业单位 (区公共资源交易中心, 区党政信息中心 …). */
  | 'institution'
  /** Enterprises and SOEs (市区供电分公司, 燃气集团渝中分公司, 渝中区自来水厂 …). */
  | 'enterprise'
  /** People's organisations and associations (区工商联 …). */
  | 'organization'
  /** A group named as one unit (各产业部门, 各管委会, 各街道). */
  | 'collective'
  /** A name a plan used that no directory knew: stored as a unit of its own until the office confirms or merges it. */
  | 'unknown';

/** The kinds the office may give a unit it confirms (every kind but `unknown`), with their Chinese labels. */
export const UNIT_KIND_LABELS: Readonly<Record<Exclude<UnitKind, 'unknown'>, string>> = {
  department: '政府工作部门',
  party: '党委部门',
  vertical: '垂直管理及驻区单位',
  judicial: '司法机关',
  institution: '事业单位',
  enterprise: '企业',
  organization: '人民团体及协会',
  collective: '单位集合（如各街道）',
};
export const CONFIRMED_UNIT_KINDS = Object.keys(UNIT_KIND_LABELS) as Array<Exclude<UnitKind, 'unknown'>>;

export interface UnitEntry {
  name: string;
  kind: UnitKind;
  aliases: string[];
}

/** [canonical name, kind, ...aliases] */
const DIRECTORY: ReadonlyArray<readonly [string, UnitKind, ...string[]]> = [
  // Government departments
  ['区发展改革委', 'department', '区发改委', '区发展和改革委员会', '区发展改革委员会', '区发改局', '区发展和改革局'],
  ['区市场监管局', 'department', '区市场监督管理局', '区市监局'],
  ['区政务服务办', 'department', '区政务服务管理办公室', '区政务办', '区政务服务中心', '区政务服务管理办'],
  ['区人力社保局', 'department', '区人社局', '区人力资源社会保障局', '区人力资源和社会保障局'],
  ['区司法局', 'department'],
  ['区金融办', 'department', '区金融工作办公室', '区金融服务中心', '区地方金融监管局'],
  ['区城管局', 'department', '区城市管理局', '区城市管理综合执法局', '区综合执法局'],
  ['区经济信息委', 'department', '区经信委', '区经济和信息化委员会', '区经济和信息化委', '区经信局', '区经济和信息化局', '区工业和信息化局', '区工信局'],
  ['区财政局', 'department'],
  ['区科技局', 'department', '区科学技术局', '区科委', '区科技委'],
  ['区商务委', 'department', '区商务委员会', '区商务局', '区商务和投资促进局'],
  [
    '区住房城市建设委',
    'department',
    '区住房城乡建委',
    '区住建委',
    '区住房和城乡建设委员会',
    '区住房城乡建设委',
    '区住建局',
    '区住房和城乡建设局',
    '区住房城乡建设局',
  ],
  ['区规划自然资源局', 'department', '区规划和自然资源局', '区规资局', '区自然资源局', '区规自局', '规划自然资源渝中分局'],
  ['区大数据局', 'department', '区大数据发展局', '区大数据应用发展管理局', '区数据局'],
  ['区文化旅游委', 'department', '区文旅委', '区文化和旅游发展委员会', '区文化旅游局', '区文旅局', '区文化和旅游局'],
  ['区招商局', 'department', '区招商投资局', '区投资促进局', '区招商投资促进局', '区投促局'],
  ['区教委', 'department', '区教育委员会', '区教育局'],
  ['区卫生健康委', 'department', '区卫健委', '区卫生健康委员会', '区卫健局', '区卫生健康局'],
  ['区生态环境局', 'department', '区环保局'],
  ['区交通局', 'department', '区交通运输局', '区交通运输委'],
  ['区应急局', 'department', '区应急管理局'],
  ['区民政局', 'department'],
  ['区退役军人事务局', 'department', '区退役军人局'],
  ['区统计局', 'department'],
  ['区审计局', 'department'],
  ['区农业农村委', 'department', '区农业农村局', '区农委'],
  ['区水利局', 'department', '区水务局'],
  ['区医保局', 'department', '区医疗保障局'],
  ['区国资委', 'department', '区国有资产监督管理委员会', '区国资局'],
  ['区行政审批局', 'department', '区行政审批服务局'],
  ['区政府办公室', 'department', '区府办', '区政府办', '区人民政府办公室'],
  ['区机关事务局', 'department', '区机关事务管理局'],
  ['区档案馆', 'institution'],
  // Party organs
  ['区委宣传部', 'party'],
  ['区委编办', 'party', '区委机构编制委员会办公室'],
  ['区委网信办', 'party', '区委网络安全和信息化委员会办公室'],
  ['区委组织部', 'party'],
  // Vertically managed and municipal branch offices
  ['区税务局', 'vertical', '国家税务总局重庆市渝中区税务局', '区税务分局'],
  ['区公安分局', 'vertical', '区公安局', '公安渝中分局'],
  ['市住房公积金中心渝中分中心', 'vertical', '区公积金中心', '住房公积金渝中分中心'],
  ['区消防救援支队', 'vertical', '区消防救援大队', '区消防支队'],
  ['人行渝中支行', 'vertical', '人民银行渝中支行', '区人民银行'],
  ['区银保监组', 'vertical'],
  ['区海关', 'vertical'],
  // Courts and procuratorate
  ['区法院', 'judicial', '区人民法院', '渝中区法院', '渝中区人民法院'],
  ['区检察院', 'judicial', '区人民检察院', '渝中区检察院', '渝中区人民检察院'],
  // Public institutions
  ['区公共资源交易中心', 'institution', '区公共资源交易服务中心'],
  ['区党政信息中心', 'institution', '区党政网络信息中心'],
  ['区不动产登记中心', 'institution'],
  ['区企业服务中心', 'institution'],
  // Enterprises and SOEs
  ['市区供电分公司', 'enterprise', '国网重庆市区供电分公司', '市区供电公司', '国网市区供电公司'],
  ['燃气集团渝中分公司', 'enterprise', '重庆燃气集团渝中分公司'],
  ['渝中区自来水厂', 'enterprise', '区自来水厂', '渝中自来水厂'],
  ['区供水公司', 'enterprise', '区自来水公司'],
  ['区供电公司', 'enterprise', '区供电局'],
  ['区燃气公司', 'enterprise'],
  ['区通信运营商', 'enterprise', '各通信运营企业', '各通信运营商'],
  // Organisations
  ['区工商联', 'organization', '区工商业联合会', '区总商会'],
  ['区总工会', 'organization'],
  ['区律师协会', 'organization'],
  // Collectives: units of their own
  ['各产业部门', 'collective'],
  ['各管委会', 'collective', '各园区管委会'],
  ['各街道', 'collective', '各街道办事处', '各街道办'],
  ['各镇街', 'collective', '各镇街道', '各镇（街道）', '各镇人民政府、街道办事处'],
  ['各行业主管部门', 'collective', '各行业主管单位', '各行业部门'],
  ['各相关部门', 'collective', '区级各相关部门', '各有关部门'],
];

export interface UnitDirectory {
  /** Canonical name for a name or alias; undefined when unknown. */
  canonical(name: string): string | undefined;
  lookup(name: string): UnitEntry | undefined;
  list(): UnitEntry[];
}

/** Compares names without whitespace and with full-width brackets. */
function key(name: string): string {
  return name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Builds a directory from the built-in entries plus extra ones (e.g. a district's own units). */
export function createUnitDirectory(extra: readonly UnitEntry[] = []): UnitDirectory {
  const entries: UnitEntry[] = DIRECTORY.map(([name, kind, ...aliases]) => ({ name, kind, aliases: [...aliases] }));
  for (const e of extra) {
    const existing = entries.find((x) => x.name === e.name);
    if (existing) existing.aliases = [...new Set([...existing.aliases, ...e.aliases])];
    else entries.push({ name: e.name, kind: e.kind, aliases: [...e.aliases] });
  }
  const index = new Map<string, UnitEntry>();
  for (const e of entries) {
    index.set(key(e.name), e);
    for (const a of e.aliases) if (!index.has(key(a))) index.set(key(a), e);
  }
  const lookup = (name: string): UnitEntry | undefined => {
    const k = key(name);
    const hit = index.get(k);
    if (hit) return hit;
    // "渝中区市场监管局", "重庆市渝中区市场监管局" → "区市场监管局"
    const m = /^(?:[\u4e00-\u9fa5]{1,8}[省市])?[\u4e00-\u9fa5]{1,4}区(.+)$/.exec(k);
    if (m) return index.get(`区${m[1]}`);
    return undefined;
  };
  return {
    lookup,
    canonical: (name) => lookup(name)?.name,
    list: () => entries.map((e) => ({ name: e.name, kind: e.kind, aliases: [...e.aliases] })),
  };
}

const DEFAULT = createUnitDirectory();

/** The canonical name of a unit ("区发改委" → "区发展改革委"); undefined when the name is not in the directory. */
export function canonicalUnit(name: string): string | undefined {
  return DEFAULT.canonical(name);
}

export function lookupUnit(name: string): UnitEntry | undefined {
  return DEFAULT.lookup(name);
}

/** Every unit of the built-in directory with its kind and aliases. */
export function listUnits(): UnitEntry[] {
  return DEFAULT.list();
}
