import { describe, expect, it } from 'vitest';
import { re, toSimplified } from './script.js';

describe('toSimplified', () => {
  it('maps the traditional characters the extractors read, one for one', () => {
    const t = '企業開辦時間壓縮至1個工作日以內，辦理環節不超過2個，實現全覆蓋，佔比達到90%，年內完成。';
    const s = toSimplified(t);
    expect(s).toBe('企业开办时间压缩至1个工作日以内，办理环节不超过2个，实现全覆盖，占比达到90%，年内完成。');
    expect(s.length).toBe(t.length);
  });
  it('leaves simplified text and other characters alone', () => {
    const x = '优化营商环境𠀀（牵头单位：区市场监管局）';
    expect(toSimplified(x)).toBe(x);
  });
  it('makes patterns match both scripts, inside and outside a character class', () => {
    expect(re('（牵头单位：([^；]+)）').exec('（牽頭單位：區發展改革委）')?.[1]).toBe('區發展改革委');
    expect(re('[号號]').test('號')).toBe(true);
    expect(re('关于印发').test('關於印發')).toBe(true);
  });
});
