import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { readStoredFile, storeFile } from '../files/index.js';
import { defineJob, enqueueJob, type JobActor } from '../jobs/index.js';
import { InputRejectedError } from '../shared/index.js';
import { isRecordType, RECORD_SPECS, unknownTypeProblem } from './core/index.js';
import { estimateRows, importRecordFile, type Uploader } from './record-store.js';
import { recomputeJob } from './recompute-job.js';

/** Uploaded files waiting for (or being read by) their import job, under BIZENV_DATA_DIR. */
export const IMPORT_FOLDER = 'record-imports';

export const RECORD_IMPORT_JOB = 'indicators.import';

const n = (x: number) => x.toLocaleString('zh-CN');

interface ImportData {
  type: string;
  fileName: string;
  /** SHA-256 name of the stored upload (IMPORT_FOLDER). */
  stored: string;
  uploader: Uploader;
}

/**
 * 案件记录导入 as a background job: the upload route stores the file and answers with the run id at once;
 * the job checks every row and writes all or nothing in one transaction (a cancel or a stop rolls it back),
 * reporting rows checked of the file's rows, then recomputes the indicators of the record type. A refused
 * file's row problems are the run's result (the result page lists them). The stored file is removed when
 * the run ends, whatever its outcome.
 */
export const recordImportJob = defineJob({
  name: RECORD_IMPORT_JOB,
  label: '案件记录导入',
  run: async (ctx) => {
    const d = ctx.data as ImportData;
    const file = path.join(ctx.dataDir, IMPORT_FOLDER, d.stored);
    try {
      const buffer = readStoredFile(ctx.dataDir, IMPORT_FOLDER, d.stored);
      const total = estimateRows(d.fileName, buffer);
      ctx.progress(0, total ?? undefined);
      const r = await importRecordFile(
        ctx.db,
        { type: d.type, fileName: d.fileName, buffer, uploader: d.uploader },
        {
          progress: (n) => ctx.progress(n, total === null ? undefined : Math.max(total, n)),
          checkCancelled: ctx.checkCancelled,
        },
      );
      ctx.progress(r.rows, r.rows);
      const label = RECORD_SPECS[r.type].label;
      return {
        text: `${d.fileName}（${label}）：${n(r.rows)} 行，新增 ${n(r.inserted)}，更新 ${n(r.updated)}，未变 ${n(r.unchanged)}；已重新计算 ${r.recomputed.definitions.length} 项指标`,
        counts: [
          { label: '行数', value: r.rows },
          { label: '新增', value: r.inserted },
          { label: '更新', value: r.updated },
          { label: '未变', value: r.unchanged },
          { label: '重新计算的指标', value: r.recomputed.definitions.length },
        ],
        links: [
          { label: '查看记录', href: `/indicators/records?type=${r.type}` },
          { label: '查看指标', href: `/indicators?year=${r.recomputed.year}` },
        ],
      };
    } finally {
      fs.rmSync(file, { force: true });
    }
  },
});

/**
 * Stores an uploaded case record file and queues its import (refused with 409 while another import runs:
 * imports of records are serialised anyway). Unknown types and file kinds are refused at once.
 */
export async function startRecordImport(
  db: Kysely<Database>,
  dataDir: string,
  p: { type: string; fileName: string; buffer: Buffer; uploader: Uploader; by: JobActor },
): Promise<{ runId: number }> {
  if (!isRecordType(p.type)) throw new InputRejectedError(`未知的记录类型“${p.type}”`, [unknownTypeProblem(p.type, p.fileName)]);
  if (!/\.(csv|txt|xlsx)$/i.test(p.fileName))
    throw new InputRejectedError(`${p.fileName}：只支持 .csv 和 .xlsx 文件`, [{ file: p.fileName, message: '只支持 .csv 和 .xlsx 文件' }]);
  if (p.buffer.length === 0) throw new InputRejectedError(`${p.fileName}：文件为空`, [{ file: p.fileName, message: '文件为空' }]);
  const stored = storeFile(dataDir, IMPORT_FOLDER, p.buffer);
  const data: ImportData = { type: p.type, fileName: p.fileName, stored, uploader: p.uploader };
  try {
    return await enqueueJob(db, RECORD_IMPORT_JOB, data, p.by);
  } catch (e) {
    fs.rmSync(path.join(dataDir, IMPORT_FOLDER, stored), { force: true });
    throw e;
  }
}

/** The indicators' jobs (case record import, recompute), for the server's job system (src/server/serve.ts). */
export const indicatorJobs = [recordImportJob, recomputeJob];
