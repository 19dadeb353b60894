import { describe, expect, it } from 'vitest';
import { simplifiedForRecognition } from './simplified.js';

describe('simplifiedForRecognition', () => {
  it('maps the traditional characters the extractors read, one for one', () => {
    const t = '企業開辦時間壓縮至1個工作日以內，辦理環節不超過2個，實現全覆蓋，佔比達到90%，年內完成。';
    const s = simplifiedForRecognition(t);
    expect(s).toBe('企业开办时间压缩至1个工作日以内，办理环节不超过2个，实现全覆盖，占比达到90%，年内完成。');
    expect(s.length).toBe(t.length);
  });
  it('leaves simplified text and other characters alone', () => {
    const x = '优化营商环境𠀀（牵头单位：区市场监管局）';
    expect(simplifiedForRecognition(x)).toBe(x);
  });
});
