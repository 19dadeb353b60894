import { describe, it, expect } from 'vitest';
import { extractTargets } from './targets.js';

const short = (s: string) => extractTargets(s).map((t) => `${t.metric}|${t.op}|${t.value}|${t.unit}|${t.text}`);

describe('extractTargets', () => {
  it('reads the documented forms', () => {
    expect(short('获得用水一般项目用户全流程总用时不超过9个工作日。')).toEqual(['获得用水一般项目用户全流程总用时|<=|9|工作日|不超过9个工作日']);
    expect(short('行政许可事项全程网办占比不低于90%。')).toEqual(['行政许可事项全程网办占比|>=|90|%|不低于90%']);
    expect(short('确保采购单位在通知书发出之日起20日内签订合同。')).toEqual(['签订合同用时|<=|20|日|20日内']);
    expect(short('采购人原则上应在7个工作日内组织履约验收。')).toEqual(['组织履约验收用时|<=|7|工作日|7个工作日内']);
    expect(short('预留预算总额的30%以上专门面向中小企业采购。')).toEqual(['预留预算总额的比例|>=|30|%|30%以上']);
    expect(short('培训人数不少于500人，至少举办3场。')).toEqual(['培训人数|>=|500|人|不少于500人', '举办数量|>=|3|场|3场']);
    expect(short('努力实现通过诉前调解化解75%的民商事案件。')).toEqual(['诉前调解化解民商事案件比例|>=|75|%|75%']);
    expect(short('力争年底前全区推广使用企业信用码的市场主体不低于2000户。')).toEqual(['全区推广使用企业信用码的市场主体数量|>=|2000|户|不低于2000户']);
    expect(short('年服务新注册企业100户，培育AAA级和谐企业10家，培育协调员2名。')).toEqual([
      '年服务新注册企业数量|>=|100|户|100户',
      '培育AAA级和谐企业数量|>=|10|家|10家',
      '培育协调员数量|>=|2|名|2名',
    ]);
    expect(short('74项高频政务服务事项年内实现“跨省通办”。')).toEqual(['高频政务服务事项年内实现“跨省通办”|>=|74|项|74项']);
  });

  it('reads other wordings', () => {
    expect(short('企业开办时间压缩至1个工作日以内。')).toEqual(['企业开办时间|<=|1|工作日|压缩至1个工作日以内']);
    expect(short('审批时限控制在5个工作日以内。')).toEqual(['审批时限|<=|5|工作日|控制在5个工作日以内']);
    expect(short('竣工联合验收率达到95%以上。')).toEqual(['竣工联合验收率|>=|95|%|达到95%以上']);
    expect(short('申请材料不多于5份。')).toEqual(['申请材料数量|<=|5|份|不多于5份']);
    expect(short('网上可办率提高到98%。')).toEqual(['网上可办率|>=|98|%|提高到98%']);
    expect(short('办电时间缩短至15天。')).toEqual(['办电时间|<=|15|日|缩短至15天']);
    expect(short('不良率低于2%，增速高于10%。')).toEqual(['不良率|<|2|%|低于2%', '增速|>|10|%|高于10%']);
    expect(short('审批时间压缩50%。')).toEqual(['审批时间压缩幅度|>=|50|%|50%']);
    expect(short('满意度达到100%。')).toEqual(['满意度|=|100|%|达到100%']);
    expect(short('满意度不低于100%。')).toEqual(['满意度|>=|100|%|不低于100%']);
    expect(short('公告时间由45日压缩至20日。')).toEqual(['公告时间|<=|20|日|压缩至20日']);
    expect(short('办理时限从原来的10个工作日缩短至3个工作日。')).toEqual(['办理时限|<=|3|工作日|缩短至3个工作日']);
    expect(short('审批时限均不超过5个工作日，将开办时间压缩至1个工作日。')).toEqual([
      '审批时限|<=|5|工作日|不超过5个工作日',
      '开办时间|<=|1|工作日|压缩至1个工作日',
    ]);
    expect(short('不动产登记办结时间在3个工作日以内。')).toEqual(['不动产登记办结时间|<=|3|工作日|3个工作日以内']);
  });

  it('gives each of several targets in one sentence its own metric', () => {
    expect(short('实现预付款支付比例不低于30%（中小企业不低于50%），减轻压力。')).toEqual([
      '预付款支付比例|>=|30|%|不低于30%',
      '中小企业预付款支付比例|>=|50|%|不低于50%',
    ]);
    expect(short('推动实现事项清单梳理完成率、监管信息归集率100%。')).toEqual(['事项清单梳理完成率|=|100|%|100%', '监管信息归集率|=|100|%|100%']);
    expect(short('其中，涉及需要开挖占绿的，备案办理用时不超过2日（含现场踏勘）；10千伏城镇用户全流程平均用时不超过30个工作日。')).toEqual([
      '涉及需要开挖占绿的备案办理用时|<=|2|日|不超过2日',
      '10千伏城镇用户全流程平均用时|<=|30|工作日|不超过30个工作日',
    ]);
  });

  it('ignores numbers that are not commitments', () => {
    expect(short('采购限额标准以上，200万元以下的货物和服务、400万元以下的工程项目，应当面向中小企业采购。')).toEqual([]);
    expect(short('深化第一批、第2批事项办理深度，经第166次常务会议审议。')).toEqual([]);
    expect(short('深度应用“4+1重庆智慧法院新生态”，打造“24小时智能自助法院”。')).toEqual([]);
    expect(short('推行“十一税合一”，2021年12月底实现，10千伏线路，9月30日前完成。')).toEqual([]);
    expect(short('剩余25%民商事案件后端精审，对不超过50人的企业实行简易程序。')).toEqual([]);
    expect(short('新增贷款500万元，提供3倍担保。')).toEqual([]);
  });
});

describe('extractTargets on the genre (issue 13)', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);

  it('splits compound commitments', () => {
    expect(ovu('实现企业开办“1个环节、0成本、1天办结”。')).toEqual(['<= 1 环节', '= 0 元', '<= 1 日']);
    expect(extractTargets('实现企业开办“1个环节、0成本、1天办结”。').map((t) => `${t.text}|${t.metric}`)).toEqual([
      '1个环节|企业开办环节数',
      '0成本|企业开办成本',
      '1天|企业开办办结用时',
    ]);
    expect(ovu('一般工业项目“2个环节、3个工作日”办结。')).toEqual(['<= 2 环节', '<= 3 工作日']);
    expect(ovu('低压小微企业用电报装实现“三零”服务，即零上门、零审批、零投资。')).toEqual(['= 0 元']);
  });

  it('reads ranges as their committed bound', () => {
    expect(ovu('不动产抵押登记办理时间压缩至3至5个工作日。')).toEqual(['<= 5 工作日']);
    expect(ovu('一般登记业务在3-5个工作日内办结。')).toEqual(['<= 5 工作日']);
    expect(ovu('审批时间为3到5个工作日。')).toEqual(['<= 5 工作日']);
  });

  it('reads limits worded as 压缩至 / 缩短至 / 控制在 … 以内 / 提高到 …%以上', () => {
    expect(ovu('工程建设项目审批时间压缩至80个工作日以内。')).toEqual(['<= 80 工作日']);
    expect(ovu('纳税时间缩短至100小时以内。')).toEqual(['<= 100 小时']);
    expect(ovu('水电气报装时间控制在10个工作日以内。')).toEqual(['<= 10 工作日']);
    expect(ovu('政务服务事项全程网办率提高到90%以上。')).toEqual(['>= 90 %']);
    expect(ovu('一般不动产登记业务1个工作日内办结。')).toEqual(['<= 1 工作日']);
    expect(ovu('企业开办1天办结，简易注销20天公示期。')).toEqual(['<= 1 日']);
    expect(ovu('申请材料精简至3份，办理环节压减至2个。')).toEqual(['<= 3 份', '<= 2 个']);
  });

  it('reads 全覆盖 as = 100 %', () => {
    expect(ovu('实现“互联网+监管”全覆盖。')).toEqual(['= 100 %']);
    expect(ovu('执法记录仪实现配备全覆盖，规范文字记录。')).toEqual(['= 100 %']);
    expect(ovu('推动“双随机、一公开”监管实现部门全覆盖、常态化。')).toEqual(['= 100 %']);
    expect(ovu('实现重点领域100%全覆盖。')).toEqual(['= 100 %']);
  });

  it('reads per-mille, 万元 and 亿元 amounts', () => {
    expect(ovu('纳税人满意度不低于95%，差错率控制在3‰以内。')).toEqual(['>= 95 %', '<= 3 ‰']);
    expect(ovu('全年为市场主体减税降费10亿元以上。')).toEqual(['>= 10 亿元']);
    expect(ovu('新增普惠小微企业贷款不少于50亿元。')).toEqual(['>= 50 亿元']);
    expect(ovu('发放创业担保贷款2000万元以上。')).toEqual(['>= 2000 万元']);
    expect(ovu('单笔贷款额度最高不超过300万元。')).toEqual(['<= 300 万元']);
  });

  it('reads 零 / 免费 / 不收费 commitments as = 0 元', () => {
    expect(ovu('新开办企业免费刻制首套印章。')).toEqual(['= 0 元']);
    expect(ovu('水电气报装外线工程不收费。')).toEqual(['= 0 元']);
    expect(ovu('实现外线工程“零投资”。')).toEqual(['= 0 元']);
    expect(ovu('企业开办“零成本”，免费邮寄营业执照。')).toEqual(['= 0 元']); // once per measure
    expect(ovu('实现小规模纳税人申报“零材料”。')).toEqual([]);
  });

  it('reads Chinese numerals only after an operator or in a closed slogan set', () => {
    expect(ovu('企业开办时间压缩至三个工作日以内。')).toEqual(['<= 3 工作日']);
    expect(ovu('不动产登记缩短至五个工作日。')).toEqual(['<= 5 工作日']);
    expect(ovu('推行“最多跑一次”改革，实现“一次办结”。')).toEqual(['<= 1 次']);
    expect(ovu('申请材料不超过两份。')).toEqual(['<= 2 份']);
    expect(ovu('推行“三个一”服务，落实“两个免于提交”，建立三级联动机制。')).toEqual([]);
  });

  it('invents nothing from dates, document numbers, ordinals, years, articles and phone numbers', () => {
    expect(ovu('根据《优化营商环境条例》第三十六条和渝府办发〔2021〕10号文件，于2021年6月30日前完成。')).toEqual([]);
    expect(ovu('发挥12345政务服务便民热线作用，开通023-63891234咨询电话。')).toEqual([]);
    expect(ovu('深化“4+1”改革，推行“1+N”清单，打造“15分钟政务服务圈”。')).toEqual([]);
    expect(ovu('2022年起全面推行，2023年实现，第2批事项，第一批试点。')).toEqual([]);
    expect(ovu('对2个以上部门的事项实行联合审批。')).toEqual([]);
  });

  it('recognises traditional script, keeping the text as written', () => {
    expect(extractTargets('企業開辦時間壓縮至1個工作日以內。').map((t) => `${t.text}|${t.op} ${t.value} ${t.unit}`)).toEqual([
      '壓縮至1個工作日以內|<= 1 工作日',
    ]);
    expect(ovu('實現“互聯網+監管”全覆蓋，辦理環節不超過2個。')).toEqual(['= 100 %', '<= 2 個']); // the unit as written
  });
});

describe('extractTargets: corpus findings', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('keeps the unit as written in traditional script', () => {
    expect(ovu('推出10項高頻事項，審批時間壓縮至3個工作日。')).toEqual(['>= 10 項', '<= 3 工作日']);
  });
  it('reads steps merged into one (为一个环节)', () => {
    expect(ovu('整合企业登记、印章刻制、申领发票为一个环节，与银行开户实行联办。')).toEqual(['<= 1 环节']);
    expect(ovu('将企业开办整合为2个环节。')).toEqual(['<= 2 环节']);
  });
  it('reads the size of what is to be set up, and areas', () => {
    expect(ovu('加快设立首期规模不低于2亿元的普惠性转贷基金。')).toEqual(['>= 2 亿元']);
    expect(ovu('实现土地供应40万平方米以上。')).toEqual(['>= 40 万平方米']);
  });
});

describe('extractTargets: Chinese-numeral durations and lists of measures', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('reads a Chinese-numeral duration with 内 or a verb of completion', () => {
    expect(ovu('不动产登记三个工作日内办结，抵押登记一日办结。')).toEqual(['<= 3 工作日', '<= 1 日']);
    expect(ovu('推行一日一清，实行三天一报告。')).toEqual([]);
    expect(ovu('企业开办半天办结，登记时间压缩至半个工作日。')).toEqual(['<= 0.5 日', '<= 0.5 工作日']);
    expect(ovu('开展为期半个月的专项行动，半数以上企业参与。')).toEqual([]);
  });
  it('does not count a list of measures', () => {
    expect(ovu('关于稳定经济增长25条政策措施，制定十条措施。')).toEqual([]);
  });
});

describe('extractTargets: lists of values', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('gives every value of "分别…" its own target', () => {
    expect(ovu('一般登记、抵押登记办理时间分别压缩至3个、1个工作日以内。')).toEqual(['<= 3 工作日', '<= 1 工作日']);
    expect(ovu('高压、低压用户办电时间分别不超过15、5个工作日。')).toEqual(['<= 15 工作日', '<= 5 工作日']);
    expect(ovu('网办率、即办率分别达到90%、60%以上。')).toEqual(['>= 90 %', '>= 60 %']);
    expect(ovu('审批时限平均提速50%，申请材料精简30%。')).toEqual(['>= 50 %', '>= 30 %']);
  });
});

describe('extractTargets: shares', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('reads a share of things committed to, not a threshold for support', () => {
    expect(ovu('推动90%以上的政务服务事项实现全程网办。')).toEqual(['>= 90 %']);
    expect(ovu('政务服务事项100%可网上办理，80%以上实现“一次办”。')).toEqual(['= 100 %', '>= 80 %']);
    expect(ovu('对营业收入增长20%以上的企业，给予10万元奖励。')).toEqual([]);
    expect(ovu('实现企业高频事项（年度企业办事频次前20%的事项）全覆盖。')).toEqual(['= 100 %']);
    expect(ovu('企业开办实现“2个工作日”内办结。')).toEqual(['<= 2 工作日']);
  });
});

describe('extractTargets: staged goals of a 行动方案', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('reads 缩小至 …以内 and 提高至100%', () => {
    expect(ovu('到2023年底，涉企事项指标差距缩小至5%以内，高频政务服务事项跨区通办达到80%以上，全程网办率提高至100%。')).toEqual([
      '<= 5 %',
      '>= 80 %',
      '= 100 %',
    ]);
    expect(ovu('制定了26条具体措施，工程建设项目审批时间缩短至100个工作日内。')).toEqual(['<= 100 工作日']);
  });
});

describe('extractTargets: 获得电力 and 工作要点 wordings', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('reads them', () => {
    expect(ovu('高压办电压减为“申请受理、方案答复、外线施工及接电”3个环节，实行低压接电零费用。')).toEqual(['<= 3 环节', '= 0 元']);
    expect(ovu('低压居民用户、非居民用户办电时间分别不超过3天、7天。')).toEqual(['<= 3 日', '<= 7 日']);
    expect(ovu('提供“7×24小时”全天候人工服务，将低压接电容量提升到100KVA，发布94条工作要点。')).toEqual([]);
    expect(ovu('2021年底前新增300个涉企便民事项“掌上办”，80件“一件事”线下办理。')).toEqual(['>= 300 个', '>= 80 件']);
  });
});

describe('extractTargets: held-out corpus findings', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('reads an approximate figure (N%左右) as a point target', () => {
    expect(ovu('社会消费品零售总额增长9%左右。')).toEqual(['= 9 %']);
    expect(ovu('固定资产投资增长10%以上。')).toEqual(['>= 10 %']);
  });
  it('reads no commitment from the bare numbers of a reference clause (对照 / 根据 …)', () => {
    expect(ovu('对照省定100项“一件事”，调整编制目录清单。')).toEqual([]);
    expect(ovu('力争将国家要求的8项“跨省通办”事项提前实现。')).toEqual(['>= 8 项']);
  });
});

describe('extractTargets: a workload is not a result', () => {
  const ovu = (s: string) => extractTargets(s).map((t) => `${t.op} ${t.value} ${t.unit}`);
  it('reads no target from a bare count of work pushed forward, but does from one completed', () => {
    expect(ovu('到2025年完成某村等18个项目建设，加快推进某镇等26个更新项目。')).toEqual(['>= 18 个']);
    expect(ovu('推动30项高频事项年内实现“跨省通办”。')).toEqual(['>= 30 项']);
  });
});
