import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { readStoredFile, storeFile } from '../files/index.js';
import { defineJob, enqueueJob, type JobActor, type JobContext } from '../jobs/index.js';
import { checkLedgerXlsx, importLedgerXlsx } from './ledger-xlsx.js';
import { importUploadedPlan, parseUploaded } from './upload.js';

/** Uploaded plan documents and ledger sheets checked by their route, waiting for (or being written by) their job. */
export const PLAN_IMPORT_FOLDER = 'plan-imports';
export const PLAN_IMPORT_JOB = 'plan.import';
export const PLAN_LEDGER_IMPORT_JOB = 'plan.ledger-import';

interface PlanImportData {
  fileName: string;
  stored: string;
  actor: string;
}

interface LedgerImportData extends PlanImportData {
  planId: number;
}

/** The stored upload of a run, removed when the run ends whatever its outcome. */
async function withStoredFile<T>(ctx: JobContext, stored: string, work: (buffer: Buffer) => Promise<T>): Promise<T> {
  try {
    return await work(readStoredFile(ctx.dataDir, PLAN_IMPORT_FOLDER, stored));
  } finally {
    fs.rmSync(path.join(ctx.dataDir, PLAN_IMPORT_FOLDER, stored), { force: true });
  }
}

/** Stores a checked upload and queues its job; the stored file is removed again when the queueing fails (409). */
async function queue(db: Kysely<Database>, dataDir: string, name: string, buffer: Buffer, data: (stored: string) => object, by: JobActor) {
  const stored = storeFile(dataDir, PLAN_IMPORT_FOLDER, buffer);
  try {
    return await enqueueJob(db, name, data(stored), by);
  } catch (e) {
    fs.rmSync(path.join(dataDir, PLAN_IMPORT_FOLDER, stored), { force: true });
    throw e;
  }
}

/**
 * 导入实施方案 as a background job: the route parses the document at once (a parse error is a 400 naming the
 * line, as before) and queues the writing; the job parses it again against the directory of now and writes
 * the plan (revision, sections, measures, units, targets, deadlines) in one transaction, measure by measure
 * with progress and a cancel check between measures (a cancel or a stop rolls everything back).
 */
export const planImportJob = defineJob({
  name: PLAN_IMPORT_JOB,
  label: '导入实施方案',
  run: async (ctx) => {
    const d = ctx.data as PlanImportData;
    return withStoredFile(ctx, d.stored, async (buffer) => {
      const r = await importUploadedPlan(
        ctx.db,
        { fileName: d.fileName, buffer, actor: d.actor },
        { progress: (done, total) => ctx.progress(done, total), checkCancelled: ctx.checkCancelled },
      );
      const name = r.docNumber ?? r.title;
      return {
        text: r.changed
          ? `${d.fileName}：已导入“${name}”，第${r.revision}版，${r.measures} 条措施`
          : `${d.fileName}：与已导入的第${r.revision}版内容相同，未作修改`,
        counts: [
          { label: '措施', value: r.measures },
          { label: '版本', value: r.revision },
          { label: '解析提示', value: r.warnings },
        ],
        links: [
          { label: '查看实施方案', href: `/plan?plan=${r.planId}` },
          { label: '确认新单位', href: `/plan/import?plan=${r.planId}` },
        ],
      };
    });
  },
});

/**
 * 导入改革台账（方案 Excel）as a background job: the route checks every row at once (400 with the row problems,
 * as before) and queues the writing; the job checks the sheet again (the plan may have changed since) and
 * writes the new revision in one transaction with progress by measure.
 */
export const planLedgerImportJob = defineJob({
  name: PLAN_LEDGER_IMPORT_JOB,
  label: '导入改革台账（方案）',
  run: async (ctx) => {
    const d = ctx.data as LedgerImportData;
    return withStoredFile(ctx, d.stored, async (buffer) => {
      const r = await importLedgerXlsx(
        ctx.db,
        { planId: d.planId, buffer, fileName: d.fileName, actor: d.actor },
        { progress: (done, total) => ctx.progress(done, total), checkCancelled: ctx.checkCancelled },
      );
      return {
        text: r.changed ? `${d.fileName}：已导入 ${r.rows} 行，生成第${r.revision}版` : `${d.fileName}：内容与当前版本相同，未作修改`,
        counts: [
          { label: '行数', value: r.rows },
          { label: '版本', value: r.revision },
        ],
        links: [{ label: '查看实施方案', href: `/plan?plan=${r.planId}` }],
      };
    });
  },
});

/** Parses an uploaded plan document now (a parse error refuses it at once) and queues its import; returns the run id. */
export async function startPlanImport(
  db: Kysely<Database>,
  dataDir: string,
  p: { fileName: string; buffer: Buffer; by: JobActor },
): Promise<{ runId: number }> {
  await parseUploaded(db, p);
  return queue(db, dataDir, PLAN_IMPORT_JOB, p.buffer, (stored): PlanImportData => ({ fileName: p.fileName, stored, actor: p.by.account }), p.by);
}

/** Checks an edited ledger sheet now (its row problems refuse it at once) and queues its import; returns the run id. */
export async function startLedgerImport(
  db: Kysely<Database>,
  dataDir: string,
  p: { planId: number; fileName: string; buffer: Buffer; by: JobActor },
): Promise<{ runId: number }> {
  await checkLedgerXlsx(db, p);
  return queue(
    db,
    dataDir,
    PLAN_LEDGER_IMPORT_JOB,
    p.buffer,
    (stored): LedgerImportData => ({ planId: p.planId, fileName: p.fileName, stored, actor: p.by.account }),
    p.by,
  );
}

/** The plan's jobs, for the server's job system (src/server/serve.ts). */
export const planJobs = [planImportJob, planLedgerImportJob];
