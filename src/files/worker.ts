import { Worker } from 'node:worker_threads';
import { InputRejectedError, type InputProblem } from '../shared/index.js';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** An error thrown in a worker, rebuilt in the calling thread (its name, message and own fields). */
export class WorkerTaskError extends Error {
  constructor(
    name: string,
    message: string,
    public readonly props: Record<string, unknown>,
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * Runs a CPU-heavy parse (an .xlsx workbook, a .docx) in a worker thread, so that the server keeps
 * answering other requests meanwhile: `fn` exported by the module at `moduleUrl` is called with `args`
 * (structured-cloned) and its result returned. An `InputRejectedError` thrown there is rethrown here
 * as one (the Chinese message and its problems intact); any other error as a `WorkerTaskError`.
 * Each call has its own worker (about 0.2 s to start), ended when it answers or after `timeoutMs`.
 *
 * @example
 *   const rows = await runInWorker<TableRow[]>(new URL('./table-file.ts', import.meta.url), 'xlsxTable', [name, buffer]);
 */
export function runInWorker<T>(moduleUrl: URL, fn: string, args: unknown[], timeoutMs = 120_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = new Worker(BOOT, { workerData: { moduleUrl: moduleUrl.href, fn, args }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new InputRejectedError('文件处理超时，请拆分后重试'));
    }, timeoutMs);
    w.once('message', (m: { ok: true; value: T } | { ok: false; error: { name: string; message: string; props: Record<string, unknown> } }) => {
      clearTimeout(timer);
      void w.terminate();
      if (m.ok) resolve(m.value);
      else if (m.error.name === 'InputRejectedError') reject(new InputRejectedError(m.error.message, (m.error.props.problems as InputProblem[]) ?? []));
      else reject(new WorkerTaskError(m.error.name, m.error.message, m.error.props));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      // e.g. the worker's memory limit: a file too large to parse
      reject(e.message.includes('memory') ? new InputRejectedError('文件过大，无法处理，请拆分后重试') : e);
    });
  });
}
