import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { readStoredFile, storeFile } from '../files/index.js';
import { defineJob, enqueueJob, type JobActor } from '../jobs/index.js';
import { InputRejectedError } from '../shared/index.js';
import { upsertEnterprises } from './enterprise-store.js';
import { readEnterpriseFile } from './import.js';

/** Enterprise files checked by the route and waiting for (or being written by) their import job. */
export const ENTERPRISE_IMPORT_FOLDER = 'enterprise-imports';
export const ENTERPRISE_IMPORT_JOB = 'enterprises.import';

interface ImportData {
  fileName: string;
  stored: string;
  actor: string;
}

const rejected = (fileName: string, problems: Array<{ file?: string; row?: number; field?: string; message: string }>) =>
  new InputRejectedError(`${fileName}：${problems.length} 处错误，未导入任何数据`, problems);

/**
 * 企业导入 as a background job: the route checks the file at once (400 with row problems, as before) and
 * queues the writing; the job writes every row in one transaction (progress every 200 rows, a cancel or
 * a stop rolls it back), then re-matches the changed firms' policies (`profilesChanged`).
 */
export const enterpriseImportJob = defineJob({
  name: ENTERPRISE_IMPORT_JOB,
  label: '企业导入',
  run: async (ctx) => {
    const d = ctx.data as ImportData;
    try {
      const { rows, problems } = await readEnterpriseFile(d.fileName, readStoredFile(ctx.dataDir, ENTERPRISE_IMPORT_FOLDER, d.stored));
      if (problems.length) throw rejected(d.fileName, problems);
      ctx.progress(0, rows.length);
      const r = await upsertEnterprises(ctx.db, rows, d.actor, {
        source: d.fileName,
        progress: (n) => ctx.progress(n, rows.length),
        checkCancelled: ctx.checkCancelled,
      });
      return {
        text: `${d.fileName}：${r.rows} 家企业，新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}`,
        counts: [
          { label: '企业', value: r.rows },
          { label: '新增', value: r.created },
          { label: '更新', value: r.updated },
          { label: '未变', value: r.unchanged },
        ],
        links: [{ label: '查看企业库', href: '/enterprises' }],
      };
    } finally {
      fs.rmSync(path.join(ctx.dataDir, ENTERPRISE_IMPORT_FOLDER, d.stored), { force: true });
    }
  },
});

/**
 * Checks an uploaded enterprise file now (its row problems refuse it at once) and queues the writing as a
 * background run; returns the run id.
 */
export async function startEnterpriseImport(
  db: Kysely<Database>,
  dataDir: string,
  p: { fileName: string; buffer: Buffer; by: JobActor },
): Promise<{ runId: number }> {
  const { problems } = await readEnterpriseFile(p.fileName, p.buffer);
  if (problems.length) throw rejected(p.fileName, problems);
  const stored = storeFile(dataDir, ENTERPRISE_IMPORT_FOLDER, p.buffer);
  const data: ImportData = { fileName: p.fileName, stored, actor: p.by.account };
  try {
    return await enqueueJob(db, ENTERPRISE_IMPORT_JOB, data, p.by);
  } catch (e) {
    fs.rmSync(path.join(dataDir, ENTERPRISE_IMPORT_FOLDER, stored), { force: true });
    throw e;
  }
}

/** The enterprises' jobs, for the server's job system (src/server/serve.ts). */
export const enterpriseJobs = [enterpriseImportJob];
