/**
 * Attachments of a request (附件): pdf, jpg, png, docx, xlsx, checked by their content (src/shared/file-types.ts),
 * at most 5 files of 5 MB and 10 MB in all; stored like the ledger's evidence (src/files `storeFile`, content-
 * addressed under BIZENV_DATA_DIR/request-files), written last in the filing's transaction. Only those who may see
 * the request download them (the request's own scope; the anonymous filer with number and query code).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.js';
import type { SessionUser } from '../auth/index.js';
import type { Database } from '../db/index.js';
import { readStoredFile, storeFile, sweepStoredFiles } from '../files/index.js';
import { checkFileContent, InputRejectedError, NotFoundError, safeFileName, type InputProblem } from '../shared/index.js';
import { ATTACHMENT_EXTENSIONS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES } from './core/index.js';
import { getRequest, type WithinFiling } from './request-store.js';

type Db = Kysely<Database>;
export const ATTACHMENT_FOLDER = 'request-files';

export interface NewAttachment {
  fileName: string;
  content: Buffer;
}

/** An attachment as the API sends it: the name and the content in base64. */
export interface AttachmentUpload {
  fileName: string;
  contentBase64: string;
}

/** Decodes uploads sent as base64 (strict: anything but base64 is a problem naming the file). */
export function decodeAttachments(files: readonly AttachmentUpload[] | undefined): { files: NewAttachment[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const out: NewAttachment[] = [];
  for (const [i, f] of (files ?? []).entries()) {
    const b64 = f.contentBase64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0)
      problems.push({ file: safeFileName(f.fileName), row: i + 1, field: 'attachments', message: '文件内容不是有效的 base64 编码' });
    else out.push({ fileName: f.fileName, content: Buffer.from(b64, 'base64') });
  }
  return { files: out, problems };
}

/** Problems of a set of attachments (count, each file's type and size, the total), in Chinese, naming the file. */
export function attachmentProblems(files: readonly NewAttachment[]): InputProblem[] {
  const problems: InputProblem[] = [];
  if (files.length > MAX_ATTACHMENTS) problems.push({ field: 'attachments', message: `附件最多 ${MAX_ATTACHMENTS} 个，实有 ${files.length} 个` });
  let total = 0;
  files.forEach((f, i) => {
    const name = safeFileName(f.fileName);
    total += f.content.length;
    const check = checkFileContent(name, f.content, { extensions: ATTACHMENT_EXTENSIONS, maxBytes: MAX_ATTACHMENT_BYTES });
    if ('problem' in check) problems.push({ file: name, row: i + 1, field: 'attachments', message: `附件“${name}”：${check.problem}` });
  });
  if (total > MAX_ATTACHMENTS_TOTAL_BYTES) problems.push({ field: 'attachments', message: `附件合计超过 ${MAX_ATTACHMENTS_TOTAL_BYTES / 1024 / 1024} MB` });
  return problems;
}

/** Writes attachments of a new request inside its transaction (a file left by a rolled-back one is swept at start). */
export async function addAttachmentsIn(trx: Db, dataDir: string, requestId: number, files: readonly NewAttachment[], actor: string): Promise<void> {
  for (const f of files) {
    const name = safeFileName(f.fileName);
    const check = checkFileContent(name, f.content, { extensions: ATTACHMENT_EXTENSIONS, maxBytes: MAX_ATTACHMENT_BYTES });
    if ('problem' in check) throw new InputRejectedError(`附件“${name}”：${check.problem}`, [{ file: name, field: 'attachments', message: check.problem }]);
    const stored = storeFile(dataDir, ATTACHMENT_FOLDER, f.content);
    const row = await trx
      .insertInto('request_attachment')
      .values({ request_id: requestId, file_name: name, stored_name: stored, mime: check.mime, size: f.content.length, uploaded_by: actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'requests.attachment.add',
      entity: 'request_attachment',
      entityId: row.id,
      after: { requestId, fileName: name, size: f.content.length, sha256: stored },
    });
  }
}

export interface AttachmentInfo {
  id: number;
  fileName: string;
  mime: string;
  size: number;
}

/** The attachments of requests (no check: callers have checked the reader may see the request). */
export async function attachmentsOf(db: Db, requestId: number): Promise<AttachmentInfo[]> {
  return db
    .selectFrom('request_attachment')
    .select(['id', 'file_name as fileName', 'mime', 'size'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
}

/** The attachments of a request the user may see (403/404 as the request itself). */
export async function listAttachments(db: Db, user: SessionUser, requestId: number): Promise<AttachmentInfo[]> {
  await getRequest(db, user, requestId);
  return attachmentsOf(db, requestId);
}

/** One attachment's bytes, without a reader check (the caller checked the request). */
export async function attachmentContent(db: Db, dataDir: string, requestId: number, attachmentId: number) {
  const a = await db
    .selectFrom('request_attachment')
    .select(['file_name', 'mime', 'stored_name'])
    .where('id', '=', attachmentId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!a) throw new NotFoundError('附件（不存在或已删除）');
  return { fileName: a.file_name, mime: a.mime, content: readStoredFile(dataDir, ATTACHMENT_FOLDER, a.stored_name) };
}

/** One attachment of a request the user may see. */
export async function readAttachment(db: Db, dataDir: string, user: SessionUser, requestId: number, attachmentId: number) {
  await getRequest(db, user, requestId);
  return attachmentContent(db, dataDir, requestId, attachmentId);
}

/** Removes attachment files no row refers to (a commit that failed after the file was written). Run at start. */
export async function sweepOrphanAttachments(db: Db, dataDir: string, minAgeMs = 3_600_000): Promise<number> {
  const known = new Set((await db.selectFrom('request_attachment').select('stored_name').distinct().execute()).map((r) => r.stored_name));
  return sweepStoredFiles(dataDir, ATTACHMENT_FOLDER, known, minAgeMs);
}

/**
 * The filing's attachments as work inside its transaction (`WithinFiling`), or undefined without any. The files are
 * checked now (count, type by content, size): a problem rejects the filing before anything is written.
 */
export function withAttachments(dataDir: string, uploads: readonly AttachmentUpload[] | undefined, actor: string): WithinFiling | undefined {
  if (!uploads?.length) return undefined;
  const { files, problems } = decodeAttachments(uploads);
  problems.push(...attachmentProblems(files));
  if (problems.length) throw new InputRejectedError(`附件不符合要求：${problems.map((p) => p.message).join('；')}`, problems);
  return (trx, filed) => addAttachmentsIn(trx, dataDir, filed.id, files, actor);
}
