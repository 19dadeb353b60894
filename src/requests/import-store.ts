/**
 * Bulk import of work orders transferred from the city's 12345 platform (CSV/XLSX, columns in
 * core/import-12345.ts): read by the one table reader (src/files), every row checked, all or nothing (any problem
 * rejects the file with every problem named by row and column, in Chinese); idempotent by the work-order number
 * (a number already imported is skipped, whatever its content: the request has its own life here since). New
 * requests are channel 12345 at stage 受理, filed on the platform's 受理日期; the office gets one notice per import.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import { activeAccountIdsByRole } from '../auth/index.js';
import { chinaToday } from '../calendar/index.js';
import { advisoryXactLock, type Database } from '../db/index.js';
import { enterpriseIdsByCreditCode } from '../enterprises/index.js';
import { readTable } from '../files/index.js';
import { notify } from '../inbox/index.js';
import { InputRejectedError, type InputProblem } from '../shared/index.js';
import { checkImportTable } from './core/index.js';
import { insertRequest } from './request-store.js';

type Db = Kysely<Database>;

/** At most this many work orders per file (a month of a district's 12345 transfers is far fewer). */
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportSummary {
  total: number;
  created: number;
  /** Work orders already imported (by their number), left as they are. */
  skipped: number;
  numbers: string[];
}

/** A 12345 file that passed every check: its work orders, and the firms their credit codes name. */
export interface Checked12345 {
  fileName: string;
  records: ReturnType<typeof checkImportTable>['records'];
  firms: Map<string, number>;
}

/** Steps of a long write (the background job): work orders done of the file's, and a cancel check between them. */
export interface ImportSteps {
  progress?: (done: number, total: number) => void;
  /** Throws to stop (inside the transaction: everything is rolled back). */
  checkCancelled?: () => void;
}

/**
 * Reads and checks a 12345 export (every row, and every credit code against the enterprise registry): any problem
 * refuses the whole file with every problem named by row and column (`InputRejectedError`). Writes nothing.
 */
export async function check12345File(db: Db, fileName: string, content: Buffer, today = chinaToday()): Promise<Checked12345> {
  const rows = await readTable(fileName, content, { maxRows: MAX_IMPORT_ROWS + 1, maxColumns: 50 });
  const { records, problems } = checkImportTable(rows, today);
  const codes = [...new Set(records.flatMap((r) => (r.creditCode ? [r.creditCode] : [])))];
  const firms = codes.length ? await enterpriseIdsByCreditCode(db, codes) : new Map<string, number>();
  for (const r of records)
    if (r.creditCode && !firms.has(r.creditCode))
      problems.push({ row: r.row, field: '统一社会信用代码', message: `企业库中没有统一社会信用代码为“${r.creditCode}”的企业` });
  if (problems.length) {
    const all: InputProblem[] = problems.sort((a, b) => a.row - b.row).map((p) => ({ file: fileName, ...p }));
    throw new InputRejectedError(`${fileName}：有 ${all.length} 处问题，未导入任何工单`, all);
  }
  return { fileName, records, firms };
}

/** Imports a 12345 export (checked, then written in one transaction). `actor`: the office account (or `cli:…`). */
export async function import12345File(
  db: Db,
  actor: string,
  fileName: string,
  content: Buffer,
  today = chinaToday(),
  steps: ImportSteps = {},
): Promise<ImportSummary> {
  return write12345(db, actor, await check12345File(db, fileName, content, today), steps);
}

/**
 * Writes a checked 12345 file in ONE transaction (all or nothing): new work orders become requests, numbers already
 * imported are skipped; one audit entry and one notice to the office. `steps.checkCancelled` is called before each
 * work order (a cancel rolls everything back), `steps.progress` after each.
 */
export async function write12345(db: Db, actor: string, checked: Checked12345, steps: ImportSteps = {}): Promise<ImportSummary> {
  const { fileName, records, firms } = checked;
  return db.transaction().execute(async (trx) => {
    await advisoryXactLock(trx, 'requestImport');
    const ids = records.map((r) => r.externalId);
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const got = await trx
        .selectFrom('request_item')
        .select('external_id')
        .where('channel', '=', '12345')
        .where('external_id', 'in', ids.slice(i, i + 1000))
        .execute();
      for (const g of got) if (g.external_id) existing.add(g.external_id);
    }
    const numbers: string[] = [];
    steps.progress?.(0, records.length);
    for (const [i, r] of records.entries()) {
      steps.checkCancelled?.();
      steps.progress?.(i, records.length);
      if (existing.has(r.externalId)) continue;
      const filed = await insertRequest(trx, actor, {
        category: r.category,
        subject: r.subject,
        description: r.description,
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        channel: '12345',
        enterpriseId: r.creditCode ? (firms.get(r.creditCode) ?? null) : null,
        today: r.receivedOn,
        note: `渠道：12345（转办工单 ${r.externalId}）`,
        quiet: true,
      });
      await trx
        .updateTable('request_item')
        .set({ external_id: r.externalId, address: r.address || null })
        .where('id', '=', filed.id)
        .execute();
      numbers.push(filed.number);
    }
    steps.checkCancelled?.();
    steps.progress?.(records.length, records.length);
    const summary = { total: records.length, created: numbers.length, skipped: records.length - numbers.length, numbers };
    await recordAudit(trx, {
      actor,
      action: 'requests.import12345',
      entity: 'request_item',
      after: { fileName, total: summary.total, created: summary.created, skipped: summary.skipped },
    });
    if (numbers.length)
      await notify(trx, {
        userIds: await activeAccountIdsByRole(trx, ['office']),
        kind: 'request.filed',
        title: `12345 转办工单导入：${numbers.length} 件待派单`,
        body: `${fileName} 新增 ${numbers.length} 件（${numbers[0]} 起），请确定承办单位并派单。`,
        link: '/requests',
        dedupeKey: `request:import:${numbers[0]}`,
      });
    return summary;
  });
}
