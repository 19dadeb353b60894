import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { verifyAuditLog } from '../audit/index.js';
import { InputRejectedError } from '../shared/index.js';
import { exportTasksXlsx, importTasksXlsx } from './ledger-xlsx.js';
import { initLedger, listTasks } from './task-store.js';
import { seedLedgerPlan } from './testing.js';
import type { SessionUser } from '../auth/index.js';

const office: SessionUser = { id: 0, account: 'office', name: '营商办', role: 'office', unitIds: [], enterpriseId: null, mustChangePassword: false };

async function edit(buffer: Buffer, fn: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  fn(wb.getWorksheet('改革任务台账')!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
  for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === code) return ws.getRow(r);
  throw new Error(code);
};

describeStore('ledger Excel round trip', (ctx) => {
  let planId: number;
  let exported: Buffer;
  beforeAll(async () => {
    planId = (await seedLedgerPlan(ctx.db)).planId;
    await initLedger(ctx.db, { planId, actor: 'test' });
    exported = (await exportTasksXlsx(ctx.db, planId, '2021-07-01')).buffer;
  });

  it('re-imports its own export unchanged', async () => {
    expect(await importTasksXlsx(ctx.db, { planId, buffer: exported, fileName: 'ledger.xlsx', user: office })).toEqual({ rows: 4, updated: 0, created: 0 });
  });

  it('rejects a file with a broken row whole, naming rows and columns', async () => {
    const broken = await edit(exported, (ws) => {
      const r22 = rowOf(ws, '22-1');
      r22.getCell(8).value = '推进中';
      r22.getCell(9).value = 40; // a good edit
      const r6 = rowOf(ws, '6-1');
      r6.getCell(5).value = '区城管局、区某某局';
      r6.getCell(8).value = '快完成了';
      r6.getCell(10).value = '10月底 完成';
    });
    const err = await importTasksXlsx(ctx.db, { planId, buffer: broken, fileName: 'ledger.xlsx', user: office }).catch((e) => e);
    expect(err).toBeInstanceOf(InputRejectedError);
    expect((err as InputRejectedError).problems.map((p) => `${p.row}:${p.field}`)).toEqual(['3:牵头单位', '3:状态', '3:节点']);
    const t22 = (await listTasks(ctx.db, planId, '2021-07-01')).find((t) => t.code === '22-1')!;
    expect([t22.status, t22.progress]).toEqual(['not_started', 0]);
  });

  it('updates edited tasks and adds a split-off task, with milestones', async () => {
    const edited = await edit(exported, (ws) => {
      const r22 = rowOf(ws, '22-1');
      r22.getCell(8).value = '推进中';
      r22.getCell(9).value = 40;
      r22.getCell(10).value = '2021-10-31 今年10月底前（完成于2021-10-20）\n2021-12-31 2021年12月底';
      ws.addRow(['47-2', 47, '开展涉企政策评估', '对全区涉企政策执行效果开展评估', '区发改委', '区财政局', 2, '未启动', 0, '2021-11-30 形成评估报告', '']);
    });
    expect(await importTasksXlsx(ctx.db, { planId, buffer: edited, fileName: 'ledger.xlsx', user: office })).toEqual({ rows: 5, updated: 1, created: 1 });
    const tasks = await listTasks(ctx.db, planId, '2021-07-01');
    const t22 = tasks.find((t) => t.code === '22-1')!;
    expect([t22.status, t22.progress, t22.milestones.map((m) => [m.dueOn, m.doneOn])]).toEqual([
      'in_progress',
      40,
      [
        ['2021-10-31', '2021-10-20'],
        ['2021-12-31', null],
      ],
    ]);
    const t47 = tasks.find((t) => t.code === '47-2')!;
    expect([t47.weight, t47.leadUnits.map((u) => u.name), t47.milestones.map((m) => m.title)]).toEqual([2, ['区发展改革委'], ['形成评估报告']]);
  });

  it('detects a tampered audit row of a ledger change', async () => {
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
    await sql`update audit_log set after = '{"progress": 100}'::jsonb where id = (select max(id) from audit_log where action = 'ledger.task.import-update')`.execute(
      ctx.db,
    );
    const v = await verifyAuditLog(ctx.db);
    expect(v.ok).toBe(false);
    expect(v.problem!.reason).toContain('被修改');
  });
});
