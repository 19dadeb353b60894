/**
 * The 派单目录 as first seeded: the topics (事项类别) enterprises raise, each tied to the plan measure whose lead units
 * answer for it (the units are looked up in the plan of the year through its read API, never by id: see
 * ../catalogue-store.ts `seedCatalogue`). Measure numbers and the words that identify them are those of the 渝中区
 * 2021 plan (test/fixtures/plans/yuzhong-2021.txt); a measure is found by its number when its title or text contains
 * `find`, else by the first measure that contains `find`.
 *
 * Keywords and weights (1–10, negative against) were written from the measures' texts and the 12345 business
 * categories, then tuned on the "tune" half of the labelled set (eval/requests.jsonl) only; the "test" half is held out.
 */
import type { CatalogueTopic, Keyword } from './routing.js';

export interface SeedUnit {
  /** Index into the measure's lead units (0 = the first). */
  lead: number;
  keywords: Keyword[];
}

export interface SeedTopic {
  name: string;
  measure: number;
  find: string;
  units: SeedUnit[];
  keywords: Keyword[];
}

const k = (spec: string): Keyword[] =>
  spec
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => {
      const [word, weight] = s.split(':');
      return { word: word!, weight: Number(weight ?? 3) };
    });

export const SEED_TOPICS: SeedTopic[] = [
  {
    name: '开办企业',
    measure: 1,
    find: '注册登记',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '开办:5 开办企业:6 法定代表:4 法人:3 设立:5 营业执照:6 执照:4 注册:4 注册登记:6 设立登记:6 工商登记:6 变更登记:6 注销:6 简易注销:6 经营范围:5 住所:5 经营场所:3 刻章:5 印章:4 电子营业执照:6 一照多址:6 名称:2 核名:6 股东:3 法定代表人:3 吊销:4 个体工商户:4 证照分离:6 许可证:3 食品经营许可:5',
    ),
  },
  {
    name: '水电气报装',
    measure: 6,
    find: '用水',
    units: [
      { lead: 0, keywords: k('用水:4 供水:4 自来水:5 水表:5 给水:4 排水:4 燃气:5 天然气:5 气表:5 通气:4 燃气管道:5 停水:4') },
      { lead: 1, keywords: k('用电:5 供电:5 电力:4 通电:4 电表:5 变压器:5 增容:4 停电:5 电缆:4 电价:4 低压:3 高压:3 充电桩:3') },
    ],
    keywords: k(
      '报装:7 水电气:7 用水:5 供水:5 自来水:5 水表:5 用电:5 供电:5 电力:4 通电:5 电表:5 变压器:5 增容:4 停电:5 燃气:5 天然气:5 气表:5 通气:5 接入:4 外线:5 开户:2 管网:4 抄表:4 水费:5 电费:5 气费:5 停水:5',
    ),
  },
  {
    name: '融资',
    measure: 9,
    find: '融资',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '融资:7 贷款:6 银行:4 授信:6 续贷:6 首贷:6 信贷:6 担保:4 融资担保:6 抵押:3 利率:4 贴息:4 放款:6 放贷:6 金融机构:5 抽贷:6 断贷:6 转贷:6 应急转贷:6 征信:4 信用贷:6 保理:5 银企:6 资金周转:5 流动资金:5 上市:4 股权融资:6 小额贷款:6',
    ),
  },
  {
    name: '政府采购',
    measure: 12,
    find: '政府采购',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '政府采购:9 采购:5 采购人:6 采购代理:6 采购合同:6 采购文件:6 供应商:4 中标:2 成交:3 询价:5 竞争性磋商:6 竞争性谈判:6 单一来源:6 框架协议:5 履约验收:6 验收:3 采购款:6 尾款:3 质疑:3 政采:6 电子卖场:6 预付款:3 中小企业预留:6',
    ),
  },
  {
    name: '招标投标',
    measure: 17,
    find: '招标投标',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '招标投标:9 招标:6 CA锁:6 数字证书:5 交易平台:5 投标:6 招投标:8 开标:6 评标:6 中标:4 投标保证金:7 保证金:4 招标文件:6 资格预审:6 围标:7 串标:7 公共资源交易:7 交易中心:5 不见面开标:7 评标专家:6 中标候选人:6 工程项目:3 资质:2',
    ),
  },
  {
    name: '工程建设审批',
    measure: 25,
    find: '工程建设项目',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '施工许可:7 施工许可证:7 图纸:5 工程建设:6 建设项目:5 规划许可:6 竣工验收:6 联合验收:6 图审:6 施工图:6 审查:2 消防验收:6 消防设计:5 装修:3 建设工程:5 审批:3 容缺:5 开工:4 建筑:3 工程规划:6 质量监督:4 人防:5',
    ),
  },
  {
    name: '不动产登记',
    measure: 26,
    find: '不动产登记',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '不动产:8 不动产登记:9 产权证:7 房产证:7 不动产权证书:8 过户:6 抵押登记:9 解押:6 权属证书:7 在建工程:5 产权:4 土地:3 分户:5 办证:4 房屋:3 商铺:2 转移登记:7 首次登记:6 查封:3 权属:5',
    ),
  },
  {
    name: '纳税',
    measure: 28,
    find: '税',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '纳税:7 税务:7 加计扣除:8 研发费用:4 税费:6 发票:6 开票:6 增值税:7 所得税:7 退税:7 留抵退税:8 申报:3 纳税申报:7 税收:5 减税:6 免税:5 税率:6 个税:6 电子税务局:8 税控:7 核定:3 欠税:6 滞纳金:4 社保费:3 印花税:7 汇算清缴:7 税务登记:7 完税:5 抵扣:5',
    ),
  },
  {
    name: '执法检查',
    measure: 34,
    find: '执法',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '执法:7 检查:4 执法检查:8 罚款:6 处罚:6 行政处罚:7 多头检查:8 重复检查:8 检查组:5 双随机:7 抽查:5 监管:3 执法人员:6 扣押:5 查封:4 首违不罚:8 轻微违法:6 整改:3 执法标准:6 随意检查:7 责令:4 信用修复:6 经营异常:5 严重违法失信:6',
    ),
  },
  {
    name: '知识产权',
    measure: 36,
    find: '知识产权',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '知识产权:9 专利:7 商标:7 侵权:5 版权:6 著作权:6 仿冒:6 假冒:5 盗版:6 专利申请:7 商标注册:7 维权:4 质押:4 知识产权质押:7 商业秘密:6 技术资料:5 客户资料:5 作品:5 授权:4 地理标志:6 山寨:5',
    ),
  },
  {
    name: '用工社保',
    measure: 39,
    find: '劳动',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '社保:7 社会保险:7 养老保险:6 医疗保险:4 失业保险:6 工伤:7 工伤认定:8 用工:6 招工:7 招聘:6 劳动合同:7 劳动纠纷:7 劳动仲裁:7 欠薪:7 工资:4 稳岗:6 稳岗返还:7 以工代训:6 就业:5 员工:3 职工:3 人才:3 社保补贴:6 公积金:2 劳务派遣:6 辞退:5 技能培训:5 招用:5',
    ),
  },
  {
    name: '政务服务',
    measure: 21,
    find: '渝快办',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '政务服务:8 服务专员:6 专员:4 渝快办:8 政务中心:7 服务大厅:6 窗口:5 办事:4 大厅:3 排队:5 预约:4 一网通办:7 跨省通办:7 通办:5 材料:2 证明:3 电子证照:7 线上办理:4 网上办理:4 办事指南:7 系统:2 取号:5 帮办代办:7 代办:5 好差评:7 叫号:5',
    ),
  },
  {
    name: '司法诉讼',
    measure: 42,
    find: '民商事',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '法院:8 诉讼:7 起诉:7 判决:7 执行:4 强制执行:7 立案:6 开庭:7 审理:6 案件:5 仲裁:3 调解:3 破产:7 破产清算:8 破产重整:8 法官:6 判决书:7 执行款:7 老赖:6 失信被执行人:7 财产保全:7 诉前调解:7',
    ),
  },
  {
    name: '惠企政策',
    measure: 49,
    find: '政策',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '惠企政策:8 政策:5 补贴:4 补助:5 奖励:5 扶持:5 专项资金:6 申报:2 兑现:6 专精特新:7 小巨人:6 高新技术企业:6 认定:5 资金拨付:6 政策兑现:8 奖补:6 一次性奖励:6 政策解读:7 免申即享:7 应享尽享:7 纾困:5 房租减免:6 扶持资金:6',
    ),
  },
  {
    name: '招商落地',
    measure: 52,
    find: '招商',
    units: [{ lead: 0, keywords: [] }],
    keywords: k(
      '招商:8 落地:6 投资:4 项目落地:8 签约:5 协议:3 招商引资:8 总部:5 入驻:5 选址:6 楼宇:4 载体:4 办公场地:5 承诺:3 引进:4 投资协议:7 回访:4 落户:6 迁入:5',
    ),
  },
];

/** A measure as the seed needs it (from the plan's read API, or a parsed plan file for the evaluation). */
export interface SeedMeasure {
  number: number;
  title: string;
  text: string;
  leadUnits: Array<{ id: number; name: string }>;
}

export type ResolvedTopic = Omit<CatalogueTopic, 'id' | 'active'>;

/**
 * The seed topics with their units taken from the plan's measures (see SEED_TOPICS). A topic whose measure or lead
 * unit is not in the plan is left out and named in `missing`.
 */
export function resolveSeedTopics(seeds: readonly SeedTopic[], measures: readonly SeedMeasure[]): { topics: ResolvedTopic[]; missing: string[] } {
  const topics: ResolvedTopic[] = [];
  const missing: string[] = [];
  const has = (m: SeedMeasure, s: SeedTopic) => m.title.includes(s.find) || m.text.includes(s.find);
  for (const s of seeds) {
    const m = measures.find((x) => x.number === s.measure && has(x, s)) ?? measures.find((x) => has(x, s) && x.leadUnits.length > 0);
    const units = m
      ? s.units.flatMap((u) => (m.leadUnits[u.lead] ? [{ unitId: m.leadUnits[u.lead]!.id, unitName: m.leadUnits[u.lead]!.name, keywords: u.keywords }] : []))
      : [];
    if (!m || !units.length) {
      missing.push(s.name);
      continue;
    }
    topics.push({ name: s.name, answerDays: null, keywords: s.keywords, units });
  }
  return { topics, missing };
}
