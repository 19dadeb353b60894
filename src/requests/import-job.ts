import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { chinaToday } from '../calendar/index.js';
import type { Database } from '../db/index.js';
import { readStoredFile, storeFile } from '../files/index.js';
import { defineJob, enqueueJob, type JobActor } from '../jobs/index.js';
import { check12345File, write12345 } from './import-store.js';

/** 12345 files checked by the route and waiting for (or being written by) their import job, under BIZENV_DATA_DIR. */
export const REQUEST_IMPORT_FOLDER = 'request-imports';
export const REQUEST_IMPORT_JOB = 'requests.import12345';

interface ImportData {
  fileName: string;
  /** SHA-256 name of the stored upload (REQUEST_IMPORT_FOLDER). */
  stored: string;
  /** The office account that uploaded it (audit actor). */
  actor: string;
}

/**
 * 12345 转办工单导入 as a background job: the route checks the file at once (400 with the row problems, as
 * before) and queues the writing; the job checks it again (the registry may have changed since) and writes
 * every work order in one transaction (progress per work order; a cancel or a stop rolls it all back). The
 * stored file is removed when the run ends, whatever its outcome.
 */
export const requestImportJob = defineJob({
  name: REQUEST_IMPORT_JOB,
  label: '12345 转办工单导入',
  run: async (ctx) => {
    const d = ctx.data as ImportData;
    try {
      const checked = await check12345File(ctx.db, d.fileName, readStoredFile(ctx.dataDir, REQUEST_IMPORT_FOLDER, d.stored), chinaToday(ctx.now));
      ctx.progress(0, checked.records.length);
      const r = await write12345(ctx.db, d.actor, checked, { progress: ctx.progress, checkCancelled: ctx.checkCancelled });
      const range = r.numbers.length ? `（${r.numbers[0]}${r.numbers.length > 1 ? ` 至 ${r.numbers[r.numbers.length - 1]}` : ''}）` : '';
      return {
        text: `${d.fileName}：文件中 ${r.total} 件，新增 ${r.created} 件${range}待派单，已导入过而跳过 ${r.skipped} 件`,
        counts: [
          { label: '工单', value: r.total },
          { label: '新增', value: r.created },
          { label: '跳过（已导入过）', value: r.skipped },
        ],
        links: [{ label: '查看诉求工作台', href: '/requests' }],
      };
    } finally {
      fs.rmSync(path.join(ctx.dataDir, REQUEST_IMPORT_FOLDER, d.stored), { force: true });
    }
  },
});

/**
 * Checks an uploaded 12345 export now (any row problem refuses it at once, nothing queued) and queues the
 * writing as a background run (409 while another 12345 import is open); returns the run id.
 */
export async function start12345Import(
  db: Kysely<Database>,
  dataDir: string,
  p: { fileName: string; buffer: Buffer; by: JobActor },
): Promise<{ runId: number }> {
  await check12345File(db, p.fileName, p.buffer);
  const stored = storeFile(dataDir, REQUEST_IMPORT_FOLDER, p.buffer);
  const data: ImportData = { fileName: p.fileName, stored, actor: p.by.account };
  try {
    return await enqueueJob(db, REQUEST_IMPORT_JOB, data, p.by);
  } catch (e) {
    fs.rmSync(path.join(dataDir, REQUEST_IMPORT_FOLDER, stored), { force: true });
    throw e;
  }
}
