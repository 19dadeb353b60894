import { describe, expect, it } from 'vitest';
import { checkCreditCode, completeCreditCode, creditCodeCheckChar, orgCodeCheckChar } from './credit-code.js';
import { DIVISIONS, SECTIONS, resolveIndustry } from './industry.js';
import { classifySize, sizeRowFor } from './size.js';

describe('credit code (GB 32100-2015)', () => {
  it("computes the check character of the standard's worked example", () => {
    // 91350100M000100Y4: Σ value·weight = 1640, 1640 mod 31 = 28, 31 − 28 = 3 → "3".
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ valid: true, code: '91350100M000100Y43', warnings: [] });
  });
  it('rejects a wrong check character with the expected one', () => {
    expect(checkCreditCode('91350100M000100Y4Z').reason).toContain('“Z”不是代码字符');
    const r = checkCreditCode('91350100M000100Y4Y');
    expect(r.valid).toBe(false);
    expect(r.reason).toContain('第18位应为“3”');
  });
  it('normalises case and whitespace', () => {
    expect(checkCreditCode(' 91350100m000100y43 ').valid).toBe(true);
  });
  it('rejects wrong length, excluded letters and a non-numeric area code', () => {
    expect(checkCreditCode('91350100M000100Y4').reason).toContain('长度应为18位');
    expect(checkCreditCode('91350100M000100Y4I').reason).toContain('第18位“I”');
    expect(checkCreditCode('913501O0M000100Y43').reason).toContain('第7位“O”');
    expect(checkCreditCode('9135A100M000100Y43').reason).toContain('行政区划码');
  });
  it('checks the organisation code (GB 11714) as a warning only', () => {
    // M000100Y: M=22·3 + 1·5 + Y=34·2 = 66 + 5 + 68 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    // Change position 17 so that the organisation check fails, keep the credit-code check valid.
    const code = completeCreditCode('91350100M000100Y5');
    const r = checkCreditCode(code);
    expect(r.valid).toBe(true);
    expect(r.warnings[0]).toContain('校验位应为“4”');
  });
  it('maps 10 → X and 11 → 0 in the organisation check', () => {
    // 00000001: 1·2 = 2 → 11 − 2 = 9; 00000010: 1·4 = 4 → 7; 10000000: 3 → 8;
    expect(orgCodeCheckChar('00000001')).toBe('9');
    // 00000000: Σ=0 → 11 → "0"; 0000000 with last 1 → weight 2 → C9 = 9; Σ=1 is impossible with weight ≥2 …
    expect(orgCodeCheckChar('00000000')).toBe('0');
    // Σ = 12 (0000 0 0 3 0 → 3·4 = 12): 12 mod 11 = 1 → 10 → "X".
    expect(orgCodeCheckChar('00000030')).toBe('X');
  });
});

describe('GB/T 4754-2017 industries', () => {
  it('has 20 sections and 97 divisions in contiguous ranges', () => {
    expect(SECTIONS).toHaveLength(20);
    expect(DIVISIONS).toHaveLength(97);
    expect(DIVISIONS.filter((d) => d.section === 'C')).toHaveLength(31);
    expect(DIVISIONS[35]).toEqual({ code: '36', name: '汽车制造业', section: 'C' });
  });
  it('resolves letters, 2–4 digit codes and rejects unknown codes', () => {
    expect(resolveIndustry('c')).toMatchObject({ code: 'C', label: 'C 制造业' });
    expect(resolveIndustry('3612')).toMatchObject({ label: 'C 制造业 › 36 汽车制造业' });
    expect(resolveIndustry('C3612')).toMatchObject({ code: '3612' });
    expect(resolveIndustry('7020')).toMatchObject({ label: 'K 房地产业 › 70 房地产业 › 702 物业管理' });
    expect(resolveIndustry('98')).toHaveProperty('error');
    expect(resolveIndustry('U')).toHaveProperty('error');
    expect(resolveIndustry('A36')).toHaveProperty('error');
  });
});

describe('size classes (统计上大中小微型企业划分办法（2017）)', () => {
  const s = (industry: string, employees?: number, revenue?: number, assets?: number) => classifySize({ industry, employees, revenue, assets }).size;
  it('工业: both indicators at the lower bounds (inclusive) of each class', () => {
    expect(s('C', 1000, 40000)).toBe('大型');
    expect(s('C', 999, 40000)).toBe('中型'); // one indicator below 大型 → down one class
    expect(s('C', 1000, 39999.99)).toBe('中型');
    expect(s('C', 300, 2000)).toBe('中型');
    expect(s('C', 299, 2000)).toBe('小型');
    expect(s('C', 20, 300)).toBe('小型');
    expect(s('C', 19, 300)).toBe('微型'); // one indicator below 小型 is enough for 微型
    expect(s('C', 20, 299)).toBe('微型');
    expect(s('C', 5000, 100)).toBe('微型');
  });
  it('工业 covers B and D, and 4-digit codes', () => {
    expect(s('0610', 300, 2000)).toBe('中型');
    expect(s('4411', 20, 300)).toBe('小型');
  });
  it('农、林、牧、渔业 uses revenue alone', () => {
    expect(s('A', undefined, 20000)).toBe('大型');
    expect(s('01', undefined, 19999)).toBe('中型');
    expect(s('A', undefined, 500)).toBe('中型');
    expect(s('A', undefined, 50)).toBe('小型');
    expect(s('A', undefined, 49)).toBe('微型');
  });
  it('建筑业 uses revenue and assets', () => {
    expect(s('E', undefined, 80000, 80000)).toBe('大型');
    expect(s('E', undefined, 80000, 79999)).toBe('中型');
    expect(s('47', undefined, 6000, 5000)).toBe('中型');
    expect(s('E', undefined, 5999, 5000)).toBe('小型');
    expect(s('E', undefined, 300, 300)).toBe('小型');
    expect(s('E', undefined, 300, 299)).toBe('微型');
  });
  it('批发业 and 零售业 have their own bounds', () => {
    expect(s('51', 200, 40000)).toBe('大型');
    expect(s('51', 20, 5000)).toBe('中型');
    expect(s('51', 19, 5000)).toBe('小型');
    expect(s('51', 5, 1000)).toBe('小型');
    expect(s('51', 4, 1000)).toBe('微型');
    expect(s('52', 300, 20000)).toBe('大型');
    expect(s('52', 50, 500)).toBe('中型');
    expect(s('52', 10, 100)).toBe('小型');
    expect(s('52', 10, 99)).toBe('微型');
  });
  it('transport, warehousing, postal, accommodation, catering', () => {
    expect(s('54', 1000, 30000)).toBe('大型');
    expect(s('58', 300, 3000)).toBe('中型');
    expect(s('56', 20, 199)).toBe('微型');
    expect(s('59', 200, 30000)).toBe('大型');
    expect(s('59', 100, 1000)).toBe('中型');
    expect(s('59', 99, 1000)).toBe('小型');
    expect(s('60', 300, 2000)).toBe('中型');
    expect(s('60', 20, 100)).toBe('小型');
    expect(s('61', 300, 10000)).toBe('大型');
    expect(s('62', 100, 2000)).toBe('中型');
    expect(s('62', 10, 100)).toBe('小型');
    expect(s('62', 9, 100)).toBe('微型');
  });
  it('information transmission and software', () => {
    expect(s('63', 2000, 100000)).toBe('大型');
    expect(s('64', 1999, 100000)).toBe('中型');
    expect(s('64', 100, 1000)).toBe('中型');
    expect(s('65', 300, 10000)).toBe('大型');
    expect(s('65', 100, 1000)).toBe('中型');
    expect(s('65', 10, 50)).toBe('小型');
    expect(s('6510', 10, 49)).toBe('微型');
  });
  it('real estate: 701 uses revenue and assets, 702 employees and revenue, 703/709 employees', () => {
    expect(s('701', undefined, 200000, 10000)).toBe('大型');
    expect(s('7010', undefined, 1000, 5000)).toBe('中型');
    expect(s('7010', undefined, 100, 2000)).toBe('小型');
    expect(s('7010', undefined, 100, 1999)).toBe('微型');
    expect(s('702', 1000, 5000)).toBe('大型');
    expect(s('702', 300, 1000)).toBe('中型');
    expect(s('702', 100, 500)).toBe('小型');
    expect(s('702', 99, 500)).toBe('微型');
    expect(s('703', 300)).toBe('大型');
    expect(classifySize({ industry: '70', employees: 5 }).reason).toContain('中类');
    expect(classifySize({ industry: '704', employees: 5 }).reason).toContain('不在');
  });
  it('租赁和商务服务业 uses employees and assets; other industries employees alone', () => {
    expect(s('L', 300, undefined, 120000)).toBe('大型');
    expect(s('72', 100, undefined, 8000)).toBe('中型');
    expect(s('71', 10, undefined, 100)).toBe('小型');
    expect(s('72', 10, undefined, 99)).toBe('微型');
    expect(s('M', 300)).toBe('大型');
    expect(s('75', 299)).toBe('中型');
    expect(s('85', 100)).toBe('中型');
    expect(s('R', 10)).toBe('小型');
    expect(s('O', 9)).toBe('微型');
  });
  it('says why it cannot tell', () => {
    expect(classifySize({ industry: 'J', employees: 10 }).reason).toContain('不在');
    expect(classifySize({ industry: '53', employees: 10 }).reason).toContain('铁路');
    expect(classifySize({ industry: '84', employees: 10 }).reason).toContain('卫生');
    expect(classifySize({ industry: 'F', employees: 10 }).reason).toContain('大类');
    const r = classifySize({ industry: 'C', employees: 500 });
    expect(r).toMatchObject({ size: null, missing: ['revenue'], atMost: '中型' });
    expect(r.reason).toContain('--revenue');
    expect(sizeRowFor('ZZ')).toHaveProperty('why');
  });
  it('is 微型 with one indicator below 小型 even if the other is missing', () => {
    expect(classifySize({ industry: 'C', employees: 5 })).toMatchObject({ size: '微型' });
  });
  it('explains the rule applied', () => {
    const r = classifySize({ industry: 'C', employees: 999, revenue: 50000 });
    expect(r.explanation).toContain('须同时满足所列指标的下限，否则下划一档');
    expect(r.explanation).toContain('从业人员 999人，达到中型标准');
  });
});
