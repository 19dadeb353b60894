/**
 * GB/T 4754-2017 《国民经济行业分类》: the 20 门类 (sections, letters A–T) and 97 大类 (divisions,
 * two digits 01–97) with their names. 中类 (3 digits) and 小类 (4 digits) belong to the 大类 of their
 * first two digits; the 大类 ranges of the 门类 are contiguous and cover 01–97.
 */
export interface Section {
  code: string;
  name: string;
  from: number;
  to: number;
}

export const SECTIONS: Section[] = [
  { code: 'A', name: '农、林、牧、渔业', from: 1, to: 5 },
  { code: 'B', name: '采矿业', from: 6, to: 12 },
  { code: 'C', name: '制造业', from: 13, to: 43 },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', from: 44, to: 46 },
  { code: 'E', name: '建筑业', from: 47, to: 50 },
  { code: 'F', name: '批发和零售业', from: 51, to: 52 },
  { code: 'G', name: '交通运输、仓储和邮政业', from: 53, to: 60 },
  { code: 'H', name: '住宿和餐饮业', from: 61, to: 62 },
  { code: 'I', name: '信息传输、软件和信息技术服务业', from: 63, to: 65 },
  { code: 'J', name: '金融业', from: 66, to: 69 },
  { code: 'K', name: '房地产业', from: 70, to: 70 },
  { code: 'L', name: '租赁和商务服务业', from: 71, to: 72 },
  { code: 'M', name: '科学研究和技术服务业', from: 73, to: 75 },
  { code: 'N', name: '水利、环境和公共设施管理业', from: 76, to: 79 },
  { code: 'O', name: '居民服务、修理和其他服务业', from: 80, to: 82 },
  { code: 'P', name: '教育', from: 83, to: 83 },
  { code: 'Q', name: '卫生和社会工作', from: 84, to: 85 },
  { code: 'R', name: '文化、体育和娱乐业', from: 86, to: 90 },
  { code: 'S', name: '公共管理、社会保障和社会组织', from: 91, to: 96 },
  { code: 'T', name: '国际组织', from: 97, to: 97 },
];

/** The 97 大类 of GB/T 4754-2017, index = code − 1. */
const DIVISION_NAMES = [
  '农业',
  '林业',
  '畜牧业',
  '渔业',
  '农、林、牧、渔专业及辅助性活动',
  '煤炭开采和洗选业',
  '石油和天然气开采业',
  '黑色金属矿采选业',
  '有色金属矿采选业',
  '非金属矿采选业',
  '开采专业及辅助性活动',
  '其他采矿业',
  '农副食品加工业',
  '食品制造业',
  '酒、饮料和精制茶制造业',
  '烟草制品业',
  '纺织业',
  '纺织服装、服饰业',
  '皮革、毛皮、羽毛及其制品和制鞋业',
  '木材加工和木、竹、藤、棕、草制品业',
  '家具制造业',
  '造纸和纸制品业',
  '印刷和记录媒介复制业',
  '文教、工美、体育和娱乐用品制造业',
  '石油、煤炭及其他燃料加工业',
  '化学原料和化学制品制造业',
  '医药制造业',
  '化学纤维制造业',
  '橡胶和塑料制品业',
  '非金属矿物制品业',
  '黑色金属冶炼和压延加工业',
  '有色金属冶炼和压延加工业',
  '金属制品业',
  '通用设备制造业',
  '专用设备制造业',
  '汽车制造业',
  '铁路、船舶、航空航天和其他运输设备制造业',
  '电气机械和器材制造业',
  '计算机、通信和其他电子设备制造业',
  '仪器仪表制造业',
  '其他制造业',
  '废弃资源综合利用业',
  '金属制品、机械和设备修理业',
  '电力、热力生产和供应业',
  '燃气生产和供应业',
  '水的生产和供应业',
  '房屋建筑业',
  '土木工程建筑业',
  '建筑安装业',
  '建筑装饰、装修和其他建筑业',
  '批发业',
  '零售业',
  '铁路运输业',
  '道路运输业',
  '水上运输业',
  '航空运输业',
  '管道运输业',
  '多式联运和运输代理业',
  '装卸搬运和仓储业',
  '邮政业',
  '住宿业',
  '餐饮业',
  '电信、广播电视和卫星传输服务',
  '互联网和相关服务',
  '软件和信息技术服务业',
  '货币金融服务',
  '资本市场服务',
  '保险业',
  '其他金融业',
  '房地产业',
  '租赁业',
  '商务服务业',
  '研究和试验发展',
  '专业技术服务业',
  '科技推广和应用服务业',
  '水利管理业',
  '生态保护和环境治理业',
  '公共设施管理业',
  '土地管理业',
  '居民服务业',
  '机动车、电子产品和日用产品修理业',
  '其他服务业',
  '教育',
  '卫生',
  '社会工作',
  '新闻和出版业',
  '广播、电视、电影和录音制作业',
  '文化艺术业',
  '体育',
  '娱乐业',
  '中国共产党机关',
  '国家机构',
  '人民政协、民主党派',
  '社会保障',
  '群众团体、社会团体和其他成员组织',
  '基层群众自治组织及其他组织',
  '国际组织',
];

export interface Division {
  code: string;
  name: string;
  section: string;
}

export const DIVISIONS: Division[] = DIVISION_NAMES.map((name, i) => {
  const n = i + 1;
  return { code: String(n).padStart(2, '0'), name, section: SECTIONS.find((s) => n >= s.from && n <= s.to)!.code };
});

/** K 70 中类 names (the size table distinguishes them). */
const REAL_ESTATE_GROUPS: Record<string, string> = {
  '701': '房地产开发经营',
  '702': '物业管理',
  '703': '房地产中介服务',
  '704': '房地产租赁经营',
  '709': '其他房地产业',
};

export interface IndustryRef {
  /** As given, normalised: a 门类 letter or 2–4 digits. */
  code: string;
  section: Section;
  division?: Division;
  /** "C 制造业 › 36 汽车制造业". */
  label: string;
}

/**
 * Resolves a GB/T 4754-2017 code: a 门类 letter (A–T), or a 大类/中类/小类 code of 2–4 digits
 * (optionally prefixed by its 门类 letter, e.g. "C3611"). Returns an error message otherwise.
 */
export function resolveIndustry(input: string): IndustryRef | { error: string } {
  let code = input.trim().toUpperCase();
  const m = /^([A-T])(\d{2,4})$/.exec(code);
  if (m) code = m[2]!;
  if (/^[A-T]$/.test(code)) {
    const section = SECTIONS.find((s) => s.code === code)!;
    return { code, section, label: `${code} ${section.name}` };
  }
  if (!/^\d{2,4}$/.test(code)) return { error: `“${input}”不是 GB/T 4754-2017 行业代码（门类字母 A–T，或2至4位数字的大类、中类、小类代码）` };
  const division = DIVISIONS[Number(code.slice(0, 2)) - 1];
  if (!division) return { error: `大类代码“${code.slice(0, 2)}”不存在（GB/T 4754-2017 大类为01–97）` };
  if (m && m[1] !== division.section) return { error: `代码“${input}”的门类字母与大类${division.code}（属${division.section}门类）不一致` };
  const section = SECTIONS.find((s) => s.code === division.section)!;
  const group = code.length >= 3 && division.code === '70' ? REAL_ESTATE_GROUPS[code.slice(0, 3)] : undefined;
  return {
    code,
    section,
    division,
    label: `${section.code} ${section.name} › ${division.code} ${division.name}${group ? ` › ${code.slice(0, 3)} ${group}` : ''}`,
  };
}

export function industryLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  const r = resolveIndustry(code);
  return 'error' in r ? null : r.label;
}
