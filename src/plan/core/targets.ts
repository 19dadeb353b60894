/**
 * Quantitative commitments in a measure's text: {text, metric, op, value, unit}.
 *
 * Recognised forms (N = an Arabic number, or a Chinese numeral right after an operator word; U = a unit):
 *   不超过/不多于/不高于/最多/最多跑/控制在/压缩至/缩短至/减少至/降至 N U (以内)  → <=
 *   不低于/不少于/至少/达到/提高到/提升至/增加到 N U (以上)              → >=
 *   低于/少于 N U → <      高于/多于/超过 N U → >
 *   N U 内/以内/之内 → <=     N U 以上/及以上 → >=
 *   ranges N至M U / N-M U / N到M U → M for a limit, N for a floor; a bare range of time → <= M
 *   bare N% after a rate (…响应率100%) or a verb of achievement (化解75%的…) → >= (= for 100%)
 *   bare counts N 户/家/名/项/个/件… (年服务新注册企业100户, 74项高频政务服务事项…) → >=; N个环节 → <=
 *   a bare duration before a verb of completion (1天办结) → <=
 *   零成本/零费用/零投资/0成本/免费/不收费/不收取费用/免收 → = 0 元 (once per measure)
 *   全覆盖 → = 100 % (once per measure)
 * Not commitments (ignored): ordinals (第166次), "4+1", years (2021年), dates (9月30日), bare
 * durations without a limit ("24小时智能自助法院"), bare money, numbers with unknown units (10千伏),
 * remainders (剩余25%…), Chinese numerals without an operator ("三个一"), and thresholds: a bounded
 * quantity followed by 的 describes what a rule applies to ("200万元以下的货物", "2个以上部门的事项").
 * Units: "个工作日" → 工作日, "天"/"自然日" → 日, "个小时" → 小时, "个月" → 月, "个百分点" → 百分点,
 * "个环节" → 环节. Traditional script is recognised through a simplified copy of the same length
 * (simplified.ts); `text` is cut from the text as written. Decisions and sources: README.md.
 */
import { toSimplified } from './script.js';
import type { Target, TargetOp } from './types.js';

const UNITS = [
  '个环节',
  '环节',
  '个工作日',
  '工作日',
  '个自然日',
  '自然日',
  '个小时',
  '小时',
  '分钟',
  '个月',
  '天',
  '日',
  '个百分点',
  '百分点',
  '%',
  '‰',
  '万人次',
  '万户',
  '万家',
  '万人',
  '人次',
  '家次',
  '户',
  '家',
  '名',
  '项',
  '件',
  '所',
  '座',
  '场',
  '批',
  '条',
  '套',
  '台',
  '笔',
  '宗',
  '份',
  '次',
  '人',
  '万元',
  '亿元',
  '元',
  '万平方米',
  '平方公里',
  '公里',
  '平方米',
  '万亩',
  '亩',
  '万吨',
  '吨',
  '倍',
  '个',
];
const UNIT_NORMAL: Record<string, string> = {
  个环节: '环节',
  个工作日: '工作日',
  个自然日: '日',
  自然日: '日',
  天: '日',
  个小时: '小时',
  个月: '月',
  个百分点: '百分点',
};
const TIME_UNITS = new Set(['工作日', '日', '小时', '分钟', '月']);
const MONEY_UNITS = new Set(['万元', '亿元', '元']);
const RATE_UNITS = new Set(['%', '‰', '百分点']);

const PRE_OPS: Array<[string, TargetOp]> = [
  ['不超过', '<='],
  ['不多于', '<='],
  ['不高于', '<='],
  ['不大于', '<='],
  ['不得超过', '<='],
  ['最多跑', '<='],
  ['至多跑', '<='],
  ['最多', '<='],
  ['至多', '<='],
  ['最长', '<='],
  ['控制在', '<='],
  ['压缩至', '<='],
  ['压缩到', '<='],
  ['压减至', '<='],
  ['压减到', '<='],
  ['缩短至', '<='],
  ['缩短到', '<='],
  ['减少至', '<='],
  ['减少到', '<='],
  ['降低至', '<='],
  ['降低到', '<='],
  ['降至', '<='],
  ['减至', '<='],
  ['压缩在', '<='],
  ['精简至', '<='],
  ['缩小至', '<='],
  ['缩小到', '<='],
  ['缩减至', '<='],
  ['缩减到', '<='],
  ['压降至', '<='],
  ['压降到', '<='],
  ['精简到', '<='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['至少', '>='],
  ['最少', '>='],
  ['提高到', '>='],
  ['提高至', '>='],
  ['提升到', '>='],
  ['提升至', '>='],
  ['增加到', '>='],
  ['增加至', '>='],
  ['增长到', '>='],
  ['增长至', '>='],
  ['达到', '>='],
  ['达', '>='],
  ['低于', '<'],
  ['少于', '<'],
  ['小于', '<'],
  ['高于', '>'],
  ['多于', '>'],
  ['大于', '>'],
  ['超过', '>'],
];
const PRE_RE = new RegExp(
  `(?:${PRE_OPS.map(([w]) => w)
    .sort((a, b) => b.length - a.length)
    .join('|')})$`,
);
const PRE_OP = new Map(PRE_OPS);

const QTY_RE = new RegExp(
  `(?<num>\\d+(?:,\\d{3})*(?:\\.\\d+)?|[一二两三四五六七八九十百]+|半)(?<unit>${UNITS.join('|')})(?<suf>及以上|以上|以内|之内|以下|内)?`,
  'g',
);

/** Verbs after which a bare percentage is a commitment ("化解75%的民商事案件"). */
const ACHIEVE_RE = /(?:化解|实现|达成|完成|覆盖|办结|解决|受理|办理|占比|提高|提升|增长|增加|提速|压缩|压减|缩短|缩减|精简|减少|降低|下降)$/;
const REDUCE_RE = /(?:压缩|压减|缩短|缩减|精简|减少|降低|下降)$/;
const INCREASE_RE = /(?:提高|提升|增长|增加|提速)$/;
/** A clause about pushing work forward (推进 / 推动 / 谋划 …): a bare count in it is a workload. */
const EFFORT_RE = /^(?:加快|持续|积极|大力|全力|加速|稳步|有序)*(?:推进|推动|谋划|储备|跟踪|筹备|服务)/;
/** …unless the clause names a result: "推动74项事项年内实现“跨省通办”". */
const RESULT_RE = /完成|建成|实现|新增|达到|办结|落地|投产|竣工|开工|签约|引进|培育/;
/** A clause opened by a reference to what is given elsewhere (对照/参照/根据/依据 …): its bare numbers are no commitment. */
const REFERENCE_RE = /^(?:对照|参照|根据|依据|按照|依照)/;
/** Nouns that name a rate: "响应率100%" is a commitment. */
const RATE_NOUN_RE = /(?:率|比例|比率|占比|比重|覆盖面)$/;

const LEAD_FILLER = /^(?:其中|至少|并且|并|同时|确保|实现|力争|推动|推进|努力|争取|要求|全面|进一步|切实|基本|逐步|原则上|均|使|将|把|对|在|通过|以)/;
const LEAD_TIME =
  /^(?:(?:今年|本年|明年)?\d{1,2}月(?:\d{1,2}日|底|末)(?:之?前)?|(?:\d{4}年)?(?:年底|年末|年内|底)(?:之?前)?|今年(?:底|内|年底)(?:之?前)?|\d{4}年|今年|年内|第?[一二三四]季度末?(?:之?前)?)/;
const TRAIL_FILLER = /(?:均|都|须|必须|应|应当|要|原则上|将|可|能|需|需要|力争|确保|要求)$/;

const BOUNDARY = new Set(['。', '；', '！', '？', '：', '，']);

/** Start of the clause holding position i (after the last boundary or an unmatched "（"). */
function clauseStart(s: string, i: number): { start: number; by: string } {
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const c = s[k];
    if (c === '）') depth++;
    else if (c === '（') {
      if (depth === 0) return { start: k + 1, by: c };
      depth--;
    } else if (depth === 0 && BOUNDARY.has(c)) return { start: k + 1, by: c };
  }
  return { start: 0, by: '' };
}

/** End of the clause holding position j (before the next boundary or an unmatched "）"). */
function clauseEnd(s: string, j: number): number {
  let depth = 0;
  for (let k = j; k < s.length; k++) {
    const c = s[k];
    if (c === '（') depth++;
    else if (c === '）') {
      if (depth === 0) return k;
      depth--;
    } else if (depth === 0 && BOUNDARY.has(c)) return k;
  }
  return s.length;
}

function cleanLead(s: string): string {
  let prev: string;
  do {
    prev = s;
    s = s.replace(LEAD_FILLER, '').replace(LEAD_TIME, '');
  } while (s !== prev && s.length > 0);
  return s;
}

function cleanTrail(s: string): string {
  let prev: string;
  do {
    prev = s;
    s = s.replace(TRAIL_FILLER, '');
  } while (s !== prev && s.length > 0);
  return s;
}

const ITEM = '(?:[\\d.]+|[零一二两三四五六七八九十])[^、，。；（）\\d]{0,8}';
const ITEM_BEFORE_RE = new RegExp(`${ITEM}、$`);
const ITEMS_AFTER_RE = new RegExp(`(?:、${ITEM})+$`);

function stripItemsBefore(head: string): string {
  let prev: string;
  do {
    prev = head;
    head = head.replace(ITEM_BEFORE_RE, '');
  } while (head !== prev);
  return head.replace(/[“”"]+$/, '');
}

function withSuffix(metric: string, unit: string): string {
  if (!metric) return metric;
  if (unit === '环节') return /环节/.test(metric) ? `${metric.replace(/环节$/, '')}环节数` : `${metric}环节数`;
  if (TIME_UNITS.has(unit) && !/(?:时|时间|用时|时限|周期|天数|日数|时长|期限)$/.test(metric)) return `${metric}用时`;
  if (RATE_UNITS.has(unit) && metric.endsWith('的')) return `${metric}比例`;
  if (!TIME_UNITS.has(unit) && !RATE_UNITS.has(unit) && !MONEY_UNITS.has(unit) && !/(?:数|数量|量|规模|总数|总量|个数|户数|家数|人数)$/.test(metric))
    return `${metric}数量`;
  return metric;
}

interface Found extends Target {
  start: number;
  end: number;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese numeral (三, 十二, 二十, 一百二十) as a number; NaN when it is not one. */
export function chineseNumber(s: string): number {
  let total = 0;
  let digit = Number.NaN;
  for (const c of s) {
    if (c === '百' || c === '十') {
      const mult = c === '百' ? 100 : 10;
      total += (Number.isNaN(digit) ? 1 : digit) * mult;
      digit = Number.NaN;
    } else if (c in CN_DIGITS) {
      if (!Number.isNaN(digit)) return Number.NaN; // 三五 is not a number
      digit = CN_DIGITS[c];
    } else return Number.NaN;
  }
  return total + (Number.isNaN(digit) ? 0 : digit);
}

const numberOf = (s: string) => (/^\d/.test(s) ? Number(s.replace(/,/g, '')) : s === '半' ? 0.5 : chineseNumber(s));

/** The lower bound and connector of a range before the upper bound: "3至" / "3-" / "3个工作日至". */
const RANGE_HEAD_RE = /(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)(?:个工作日|工作日|个小时|小时|天|日|%)?(?:至|到|-|－|—|~|～)$/;
const LIST_HEAD_RE = /(?:\d+(?:\.\d+)?个?(?:、|和|及|或))+$/;
const LIST_TAIL_RE = /^(?:(?:、|和|及|或)\d+(?:\.\d+)?个?)+(?:工作日|自然日|小时|环节|月)/;
const RANGE_TAIL_RE = /^(?:至|到|-|－|—|~|～)[\d一二两三四五六七八九十]/;
/** A bare duration followed by a verb of completion is a limit: "1天办结", "3个工作日”办结". */
const DONE_RE = /^[”"’」』]*(?:办结|办完|办毕|办理完毕|办成|办理|完成|出证|发证|领证|出件|审结|结案|送达|答复|反馈|回复|响应|到场|[”"’」』](?:以内|之内|内))/;
/** What a bare share achieves when it follows it: "100%可网上办理", "90%实现全程网办". */
const SHARE_VERB_RE = /^(?:以上)?(?:的[^，。；]{0,12})?(?:可|实现|网上|全程|纳入|进驻|入驻|上线|接入|覆盖|办结|完成)/;

/** Start of the sentence holding position i (after the last 。；！？ outside brackets). */
function sentenceStart(s: string, i: number): number {
  for (let k = i - 1; k >= 0; k--) if ('。；！？'.includes(s[k])) return k + 1;
  return 0;
}
/** 零/0 before a cost noun, and the wordings of a free service: "= 0 元". */
const ZERO_COST_RE = /[零0](?:成本|费用|收费|投资|元)|免费|不收费|不收取(?:任何)?费用|免收/g;
const FULL_COVER_RE = /全覆盖/g;
const QUOTES = /[“”"‘’「」『』]/g;

/** A bare quantity joined by 、/和 right after a target of the same unit: "分别达到90%、80%". */
function prevJoined(found: Found[], numStart: number, r: string, unit: string): boolean {
  const prev = found[found.length - 1];
  if (!prev || prev.end !== numStart - 1 || !/[、和及]/.test(r[numStart - 1])) return false;
  return toSimplified(prev.unit) === unit;
}

/** Extracts the quantitative commitments of a measure's text, in text order. */
export function extractTargets(content: string): Target[] {
  // Recognition runs on a simplified-script copy of the same length; phrases are cut from the original.
  const r = toSimplified(content);
  const found: Found[] = [];
  for (const m of r.matchAll(QTY_RE)) {
    const g = m.groups!;
    let numStart = m.index!;
    const chinese = !/^\d/.test(g.num);
    const before1 = r[numStart - 1] ?? '';
    if (/[\d.+A-Za-z第]/.test(before1)) continue;
    const rawUnit = g.unit;
    const unit = UNIT_NORMAL[rawUnit] ?? rawUnit;
    // the unit as written (traditional 項 stays 項), normalised as above: 個工作日 → 工作日, 天 → 日
    const unitAt = m.index! + g.num.length;
    const writtenRaw = content.slice(unitAt, unitAt + rawUnit.length);
    const written = unit === rawUnit ? writtenRaw : unit === rawUnit.slice(1) ? writtenRaw.slice(1) : unit;
    const end = numStart + m[0].length;
    const after1 = r[end] ?? '';
    if (after1 === '+' || /[A-Za-z\d]/.test(after1)) continue;
    if (unit === '日' && before1 === '月') continue; // a date: 9月30日
    if (!g.suf && RANGE_TAIL_RE.test(r.slice(end))) continue; // the lower bound of a range
    if (rawUnit === '个' && LIST_TAIL_RE.test(r.slice(end))) continue; // "3个、1个工作日": read with the last
    let value = numberOf(g.num);
    if (Number.isNaN(value)) continue;
    // a range "3至5个工作日": the upper bound for a limit, the lower one for a floor
    const range = RANGE_HEAD_RE.exec(r.slice(Math.max(0, numStart - 12), numStart));
    let lower: number | undefined;
    if (range) {
      lower = numberOf(range[1]);
      numStart -= range[0].length;
    }
    // "分别压缩至3个、1个工作日以内": the numbers listed before share this one's unit and bound
    const list = range ? null : LIST_HEAD_RE.exec(r.slice(Math.max(0, numStart - 40), numStart));
    const listed = list ? [...list[0].matchAll(/\d+(?:\.\d+)?/g)].map((x) => Number(x[0])) : [];
    if (list) numStart -= list[0].length;
    const suf = g.suf;
    const preMatch = PRE_RE.exec(r.slice(Math.max(0, numStart - 4), numStart));
    // "整合企业登记、印章刻制、申领发票为一个环节": steps merged into N are a ceiling
    const pre = preMatch?.[0] ?? (unit === '环节' && before1 === '为' ? '为' : undefined);
    // Chinese numerals only after an operator ("压缩至三个工作日", "最多跑一次"), never with a bare 个
    // ("三个一", "两个免于提交" name lists; "提升至一个新台阶" is no count)
    // "三个工作日内办结", "一日办结": a Chinese-numeral duration with 内 or a verb of completion
    const cnLimit = chinese && TIME_UNITS.has(unit) && (/内/.test(suf ?? '') || (!suf && DONE_RE.test(r.slice(end))));
    if (chinese && (!(pre || cnLimit) || unit === '个')) continue;
    const start = pre ? numStart - pre.length : numStart;
    const bounded = Boolean(pre || suf);
    // a threshold: "200万元以下的货物", "不超过50人的企业", "2个以上部门的事项"
    // ("首期规模不低于2亿元的普惠性转贷基金" commits to the size of what is to be set up)
    const sizeOf = /(?:规模|总额|金额|额度|面积|总量)$/.test(r.slice(Math.max(0, start - 4), start));
    // ("推动90%以上的政务服务事项实现全程网办" is a share committed to; "对营业收入增长20%以上的企业给予
    // 奖励" is still a threshold: the sentence grants support to what passes it)
    const sentence = r.slice(sentenceStart(r, numStart), clauseEnd(r, end));
    const share = RATE_UNITS.has(unit) && !/^对|[，；]对|给予|奖励|补贴|补助|资助|扶持/.test(sentence);
    if (bounded && after1 === '的' && !sizeOf && !share) continue;
    if (suf && !share && /^(?:以上|及以上|以下)$/.test(suf) && /^[^，。；：、的]{0,5}的/.test(r.slice(end))) continue;
    const tail = r.slice(end);
    // the count of a list of measures: "25条政策措施", "十条措施"
    if (unit === '条' && /^(?:政策|措施|举措|具体措施|意见|规定|工作要点|要点)/.test(tail)) continue;
    let op: TargetOp;
    if (pre) op = PRE_OP.get(pre) ?? '<=';
    else if (suf) op = /以下|以内|之内|内/.test(suf) ? '<=' : '>=';
    else if (TIME_UNITS.has(unit) && (range || DONE_RE.test(tail))) op = '<=';
    else if (prevJoined(found, numStart, r, unit))
      op = found[found.length - 1].op; // "分别达到90%、80%"
    else {
      // bare quantity
      if (TIME_UNITS.has(unit) || MONEY_UNITS.has(unit) || unit === '倍' || range) continue;
      const head = r.slice(clauseStart(r, numStart).start, numStart);
      // a clause that refers to a standard or list given elsewhere: "对照…省定100项“一件事”"
      if (REFERENCE_RE.test(head)) continue;
      if (RATE_UNITS.has(unit)) {
        if (/(?:前|约|近|后)$/.test(head)) continue; // a ranking or an estimate: "办事频次前20%的事项"
        // "政务服务事项100%可网上办理": a share followed by what it achieves
        if (!RATE_NOUN_RE.test(head) && !ACHIEVE_RE.test(head) && !SHARE_VERB_RE.test(tail)) continue;
      } else if (/(?:前|每|近|约|共|第)$/.test(head)) continue;
      // work pushed forward, not a result: "加快推进旧墟镇等26个更新项目" (a completion verb would make it one)
      else if (EFFORT_RE.test(cleanLead(head)) && !RESULT_RE.test(r.slice(clauseStart(r, numStart).start, clauseEnd(r, end)))) continue;
      // steps of a procedure are a ceiling: "1个环节、0成本、1天办结"
      op = unit === '环节' ? '<=' : '>=';
      // an approximate figure is a point target: "社会消费品零售总额增长9%左右"
      if (/^左右/.test(tail)) op = '=';
    }
    if (lower !== undefined && (op === '>=' || op === '>')) value = lower;
    // a share cannot pass 100 %: "达到/提高至100%" is = 100 %; an explicit 不低于100% stays as written
    if (value === 100 && unit === '%' && op === '>=' && !/^不(?:低|少|小)于$/.test(pre ?? '')) op = '=';
    const text = content.slice(start, end);
    const metrics = buildMetrics(r, start, end, numStart, unit, Boolean(pre), Boolean(suf), found);
    for (const v of listed) found.push({ text, metric: metrics[0], op, value: v, unit: written, start, end });
    for (const metric of metrics) found.push({ text, metric, op, value, unit: written, start, end });
  }
  const extra: Found[] = [];
  const taken = new Set<string>();
  /**
   * One target of each of these kinds per measure: "推行免费刻章。首套印章免费刻制…" or "零上门、零审批、
   * 零投资" is one commitment of no cost, "A全覆盖、B全覆盖" one of full coverage.
   */
  const once = (kind: string) => {
    if (taken.has(kind)) return false;
    taken.add(kind);
    return true;
  };
  for (const m of r.matchAll(ZERO_COST_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (/[\d.]/.test(r[start - 1] ?? '') || (m[0].startsWith('0') && /[\d.]/.test(r[end] ?? ''))) continue;
    if (!once('zero')) continue;
    const head = cleanTrail(cleanLead(stripItemsBefore(r.slice(clauseStart(r, start).start, start)).replace(QUOTES, '')))
      // the other items of a "零上门、零审批、零投资" list
      .replace(/(?:[零0][^、，。；]{1,3}、)+$/, '');
    const zero = /^[零0](.+)$/.exec(m[0]);
    const metric = zero ? `${head}${zero[1] === '元' ? '费用' : zero[1]}` : `${head}${r.slice(end, clauseEnd(r, end)).replace(QUOTES, '')}费用`;
    extra.push({ text: content.slice(start, end), metric, op: '=', value: 0, unit: '元', start, end });
  }
  for (const m of r.matchAll(FULL_COVER_RE)) {
    let start = m.index!;
    const end = start + m[0].length;
    if (/^[的式]/.test(r.slice(end))) continue; // 全覆盖的监管体系: a description
    if (found.some((f) => f.end === start && f.unit === '%')) continue; // 100%全覆盖, read already
    if (r.slice(start - 4, start) === '100%') start -= 4;
    if (!once('cover')) continue;
    const head = cleanTrail(cleanLead(r.slice(clauseStart(r, start).start, start)))
      .replace(QUOTES, '')
      .replace(/(?:实现|做到|达到)/, '');
    // "全覆盖回访服务重点招商企业": what is covered follows
    const what = head || r.slice(end, clauseEnd(r, end)).replace(QUOTES, '');
    extra.push({ text: content.slice(start, end), metric: `${what}覆盖率`, op: '=', value: 100, unit: '%', start, end });
  }
  return [...found, ...extra]
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.start - b.t.start || a.i - b.i)
    .map(({ t: { text, metric, op, value, unit } }) => ({ text, metric, op, value, unit }));
}

function buildMetrics(
  content: string,
  start: number,
  end: number,
  _numStart: number,
  unit: string,
  hasPre: boolean,
  hasSuf: boolean,
  found: Found[],
): string[] {
  const cs = clauseStart(content, start);
  let head = content.slice(cs.start, start);
  const ce = clauseEnd(content, end);
  let tail = content.slice(end, ce);
  // one item of a compound commitment "1个环节、0成本、1天办结": the other items are not its metric
  head = stripItemsBefore(head);
  tail = tail.replace(ITEMS_AFTER_RE, '').replace(/^[”"]+/, '');
  if (!tail.includes('“')) tail = tail.replace(/”+$/, ''); // a quote closed after the commitment
  // Inside a parenthesis right after another target: "不低于30%（中小企业不低于50%）"
  const prev = found[found.length - 1];
  if (cs.by === '（' && prev && prev.end === cs.start - 1) {
    return [cleanTrail(cleanLead(head)) + prev.metric];
  }
  // "公告时间由45日压缩至20日": the starting value is not part of the metric
  head = head.replace(/[由从][^，。；]*\d[^，。；]*$/, '');
  const headClean = cleanTrail(cleanLead(head));

  let metric: string;
  if (!hasPre && hasSuf && TIME_UNITS.has(unit) && /[在于]/.test(head)) {
    // "采购单位原则上应在收到发票后5个工作日内按程序办理支付手续"
    const at = Math.max(head.lastIndexOf('在'), head.lastIndexOf('于'));
    const subject = cleanTrail(cleanLead(head.slice(0, at)));
    const vp = tail.replace(/^(?:按程序|依法|及时|全部|均|即)+/, '');
    const conj = /^(?:和|与|同)/.test(vp);
    if (!vp || /^(?:完成|办结|办理|办理完毕|完成办理|答复|反馈|处理)$/.test(vp)) metric = subject + vp;
    else metric = conj ? subject + vp : vp;
    return [withSuffix(metric, unit)];
  }
  if (!hasPre && !hasSuf && tail && !/^[的]?$/.test(tail) && !RATE_UNITS.has(unit)) {
    // a count before its noun: "74项高频政务服务事项年内实现“跨省通办”"; a duration before its verb: "1天办结"
    return TIME_UNITS.has(unit) ? [withSuffix(cleanTrail(cleanLead(head)) + tail, unit)] : [cleanLead(head) + tail];
  }
  if (!hasPre && !hasSuf && RATE_UNITS.has(unit) && ACHIEVE_RE.test(head) && !RATE_NOUN_RE.test(head)) {
    // "通过诉前调解和诉中速裁化解75%的民商事案件"
    if (REDUCE_RE.test(head)) return [`${headClean}幅度`];
    if (INCREASE_RE.test(head)) return [`${headClean}幅度`];
    return [`${headClean}${tail.replace(/^的/, '')}比例`];
  }
  // Short head after a "…的" clause: "其中，涉及需要开挖占绿的，备案办理用时不超过2日"
  if (headClean.length <= 8 && cs.by === '，') {
    const ps = clauseStart(content, cs.start - 1);
    const prevSeg = cleanLead(content.slice(ps.start, cs.start - 1));
    if (prevSeg.endsWith('的')) head = prevSeg + headClean;
    else head = headClean;
  } else head = headClean;
  metric = head;
  if (!metric) metric = cleanLead(tail);
  // A list of rates sharing one value: "A完成率、B归集率、C处理率、D响应率100%"
  const parts = metric.split('、');
  if (parts.length > 1 && parts.every((p) => RATE_NOUN_RE.test(p))) return parts;
  return [withSuffix(metric, unit)];
}
