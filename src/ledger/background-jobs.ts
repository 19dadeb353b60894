import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { readStoredFile, storeFile } from '../files/index.js';
import { defineJob, enqueueJob } from '../jobs/index.js';
import { checkBulletinDraft, createBulletinDraft, type NewBulletinDraft } from './bulletin-store.js';
import { checkTasksXlsx, importTasksXlsx } from './ledger-xlsx.js';

/** Task ledger sheets checked by the route, waiting for (or being written by) their import job. */
export const TASKS_IMPORT_FOLDER = 'ledger-imports';
export const TASKS_IMPORT_JOB = 'ledger.tasks-import';
export const BULLETIN_DRAFT_JOB = 'ledger.bulletin-draft';

/**
 * The office member who started the run, as the route saw them: the task and milestone commands check the
 * same rules for them in the job as in a request.
 */
type Starter = SessionUser;
const actorOf = (u: Starter) => ({ id: u.id, account: u.account });

interface TasksImportData {
  planId: number;
  fileName: string;
  stored: string;
  user: Starter;
}

interface BulletinDraftData extends NewBulletinDraft {
  user: Starter;
}

/**
 * 导入改革任务台账 as a background job: the route checks every row at once (400 with the row problems, as
 * before) and queues the writing; the job checks the sheet again (tasks may have changed since) and writes
 * every changed row through the task commands in one transaction, with progress by row and a cancel check
 * between rows (a cancel or a stop rolls everything back).
 */
export const tasksImportJob = defineJob({
  name: TASKS_IMPORT_JOB,
  label: '导入改革任务台账',
  run: async (ctx) => {
    const d = ctx.data as TasksImportData;
    try {
      const buffer = readStoredFile(ctx.dataDir, TASKS_IMPORT_FOLDER, d.stored);
      const r = await importTasksXlsx(
        ctx.db,
        { planId: d.planId, buffer, fileName: d.fileName, user: d.user },
        { progress: (done, total) => ctx.progress(done, total), checkCancelled: ctx.checkCancelled },
      );
      return {
        text: `${d.fileName}：${r.rows} 行，新增任务 ${r.created}，更新 ${r.updated}，未变 ${r.rows - r.created - r.updated}`,
        counts: [
          { label: '行数', value: r.rows },
          { label: '新增', value: r.created },
          { label: '更新', value: r.updated },
          { label: '未变', value: r.rows - r.created - r.updated },
        ],
        links: [{ label: '查看改革台账', href: '/ledger' }],
      };
    } finally {
      fs.rmSync(path.join(ctx.dataDir, TASKS_IMPORT_FOLDER, d.stored), { force: true });
    }
  },
});

/**
 * 起草通报 as a background job: the route checks the cycle and the data date at once (404 / 400) and queues
 * the drafting; the job sums the ledger's figures as of the data date and writes the draft in one
 * transaction (a cancel or a stop writes nothing). The result links to the draft.
 */
export const bulletinDraftJob = defineJob({
  name: BULLETIN_DRAFT_JOB,
  label: '起草通报',
  run: async (ctx) => {
    const { user, ...p } = ctx.data as BulletinDraftData;
    const r = await createBulletinDraft(ctx.db, user, p, { progress: (done, total) => ctx.progress(done, total), checkCancelled: ctx.checkCancelled });
    return {
      text: `已起草“${r.title}”（数据截至 ${r.asOf}）`,
      counts: [
        { label: '任务', value: r.tasks },
        { label: '本期完成', value: r.completed },
        { label: '滞后', value: r.lagging },
      ],
      links: [{ label: '打开草稿', href: `/ledger/bulletins/${r.id}` }],
    };
  },
});

/** Checks an edited task ledger now (its row problems refuse it at once) and queues its import; returns the run id. */
export async function startTasksImport(
  db: Kysely<Database>,
  dataDir: string,
  p: { planId: number; fileName: string; buffer: Buffer; user: Starter },
): Promise<{ runId: number }> {
  await checkTasksXlsx(db, p);
  const stored = storeFile(dataDir, TASKS_IMPORT_FOLDER, p.buffer);
  const data: TasksImportData = { planId: p.planId, fileName: p.fileName, stored, user: p.user };
  try {
    return await enqueueJob(db, TASKS_IMPORT_JOB, data, actorOf(p.user));
  } catch (e) {
    fs.rmSync(path.join(dataDir, TASKS_IMPORT_FOLDER, stored), { force: true });
    throw e;
  }
}

/** Checks a draft request now (404 / 400) and queues the drafting; returns the run id. */
export async function startBulletinDraft(db: Kysely<Database>, user: Starter, p: NewBulletinDraft): Promise<{ runId: number }> {
  await checkBulletinDraft(db, p);
  const data: BulletinDraftData = { planId: p.planId, cycleId: p.cycleId, ...(p.dataDate === undefined ? {} : { dataDate: p.dataDate }), user };
  return enqueueJob(db, BULLETIN_DRAFT_JOB, data, actorOf(user));
}

/** The ledger's background jobs (uploads and drafting), for the server's job system (src/server/serve.ts). */
export const ledgerBackgroundJobs = [tasksImportJob, bulletinDraftJob];
