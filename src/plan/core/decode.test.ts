import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, it, expect } from 'vitest';
import { decodePlanBytes, decodeTextBytes, normalizeText } from './decode.js';
import { PlanParseError } from './errors.js';

const SAMPLE = path.resolve('test/fixtures/plans/yuzhong-2021.txt');

function lcg(seed: number, n: number, map: (x: number) => number): Uint8Array {
  let x = seed;
  return new Uint8Array(n).map(() => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return map(x >> 16);
  });
}

describe('decode', () => {
  const utf8 = fs.readFileSync(SAMPLE);
  const expected = normalizeText(utf8.toString('utf8'));

  it('reads UTF-8 with and without BOM, GB18030 and UTF-16 to the same text', () => {
    expect(decodeTextBytes(utf8)).toEqual({ text: expected, kind: 'txt', encoding: 'utf-8' });
    expect(decodeTextBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])).text).toBe(expected);
    const gb = iconv.encode(utf8.toString('utf8'), 'gb18030');
    expect(decodeTextBytes(gb)).toEqual({ text: expected, kind: 'txt', encoding: 'gb18030' });
    const gbk = iconv.encode(utf8.toString('utf8').replace(/\n/g, '\r\n'), 'gbk');
    expect(decodeTextBytes(gbk).text).toBe(expected);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.toString('utf8'), 'utf16le')]);
    expect(decodeTextBytes(u16).text).toBe(expected);
  });

  it('reads a .docx by its content, whatever its name', async () => {
    const docx = fs.readFileSync(path.resolve('test/fixtures/plans/other-district-2023.docx'));
    const d = await decodePlanBytes(docx, 'upload.bin');
    expect(d.kind).toBe('docx');
    expect(d.text.split('\n')[0]).toBe('青溪区人民政府办公室');
  });

  it('rejects garbage: NUL bytes, control characters, random high bytes', () => {
    expect(() => decodeTextBytes(lcg(1, 2000, (x) => x & 0xff))).toThrow(PlanParseError);
    expect(() => decodeTextBytes(lcg(2, 2000, (x) => 0x81 + (x % 126)))).toThrow(/无法识别/);
    expect(() => decodeTextBytes(new TextEncoder().encode('一、标题\n\u0001\u0002\u0003'))).toThrow(/^第2行：/);
    expect(() => decodeTextBytes(new TextEncoder().encode('hello world\n'))).toThrow(/没有中文内容/);
  });
});

describe('normalizeText', () => {
  it('maps punctuation variants to one form without changing the line count', () => {
    expect(normalizeText('(一)深化改革(牵头单位:区发改委,责任单位:区财政局;区科技局)')).toBe(
      '（一）深化改革（牵头单位：区发改委，责任单位：区财政局；区科技局）',
    );
    expect(normalizeText('（一）深化改革')).toBe('（一）深化改革');
    expect(normalizeText('比例不低于３０％，达到１，０００户')).toBe('比例不低于30%，达到1,000户');
    expect(normalizeText('1．优化服务')).toBe('1.优化服务');
    expect(normalizeText('a\r\nb\rc\n\nd')).toBe('a\nb\nc\n\nd');
    expect(normalizeText('\ufeff　　推进 “一网通办” 改革  ')).toBe('推进“一网通办”改革');
    expect(normalizeText('政府采购 APP 功能, 10:30')).toBe('政府采购APP功能，10:30');
    expect(normalizeText('推行"一照多址"')).toBe('推行“一照多址”');
    expect(normalizeText('⽇期')).toBe('日期'); // Kangxi radical from a PDF copy
  });

  it('is idempotent', () => {
    const s = fs.readFileSync(SAMPLE, 'utf8');
    expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
  });
});
