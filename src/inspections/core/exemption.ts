/**
 * 免罚清单 (包容审慎监管, measure 35), pure rules: the kinds of exemption and their legal basis, the checks of an
 * entry, and the demo entries.
 *
 * Source: 《中华人民共和国行政处罚法》(2021年修订) 第三十三条:
 *   第一款 “违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以
 *          不予行政处罚。”
 *   第二款 “当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。”
 *   第三款 “对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。”
 */

export const EXEMPTION_KINDS = ['轻微不罚', '首违不罚', '无过错不罚'] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

/** Each kind's basis in 行政处罚法 第三十三条, shown beside an entry. */
export const EXEMPTION_KIND_BASIS: Record<ExemptionKind, string> = {
  轻微不罚: '《行政处罚法》第三十三条第一款：违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚',
  首违不罚: '《行政处罚法》第三十三条第一款：初次违法且危害后果轻微并及时改正的，可以不予行政处罚',
  无过错不罚: '《行政处罚法》第三十三条第二款：当事人有证据足以证明没有主观过错的，不予行政处罚',
};

export interface ExemptionInput {
  unitId: number | null;
  item: string;
  kind: ExemptionKind;
  conditions: string;
  violatedBasis: string;
  exemptionBasis: string;
}

export const EXEMPTION_LIMITS = { item: 200, conditions: 1000, violatedBasis: 500, exemptionBasis: 500 } as const;

/** Problems of an entry (field named in Chinese). */
export function checkExemption(e: ExemptionInput): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const need: Array<[keyof typeof EXEMPTION_LIMITS, string]> = [
    ['item', '违法行为'],
    ['conditions', '适用条件'],
    ['violatedBasis', '违法依据'],
    ['exemptionBasis', '免罚依据'],
  ];
  for (const [k, label] of need) {
    const v = e[k].trim();
    if (!v) problems.push({ field: label, message: `${label}不能为空` });
    else if (v.length > EXEMPTION_LIMITS[k]) problems.push({ field: label, message: `${label}不能超过 ${EXEMPTION_LIMITS[k]} 字` });
  }
  if (!(EXEMPTION_KINDS as readonly string[]).includes(e.kind)) problems.push({ field: '类型', message: `类型应为 ${EXEMPTION_KINDS.join('、')} 之一` });
  return problems;
}

/**
 * Demo entries (labelled 演示 on the page). The violated provisions are quoted from the named texts; pairing them
 * with a district's exemption conditions is ours, hence demo. The tax entry follows the national list 国家税务总局
 * 司法部 公告2021年第6号《税务行政处罚“首违不罚”事项清单》.
 */
export const DEMO_EXEMPTIONS: ReadonlyArray<Omit<ExemptionInput, 'unitId'> & { unit: string }> = [
  {
    unit: '区市场监管局',
    item: '经营者未按规定明码标价，或标价内容不全',
    kind: '轻微不罚',
    conditions: '首次被发现，未造成消费者损失，在责令改正期限内改正',
    violatedBasis: '《价格法》第十三条第一款：经营者销售、收购商品和提供服务，应当按照政府价格主管部门的规定明码标价',
    exemptionBasis: EXEMPTION_KIND_BASIS.轻微不罚,
  },
  {
    unit: '区市场监管局',
    item: '广告使用数据、统计资料等引证内容未表明出处',
    kind: '首违不罚',
    conditions: '初次违法，引证内容真实准确，广告发布时间短、影响范围小，及时改正',
    violatedBasis: '《广告法》第十一条第二款：广告使用数据、统计资料、调查结果、文摘、引用语等引证内容的，应当真实、准确，并表明出处',
    exemptionBasis: EXEMPTION_KIND_BASIS.首违不罚,
  },
  {
    unit: '区市场监管局',
    item: '未将营业执照置于住所或者主要经营场所的醒目位置',
    kind: '首违不罚',
    conditions: '初次违法，经责令后当场或在限期内改正',
    violatedBasis: '《市场主体登记管理条例》第三十六条：市场主体应当将营业执照置于住所或者主要经营场所的醒目位置',
    exemptionBasis: EXEMPTION_KIND_BASIS.首违不罚,
  },
  {
    unit: '区税务局',
    item: '纳税人未按照规定期限办理纳税申报和报送纳税资料',
    kind: '首违不罚',
    conditions: '首次发生且危害后果轻微，在税务机关发现前主动改正或在责令限期改正的期限内改正',
    violatedBasis: '《税收征收管理法》第六十二条；国家税务总局 司法部公告2021年第6号《税务行政处罚“首违不罚”事项清单》',
    exemptionBasis: EXEMPTION_KIND_BASIS.首违不罚,
  },
  {
    unit: '区城管局',
    item: '临街商户店外临时堆放物品，未影响通行',
    kind: '轻微不罚',
    conditions: '经劝导后立即清理，未造成危害后果，一年内未因同类行为被处理',
    violatedBasis: '《重庆市市容环境卫生管理条例》关于门前责任区的规定（演示条目，条款待核）',
    exemptionBasis: EXEMPTION_KIND_BASIS.轻微不罚,
  },
];
