import { describe, it, expect } from 'vitest';
import { canonicalUnit, createUnitDirectory, listUnits, lookupUnit } from './directory.js';

describe('unit directory', () => {
  it('maps aliases to canonical names', () => {
    expect(canonicalUnit('区发改委')).toBe('区发展改革委');
    expect(canonicalUnit('区发展改革委')).toBe('区发展改革委');
    expect(canonicalUnit('区人社局')).toBe('区人力社保局');
    expect(canonicalUnit('区经信委')).toBe('区经济信息委');
    expect(canonicalUnit('区市场监督管理局')).toBe('区市场监管局');
    expect(canonicalUnit('区规划和自然资源局')).toBe('区规划自然资源局');
    expect(canonicalUnit('区人民法院')).toBe('区法院');
    expect(canonicalUnit('渝中区市场监管局')).toBe('区市场监管局');
    expect(canonicalUnit('重庆市渝中区市场监管局')).toBe('区市场监管局');
    // another district's office is not the built-in district's
    expect(canonicalUnit('福田区市场监管局')).toBeUndefined();
    expect(canonicalUnit('各街道办事处')).toBe('各街道');
    expect(canonicalUnit('区 财政局')).toBe('区财政局');
    expect(canonicalUnit('区营商办')).toBeUndefined();
  });

  it('knows kinds, with collectives as units of their own', () => {
    expect(lookupUnit('各产业部门')?.kind).toBe('collective');
    expect(lookupUnit('各管委会')?.kind).toBe('collective');
    expect(lookupUnit('市区供电分公司')?.kind).toBe('enterprise');
    expect(lookupUnit('区检察院')?.kind).toBe('judicial');
    expect(lookupUnit('区税务局')?.kind).toBe('vertical');
    expect(lookupUnit('区委宣传部')?.kind).toBe('party');
    const names = listUnits().map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    // no alias points to two units
    const seen = new Map<string, string>();
    for (const u of listUnits())
      for (const a of [u.name, ...u.aliases]) {
        expect(seen.get(a) ?? u.name).toBe(u.name);
        seen.set(a, u.name);
      }
  });

  it('takes extra units', () => {
    const dir = createUnitDirectory([{ name: '区营商办', kind: 'department', aliases: ['区优化营商环境办公室'] }]);
    expect(dir.canonical('区优化营商环境办公室')).toBe('区营商办');
    expect(dir.canonical('区发改委')).toBe('区发展改革委');
  });
});
