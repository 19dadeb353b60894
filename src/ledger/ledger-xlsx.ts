import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { readTable } from '../files/index.js';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/index.js';
import type { SessionUser } from '../auth/index.js';
import { ForbiddenError, InputRejectedError, type InputProblem } from '../shared/index.js';
import { isOffice } from './access.js';
import { OP_SIGNS } from './core/assessment.js';
import { listMeasures } from '../plan/index.js';
import { listUnitRows } from '../units/index.js';
import { isIsoDate } from './core/calendar.js';
import { parseStatus, STATUS_INFO, statusProgressProblem, type TaskStatus } from './core/status.js';
import {
  addMilestoneIn,
  type CommandSource,
  createTaskIn,
  deleteMilestoneIn,
  getPlanOrThrow,
  listTasks,
  updateMilestoneIn,
  updateTaskIn,
} from './task-store.js';

/**
 * The ledger in the Excel form district offices keep (改革任务台账): one row per task. Exported, edited and
 * imported back by the office: every row is checked first and any problem rejects the whole file (nothing
 * written), each problem naming its row and column. Import updates tasks by 任务编号 and adds rows with a new
 * 编号 (or none) as tasks split off their measure; it never deletes a task (tasks carry reports and history).
 */
export const LEDGER_XLSX_COLUMNS = [
  '任务编号',
  '措施序号',
  '任务名称',
  '具体内容',
  '牵头单位',
  '责任单位',
  '权重',
  '状态',
  '进度(%)',
  '节点',
  '量化目标',
] as const;
const SHEET = '改革任务台账';

function formatMilestone(m: { title: string; dueOn: string; doneOn: string | null }): string {
  return `${m.dueOn} ${m.title}${m.doneOn ? `（完成于${m.doneOn}）` : ''}`;
}
const MILESTONE_RE = /^(\d{4}-\d{2}-\d{2})\s+(.+?)(?:（完成于\s*(\d{4}-\d{2}-\d{2})）)?$/;

export async function exportTasksXlsx(db: Kysely<Database>, planId: number, asOf: string): Promise<{ buffer: Buffer; fileName: string }> {
  const plan = await getPlanOrThrow(db, planId);
  const tasks = await listTasks(db, planId, asOf);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bizenv';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [8, 8, 28, 50, 20, 30, 6, 8, 8, 40, 40].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, LEDGER_XLSX_COLUMNS.length);
  ws.getCell(1, 1).value = `${plan.title}改革任务台账（${plan.doc_number}）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getRow(2).values = [...LEDGER_XLSX_COLUMNS];
  ws.getRow(2).font = { bold: true };
  for (const t of tasks) {
    const row = ws.addRow([
      t.code,
      t.measureNumber,
      t.title,
      t.description,
      t.leadUnits.map((u) => u.name).join('、'),
      t.responsibleUnits.map((u) => u.name).join('、'),
      t.weight,
      t.statusLabel,
      t.progress,
      t.milestones.map(formatMilestone).join('\n'),
      t.targets.map((g) => `${g.metric}${OP_SIGNS[g.op] ?? g.op}${g.value}${g.unit}`).join('\n'),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${plan.doc_number}-改革任务台账.xlsx` };
}

const split = (s: string) =>
  s
    .split(/[、,，;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

interface Row {
  row: number;
  code: string | null;
  measureNumber: number;
  title: string;
  description: string;
  lead: number[];
  resp: number[];
  weight: number;
  status: TaskStatus;
  progress: number;
  milestones: Array<{ title: string; dueOn: string; doneOn: string | null }>;
}

/** An uploaded task ledger sheet and who imports it (the office). */
export interface TasksXlsxUpload {
  planId: number;
  buffer: Buffer;
  fileName: string;
  user: SessionUser;
}

/**
 * Checks the office's edited ledger without writing: every row (any problem rejects the file with the list of
 * problems), returning the rows and what they are matched against.
 */
export async function checkTasksXlsx(db: Kysely<Database>, p: TasksXlsxUpload) {
  if (!isOffice(p.user)) throw new ForbiddenError('导入台账由营商办操作');
  await getPlanOrThrow(db, p.planId);
  if (!/\.xlsx$/i.test(p.fileName)) throw new InputRejectedError(`${p.fileName}：应为 Excel（.xlsx）文件`, [{ file: p.fileName, message: '文件类型不符' }]);
  // The one table reader: zip guard first, the workbook parsed in a worker thread.
  const table = await readTable(p.fileName, p.buffer, { sheet: SHEET, maxRows: 5_000 });
  const cellsOf = (r: { cells: string[] } | undefined) => LEDGER_XLSX_COLUMNS.map((_, i) => (r?.cells[i] ?? '').trim());
  const header = cellsOf(table.find((r) => r.row === 2));
  if (header.join('|') !== LEDGER_XLSX_COLUMNS.join('|')) {
    throw new InputRejectedError(`第2行应为表头：${LEDGER_XLSX_COLUMNS.join('、')}`, [
      { file: p.fileName, row: 2, message: `表头应为 ${LEDGER_XLSX_COLUMNS.join('、')}` },
    ]);
  }
  const units = await listUnitRows(db);
  const unitId = (name: string) => units.find((u) => u.name === name || u.aliases.includes(name))?.id;
  const measures = await listMeasures(db, p.planId);
  const existing = await listTasks(db, p.planId, '2000-01-01');
  const problems: InputProblem[] = [];
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const t of table) {
    const r = t.row;
    if (r < 3) continue;
    const cells = cellsOf(t);
    if (cells.every((c) => c === '')) continue;
    const bad = (field: string, message: string) => problems.push({ file: p.fileName, row: r, field, message });
    const [code, mnum, title, description, lead, resp, weight, status, progress, ms] = cells as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const measureNumber = Number(mnum);
    if (!measures.some((m) => m.number === measureNumber)) bad('措施序号', `计划中没有措施“${mnum}”`);
    if (code) {
      if (!/^\d+-\d+$/.test(code)) bad('任务编号', '格式应为“措施序号-序号”，如 22-1');
      else if (Number(code.split('-')[0]) !== measureNumber) bad('任务编号', `编号 ${code} 与措施序号 ${mnum} 不符`);
      if (seen.has(code)) bad('任务编号', `编号 ${code} 重复`);
      seen.add(code);
    }
    if (!title) bad('任务名称', '不能为空');
    const leadIds = split(lead).map((n) => {
      const id = unitId(n);
      if (!id) bad('牵头单位', `未知单位“${n}”`);
      return id ?? 0;
    });
    if (!leadIds.length) bad('牵头单位', '至少一个牵头单位');
    const respIds = split(resp).map((n) => {
      const id = unitId(n);
      if (!id) bad('责任单位', `未知单位“${n}”`);
      return id ?? 0;
    });
    const w = weight === '' ? 1 : Number(weight);
    if (!(w > 0 && w <= 100)) bad('权重', '应为大于 0 且不超过 100 的数');
    const st = parseStatus(status || '未启动');
    if (!st)
      bad(
        '状态',
        `应为 ${Object.values(STATUS_INFO)
          .map((s) => s.label)
          .join('、')} 之一`,
      );
    const pr = progress === '' ? 0 : Number(progress);
    if (st) {
      const sp = statusProgressProblem(st, pr);
      if (sp) bad('进度(%)', sp);
    }
    const milestones = ms
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((line) => {
        const m = MILESTONE_RE.exec(line);
        if (!m || !isIsoDate(m[1]!) || (m[3] && !isIsoDate(m[3]))) {
          bad('节点', `“${line}”应写作“YYYY-MM-DD 节点名称”，完成的加“（完成于YYYY-MM-DD）”`);
          return null;
        }
        return { dueOn: m[1]!, title: m[2]!.trim(), doneOn: m[3] ?? null };
      })
      .filter((x): x is NonNullable<typeof x> => x !== null);
    rows.push({
      row: r,
      code: code || null,
      measureNumber,
      title,
      description,
      lead: leadIds,
      resp: respIds,
      weight: w,
      status: st ?? 'not_started',
      progress: pr,
      milestones,
    });
  }
  if (rows.length === 0) problems.push({ file: p.fileName, message: '没有任务行' });
  if (problems.length) throw new InputRejectedError(`${p.fileName} 有 ${problems.length} 处问题，未导入任何内容`, problems);
  return { rows, measures, existing };
}

/**
 * Imports the office's edited ledger: every row is checked first (any problem rejects the file); then, in one
 * transaction, each changed row goes through the same task and milestone commands as the API (same rules, same
 * audit, the file named in it). `hooks` (the background job): rows done of all, a cancel check between rows.
 */
export async function importTasksXlsx(
  db: Kysely<Database>,
  p: TasksXlsxUpload,
  hooks: { progress?: (done: number, total: number) => void; checkCancelled?: () => void } = {},
) {
  const { rows, measures, existing } = await checkTasksXlsx(db, p);
  const src = { importFile: p.fileName };
  return db.transaction().execute(async (trx) => {
    let updated = 0;
    let created = 0;
    hooks.progress?.(0, rows.length);
    for (const [i, r] of rows.entries()) {
      if (i > 0) hooks.progress?.(i, rows.length);
      hooks.checkCancelled?.();
      const measureId = measures.find((m) => m.number === r.measureNumber)!.id;
      const cur = r.code ? existing.find((t) => t.code === r.code) : undefined;
      const fields = {
        title: r.title,
        description: r.description,
        weight: r.weight,
        leadUnitIds: [...new Set(r.lead)],
        responsibleUnitIds: [...new Set(r.resp)],
      };
      try {
        let taskId: number;
        if (cur) {
          const same =
            cur.title === r.title &&
            cur.description === r.description &&
            cur.weight === r.weight &&
            cur.status === r.status &&
            cur.progress === r.progress &&
            cur.leadUnits.map((u) => u.id).join() === r.lead.join() &&
            cur.responsibleUnits.map((u) => u.id).join() === r.resp.join() &&
            cur.milestones.map(formatMilestone).join('\n') === r.milestones.map(formatMilestone).join('\n');
          if (same) continue;
          taskId = cur.id;
          await updateTaskIn(trx, p.user, taskId, { ...fields, status: r.status, progress: r.progress }, src);
          updated++;
        } else {
          taskId = await createTaskIn(trx, p.user.account, measureId, fields, { ...src, seq: r.code ? Number(r.code.split('-')[1]) : undefined });
          if (r.status !== 'not_started' || r.progress !== 0) await updateTaskIn(trx, p.user, taskId, { status: r.status, progress: r.progress }, src);
          created++;
        }
        await syncMilestones(trx, p.user, taskId, r.milestones, src);
      } catch (e) {
        // The row was checked above; a rule of the task commands it still breaks is reported on its row.
        if (e instanceof InputRejectedError)
          throw new InputRejectedError(
            e.message,
            e.problems.map((x) => ({ ...x, file: p.fileName, row: r.row, field: x.field && (COLUMN_OF[x.field] ?? x.field) })),
          );
        throw e;
      }
    }
    hooks.checkCancelled?.();
    hooks.progress?.(rows.length, rows.length);
    await recordAudit(trx, {
      actor: p.user.account,
      action: 'ledger.import',
      entity: 'plan',
      entityId: p.planId,
      after: { fileName: p.fileName, rows: rows.length, updated, created },
    });
    return { rows: rows.length, updated, created };
  });
}

/** The column of the sheet a task command's problem field is about. */
const COLUMN_OF: Record<string, string> = {
  seq: '任务编号',
  title: '任务名称',
  description: '具体内容',
  leadUnitIds: '牵头单位',
  units: '牵头单位',
  responsibleUnitIds: '责任单位',
  weight: '权重',
  status: '状态',
  progress: '进度(%)',
  dueOn: '节点',
  doneOn: '节点',
  'milestones.title': '节点',
  'milestones.dueOn': '节点',
};

/**
 * Makes a task's milestones those of its row, through the milestone commands: a milestone of the same title is
 * kept (its due and done days updated when changed), new titles are added, the others deleted.
 */
async function syncMilestones(trx: Kysely<Database>, user: SessionUser, taskId: number, want: Row['milestones'], src: CommandSource): Promise<void> {
  const old = await trx.selectFrom('ledger_milestone').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
  const keep = new Set<number>();
  for (const m of want) {
    const match = old.find((o) => o.title === m.title && !keep.has(o.id));
    if (match) {
      keep.add(match.id);
      if (match.due_on !== m.dueOn || match.done_on !== m.doneOn) await updateMilestoneIn(trx, user, match.id, { dueOn: m.dueOn, doneOn: m.doneOn }, src);
    } else await addMilestoneIn(trx, user.account, taskId, m, src);
  }
  for (const o of old) if (!keep.has(o.id)) await deleteMilestoneIn(trx, user.account, o.id, src);
}
