/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
 *
 * 18 characters: 1 登记管理部门代码, 2 机构类别代码, 3–8 登记管理机关行政区划码 (GB/T 2260),
 * 9–17 主体标识码 (组织机构代码, GB 11714, whose 9th character is its own check character),
 * 18 校验码 computed by the GB/T 17710 "MOD 31" method given in GB 32100-2015 §4.
 * The code character set has 31 characters: digits and the capital letters except I, O, Z, S, V.
 */
export const CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i-1) mod 31, i = 1..17 (GB 32100-2015 §4). */
export const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714-1997 组织机构代码 check weights over its first 8 characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export interface CreditCodeCheck {
  valid: boolean;
  /** The input trimmed and upper-cased (what is stored). */
  code: string;
  /** Why the code is invalid (Chinese), when it is. */
  reason?: string;
  /** Problems that do not make the code invalid, e.g. the 组织机构代码 check of positions 9–17. */
  warnings: string[];
}

/** C18 = 31 − (Σ value(c_i)·W_i mod 31), 31 → 0; returns the expected 18th character. */
export function creditCodeCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += CODE_CHARSET.indexOf(first17[i]!) * CHECK_WEIGHTS[i]!;
  return CODE_CHARSET[(31 - (s % 31)) % 31]!;
}

/**
 * GB 11714 check: C9 = 11 − (Σ value(c_i)·W_i mod 11), 10 → X, 11 → 0; digits count as themselves,
 * letters A..Z as 10..35.
 */
export function orgCodeCheckChar(first8: string): string {
  let s = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i]!;
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    s += v * ORG_WEIGHTS[i]!;
  }
  const c9 = 11 - (s % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  const warnings: string[] = [];
  if (code.length !== 18) return { valid: false, code, reason: `长度应为18位，实为${[...code].length}位`, warnings };
  const bad = [...code].map((c, i) => ({ c, i })).filter(({ c }) => !CODE_CHARSET.includes(c));
  if (bad.length) return { valid: false, code, reason: `第${bad[0]!.i + 1}位“${bad[0]!.c}”不是代码字符（只用数字和除I、O、Z、S、V以外的大写字母）`, warnings };
  if (!SHAPE.test(code)) return { valid: false, code, reason: '第3–8位应为6位数字的登记管理机关行政区划码', warnings };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { valid: false, code, reason: `校验码不符：第18位应为“${expected}”，实为“${code[17]}”`, warnings };
  const org = code.slice(8, 17);
  if (/^[0-9A-Z]{8}[0-9X]$/.test(org)) {
    const oc = orgCodeCheckChar(org.slice(0, 8));
    if (oc !== org[8]) warnings.push(`主体标识码（组织机构代码）${org} 的校验位应为“${oc}”，请核对`);
  } else warnings.push(`主体标识码（组织机构代码）${org} 不符合 GB 11714 的格式，请核对`);
  return { valid: true, code, warnings };
}

/** Builds a valid code from its first 17 characters (demo data, tests). */
export function completeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}
