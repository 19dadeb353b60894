import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { InputRejectedError } from '../shared/index.js';
import { PlanParseError } from './core/errors.js';
import { parsePlanFile } from './read-plan-file.js';
import { importPlan, type ImportPlanResult } from './plan-store.js';

/** Parses an uploaded plan document and imports it; a parse error names the file and line. */
export async function importUploadedPlan(
  db: Kysely<Database>,
  p: { fileName: string; buffer: Buffer; actor: string },
): Promise<ImportPlanResult & { docNumber: string | null; warnings: number }> {
  const ext = path.extname(p.fileName).toLowerCase();
  if (ext !== '.txt' && ext !== '.docx')
    throw new InputRejectedError(`${p.fileName}：只支持 .txt 和 .docx 文件`, [{ file: p.fileName, message: '文件类型不支持' }]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bizenv-upload-'));
  try {
    const file = path.join(dir, `plan${ext}`);
    await fs.writeFile(file, p.buffer);
    let plan: Awaited<ReturnType<typeof parsePlanFile>>;
    try {
      plan = await parsePlanFile(file);
    } catch (e) {
      if (e instanceof PlanParseError) throw new InputRejectedError(`${p.fileName}：${e.message}`, [{ file: p.fileName, row: e.line, message: e.reason }]);
      throw e;
    }
    const r = await importPlan(db, { plan, sourceName: p.fileName, sourceKind: ext === '.docx' ? 'docx' : 'txt', actor: p.actor });
    return { ...r, docNumber: plan.docNumber, warnings: plan.warnings.length };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
