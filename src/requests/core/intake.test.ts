import { describe, expect, it } from 'vitest';
import { checkFileContent } from '../../shared/index.js';
import {
  ATTACHMENT_EXTENSIONS,
  categoryOfServiceCode,
  checkImportTable,
  importDate,
  mobileProblem,
  normalizeQueryCode,
  open311Status,
  OPEN311_SERVICES,
  queryCode,
  REQUEST_CATEGORIES,
  REQUEST_STAGES,
} from './index.js';

describe('anonymous filing', () => {
  it('accepts only mainland mobile numbers (11 digits, 13–19)', () => {
    expect(mobileProblem('13912345678')).toBeNull();
    expect(mobileProblem(' 19912345678 ')).toBeNull();
    for (const bad of ['12345678901', '1391234567', '139123456789', '023-63891234', '+8613912345678', '1391234567a'])
      expect(mobileProblem(bad), bad).toContain('手机号码');
  });

  it('makes query codes of 8 unambiguous symbols, evenly from random bytes, and reads them as typed', () => {
    expect(queryCode(new Uint8Array([0, 1, 2, 3, 31, 32, 255, 64]))).toBe('ABCD9A9A');
    expect(queryCode(new Uint8Array(8).fill(7))).not.toMatch(/[01IO]/);
    expect(() => queryCode(new Uint8Array(4))).toThrow(RangeError);
    expect(normalizeQueryCode('abcd-9a 9a')).toBe('ABCD9A9A');
  });
});

describe('attachments', () => {
  const zip = (part: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`....${part}document.xml`)]);
  const o = { extensions: ATTACHMENT_EXTENSIONS, maxBytes: 1024 };
  it('checks the type by content: a docx must hold word/, an xlsx xl/', () => {
    expect(checkFileContent('a.docx', zip('word/'), o)).toEqual({ mime: expect.stringContaining('wordprocessingml') });
    expect(checkFileContent('a.xlsx', zip('xl/'), o)).toEqual({ mime: expect.stringContaining('spreadsheetml') });
    expect(checkFileContent('a.docx', zip('xl/'), o)).toEqual({ problem: '文件内容与扩展名“.docx”不符' });
    expect(checkFileContent('a.txt', Buffer.from('hello'), o)).toEqual({ problem: '不支持的文件类型“.txt”，仅限 pdf、jpg、jpeg、png、docx、xlsx' });
    expect(checkFileContent('a.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), o)).toEqual({ mime: 'image/jpeg' });
    expect(checkFileContent('a.pdf', Buffer.alloc(2048), o)).toEqual({ problem: '文件超过 0 MB' });
  });
});

describe('Open311 mapping', () => {
  it('has one service per category, and closed only when 办结', () => {
    expect(REQUEST_CATEGORIES.map((c) => categoryOfServiceCode(OPEN311_SERVICES[c].code))).toEqual([...REQUEST_CATEGORIES]);
    expect(categoryOfServiceCode('pothole')).toBeNull();
    expect(REQUEST_STAGES.map(open311Status)).toEqual(['open', 'open', 'open', 'open', 'closed']);
  });
});

describe('12345 import rows', () => {
  it('reads the platform’s dates and date-times', () => {
    expect(importDate('2026-11-02')).toBe('2026-11-02');
    expect(importDate('2026/1/2 09:15')).toBe('2026-01-02');
    expect(importDate('2026年11月2日')).toBe('2026-11-02');
    expect(importDate('2026-02-30')).toBeNull();
    expect(importDate('11/02/2026')).toBeNull();
  });

  it('maps 12345 types, refuses future dates, blank and long cells', () => {
    const t = (cells: string[]) =>
      checkImportTable(
        [
          { cells: ['工单编号', '受理日期', '诉求类别', '诉求标题', '诉求内容', '联系人', '联系电话'], row: 1 },
          { cells, row: 2 },
        ],
        '2026-11-30',
      );
    expect(t(['A', '2026-11-02', '举报', 'T', 'D', '王五', '13700001111']).records[0]).toMatchObject({ category: '投诉举报', receivedOn: '2026-11-02' });
    expect(t(['A', '2026-12-01', '咨询', 'T', 'D', '王五', '13700001111']).problems).toEqual([
      { row: 2, field: '受理日期', message: '受理日期 2026-12-01 晚于今天' },
    ]);
    expect(t(['A', '2026-11-02', '咨询', 'x'.repeat(101), '', '王五', '13700001111']).problems.map((p) => p.message)).toEqual([
      '“诉求标题”超过 100 个字符',
      '“诉求内容”不能为空',
    ]);
    expect(checkImportTable([], '2026-11-30').problems[0]!.message).toBe('文件为空');
  });
});
