/**
 * Masking of personal data in lists (《个人信息保护法》第五十一条: measures such as 去标识化 to protect personal
 * information; the issue: mobile numbers and person names masked except for the unit handling the request).
 */

/** 13812345678 → 138****5678; other numbers keep their first 3 and last 2 characters. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 5) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 5)}${p.slice(-2)}`;
}

/** 张三 → 张*; 欧阳明月 → 欧***. */
export function maskName(name: string): string {
  const c = [...name.trim()];
  return c.length <= 1 ? c.join('') : `${c[0]}${'*'.repeat(c.length - 1)}`;
}

/** A mainland mobile (11 digits from 1) or a fixed line with area code (e.g. 023-63891234). */
export function phoneProblem(phone: string): string | null {
  const p = phone.trim();
  if (/^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}-?\d{7,8}$/.test(p)) return null;
  return '请填写正确的手机号（11 位）或带区号的固定电话';
}
