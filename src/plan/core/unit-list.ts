/** Unit lists as plans write them (the directory itself is src/units). */
import { re } from './script.js';

/** Trailing phrases that mean "and the other relevant departments": kept as a flag, not a unit. */
const RELATED_SUFFIX = re('(?:等(?:各)?(?:相关|有关|其他|其它)?(?:各)?(?:部门|单位|机构)(?:按职责分工负责|按职责负责|分别负责|负责)?|等)$');

/** How a unit name ends: offices, collectives, enterprises (用于判断括号内是否为单位列表、“和/及”是否分隔单位). */
export const UNIT_SUFFIX = re(
  '(?:局|委|办|厅|部|院|中心|公司|政府|街道|办事处|管委会|银行|支行|分行|集团|协会|联|商会|工会|署|处|队|支队|大队|所|站|室|团|馆|社|委员会|办公室|海关|分局|单位|部门|镇|乡|园区|组|小组|会|科|局等|企业|运营商|机构|学校|大学|医院|法庭|公安|税务|供电|海事|邮政|通信)$',
);

/** A name plans use for a unit: short, no sentence punctuation, ending like an office (or 各…). */
export function looksLikeUnit(name: string): boolean {
  if (name.length < 2 || name.length > 40) return false;
  if (/[。：:“”]/.test(name)) return false;
  if (/^(?:\d|第|年|月)/.test(name)) return false;
  const bare = name.replace(/[（(〔【［[][^（）()〔〕【】［］[\]]*[）)〕】］\]]$/, '');
  return UNIT_SUFFIX.test(bare) || /^各/.test(name) || GENERIC.test(name);
}

/**
 * Generic phrases that name no unit (区政府有关部门, 县直各有关单位, 区直相关各单位, 省直有关部门（单位）, 市级各有关部门):
 * like 等相关部门, a flag, not a unit. 各相关部门 / 各有关部门 alone stay a (collective) unit.
 * Also (held-out corpus, README "Generic phrases of the issuing government"): all the departments of a
 * level's government or its direct bodies (县政府各部门, 省政府各部门, 县直各单位, 州直相关行业部门), its
 * directly affiliated bodies (各直属机构, 直属单位: the 主送 line's "市政府各部门、直属机构"), and any
 * qualifier before 各有关/各相关 单位 (市直及中省驻岳各有关单位).
 */
export const GENERIC = re(
  '^(?:(?:[省市县区州旗]直|[省市县区州旗]级|[省市县区州旗](?:人民)?政府|[省市县区州旗]委|其他|其它)(?:各|有关|相关)+(?:行业|职能|直属)?(?:部门|单位|机构)(?:[（(](?:单位|部门)[）)])?|(?:各|有关)?直属(?:机构|单位)|.+(?:各有关|各相关|有关各|相关各)(?:行业)?(?:部门|单位|机构))$',
);

/** Splits at separators outside parentheses (各县（市、区） stays one name). */
function splitTopLevel(raw: string, seps: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of raw) {
    if (/[（(〔【［[]/.test(c)) depth++;
    else if (/[）)〕】］\]]/.test(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.test(c)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** "省市场监管局和省税务局" → both; "区人力资源和社会保障局" stays one (和/及/与 only between two unit names). */
function splitConjunction(name: string): string[] {
  const m = re('^(.+?)(?:和|及|与|以及)(.+)$').exec(name);
  if (!m) return [name];
  if (looksLikeUnit(m[1]) && looksLikeUnit(m[2])) return [m[1], ...splitConjunction(m[2])];
  // "A、B和C": a later conjunction
  const later = re('^(.+(?:局|委|办|厅|院|中心|公司|政府|街道|分局|支行|集团))(?:和|及|与|以及)(.+)$').exec(name);
  if (later && looksLikeUnit(later[1]) && looksLikeUnit(later[2])) return [later[1], later[2]];
  return [name];
}

/** Splits a unit list ("区财政局、区科技局等相关部门") into names and the 等相关部门 flag. */
export function splitUnitList(raw: string): { names: string[]; related: boolean } {
  let related = false;
  const names: string[] = [];
  const parts = splitTopLevel(raw, /[、，,；;/]/)
    .map((s) => s.trim().replace(/[。.]$/, ''))
    .filter(Boolean)
    .flatMap(splitConjunction);
  for (const p of parts) {
    let name = p;
    if (RELATED_SUFFIX.test(name)) {
      name = name.replace(RELATED_SUFFIX, '');
      related = true;
    }
    if (GENERIC.test(name)) {
      name = '';
      related = true;
    }
    if (name) names.push(name);
  }
  return { names, related };
}
