import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { beijingTime, exportFileName, writeListXlsx } from './list-xlsx.js';

describe('list export writer', () => {
  it('writes title, filters with the export time in Beijing time, bold frozen headers, dates as dates, widths', async () => {
    const at = new Date('2026-11-30T16:30:00Z'); // 2026-12-01 00:30 in Beijing
    const buffer = await writeListXlsx(
      {
        sheet: '任务台账',
        title: '任务台账',
        filters: ['单位：区政务服务办', '排序：编号'],
        columns: [
          { header: '编号', width: 8, value: (r: { code: string; due: string | null; n: number }) => r.code },
          { header: '到期日', width: 12, kind: 'date', value: (r) => r.due },
          { header: '进度（%）', width: 10, kind: 'number', value: (r) => r.n },
        ],
        rows: [
          { code: '2-9', due: '2021-10-31', n: 40 },
          { code: '2-10', due: null, n: 0 },
        ],
      },
      at,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('任务台账')!;
    expect(ws.getCell(1, 1).value).toBe('任务台账');
    expect(ws.getCell(2, 1).value).toBe('筛选条件：单位：区政务服务办；排序：编号　共 2 条　导出时间：2026-12-01 00:30（北京时间）');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['编号', '到期日', '进度（%）']);
    expect(ws.getRow(3).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getCell(4, 2).value).toEqual(new Date('2021-10-31T00:00:00Z'));
    expect(ws.getCell(4, 2).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell(5, 2).value).toBeNull();
    expect(ws.getCell(4, 3).value).toBe(40);
    expect(ws.columns.map((c) => c.width)).toEqual([8, 12, 10]);
    expect(beijingTime(at)).toBe('2026-12-01 00:30');
    expect(exportFileName('未申报企业-软件 奖励', at)).toBe('未申报企业-软件_奖励-20261201.xlsx');
  });
});
