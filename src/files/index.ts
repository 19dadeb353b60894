/**
 * Reading uploaded files, for every capability's imports: the one table reader (.csv in UTF-8 or
 * GB18030, .xlsx) and the zip guard that runs before any .xlsx/.docx parser; and the one writer of list
 * exports (`writeListXlsx`: title, filters and export time, Chinese headers, dates as dates). A leaf like `shared` (imports only shared), but with Node's I/O, so the
 * web (which may import `shared`) never pulls it in.
 */
export { checkZip, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard.js';
export {
  cellText,
  decodeCsv,
  readTable,
  readTableRows,
  tableRows,
  TABLE_LIMITS,
  type ReadTableOptions,
  type TableLimits,
  type TableRow,
} from './table-file.js';
export { runInWorker, streamInWorker, WORKER_MEMORY_MB, WorkerTaskError, type WorkerLimits, type WorkerStream } from './worker.js';
export { beijingTime, exportFileName, writeListXlsx, type ListCell, type ListColumn, type ListSheet } from './list-xlsx.js';
export * as docxKit from './docx-kit.js';
export { storeFile, fileSha256, readStoredFile, sweepStoredFiles } from './stored-files.js';
