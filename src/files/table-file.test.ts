import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputRejectedError } from '../shared/index.js';
import { cellText, decodeCsv, readTable, readTableRows } from './table-file.js';

const rows = async (name: string, buf: Buffer, opts = {}) => (await readTable(name, buf, opts)).map((r) => [r.row, ...r.cells]);

describe('decodeCsv', () => {
  it('reads UTF-8 with and without BOM, and GB18030 when the file is not UTF-8', () => {
    expect(decodeCsv(Buffer.from('\uFEFF名称,代码\n甲,1'))).toBe('名称,代码\n甲,1');
    expect(decodeCsv(Buffer.from('名称,代码'))).toBe('名称,代码');
    expect(decodeCsv(iconv.encode('名称,代码\n重庆渝中,1', 'gb18030'))).toBe('名称,代码\n重庆渝中,1');
  });
  it('refuses a UTF-8 file with a damaged byte, naming its row, instead of decoding it as GB18030', () => {
    const lines = ['企业名称,统一社会信用代码', ...Array.from({ length: 30 }, (_, i) => `重庆渝中示范企业${i},91500103MA5U${i}`)];
    const good = Buffer.from(lines.join('\n'));
    const damaged = Buffer.concat([good.subarray(0, good.indexOf('示范企业5')), Buffer.from([0xff]), good.subarray(good.indexOf('示范企业5'))]);
    let err: unknown;
    try {
      decodeCsv(damaged, '企业.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputRejectedError);
    expect((err as InputRejectedError).message).toContain('企业.csv：第7行含有无法按 UTF-8 识别的字节');
    expect((err as InputRejectedError).problems).toEqual([{ file: '企业.csv', row: 7, message: expect.stringContaining('UTF-8') }]);
  });

  it('decides on the whole file: a late GB18030 byte switches the whole text', () => {
    const mixed = Buffer.concat([Buffer.from('a,b\n'.repeat(10_000)), iconv.encode('企业', 'gb18030')]);
    expect(decodeCsv(mixed).endsWith('企业')).toBe(true);
  });
});

describe('readTableRows (CSV)', () => {
  it('reads unquoted CSV lazily with row numbers, skipping blank lines', async () => {
    const it = await readTableRows('a.csv', Buffer.from('h1,h2\r\n\r\n1,2\n,,\n3,4\n'));
    expect(Array.isArray(it)).toBe(false);
    expect(Array.from(it)).toEqual([
      { cells: ['h1', 'h2'], row: 1 },
      { cells: ['1', '2'], row: 3 },
      { cells: ['3', '4'], row: 5 },
    ]);
  });
  it('reads quoted CSV (commas and line breaks in cells)', async () => {
    expect(await rows('a.csv', Buffer.from('名称,说明\n"甲,乙","一\n二"\n\n丙,丁\n'))).toEqual([
      [1, '名称', '说明'],
      [3, '甲,乙', '一\n二'],
      [5, '丙', '丁'],
    ]);
  });
  it('rejects malformed CSV, other file types and files over the limits', async () => {
    await expect(readTable('a.csv', Buffer.from('a,"b\n'))).rejects.toBeInstanceOf(InputRejectedError);
    await expect(readTable('a.pdf', Buffer.from('x'))).rejects.toThrow('只支持 .csv 和 .xlsx 文件');
    await expect(readTable('a.csv', Buffer.from('a\nb\nc\n'), { maxRows: 2 })).rejects.toThrow('超过 2 行');
    await expect(readTable('a.csv', Buffer.from('a,b,c\n'), { maxColumns: 2 })).rejects.toThrow('第1行超过 2 列');
    await expect(readTable('a.csv', Buffer.from('"abcdef"\n'), { maxCellLength: 5 })).rejects.toThrow('第1行第1列超过 5 个字符');
    // The lazy path rejects while rows are read.
    const lazy = await readTableRows('a.csv', Buffer.from('a\nb\nc\n'), { maxRows: 2 });
    expect(() => Array.from(lazy)).toThrow('超过 2 行');
  });
});

describe('readTableRows (XLSX)', () => {
  async function workbook(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('第一页'), wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  it('gives dates as shown in the cell, rich text, hyperlinks and formula results as text', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['日期', '文本', '公式', '链接', '数']);
      ws.addRow([
        new Date(Date.UTC(2024, 2, 5, 23, 30)), // shown in Excel as 2024-03-05 23:30
        { richText: [{ text: '重庆' }, { font: { bold: true }, text: '渝中' }] },
        { formula: 'E2*2', result: 13 },
        { text: '政策', hyperlink: 'https://example.org' },
        6.5,
      ]);
      ws.addRow([]);
      ws.addRow([{ formula: 'DATE(2025,1,1)', result: new Date(Date.UTC(2025, 0, 1)) }, { error: '#N/A' }]);
    });
    expect(await rows('a.xlsx', buf)).toEqual([
      [1, '日期', '文本', '公式', '链接', '数'],
      [2, '2024-03-05', '重庆渝中', '13', '政策', '6.5'],
      [4, '2025-01-01', '#N/A'],
    ]);
  });
  it('reads a named sheet, and rejects broken files and sheets over the limits', async () => {
    const buf = await workbook((ws, wb) => {
      ws.addRow(['first']);
      wb.addWorksheet('台账').addRow(['second']);
    });
    expect(await rows('a.xlsx', buf, { sheet: '台账' })).toEqual([[1, 'second']]);
    expect(await rows('a.xlsx', buf, { sheet: '没有' })).toEqual([[1, 'first']]);
    await expect(readTable('a.xlsx', Buffer.from('not a zip'))).rejects.toThrow('不是有效的 Excel 文件');
    const wide = await workbook((ws) => ws.addRow(['a', 'b', 'c']));
    await expect(readTable('a.xlsx', wide, { maxColumns: 2 })).rejects.toThrow('超过 2 列');
    await expect(readTable('a.xlsx', await workbook((ws) => ws.addRows([['a'], ['b'], ['c']])), { maxRows: 2 })).rejects.toThrow('超过 2 行');
  });
  it('cellText covers every cell value kind', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText({ formula: 'A1', result: undefined } as unknown as ExcelJS.CellValue)).toBe('');
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
});
