import { Worker } from 'node:worker_threads';
import { InputRejectedError, type InputProblem } from '../shared/index.js';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** A worker's heap limit unless its caller sets one (`WorkerLimits.memoryMb`). */
export const WORKER_MEMORY_MB = 1024;

/**
 * A worker's heap limit and what the caller is told when the worker reaches it. The default message is the file
 * parser's (a file too large: the person splits it); a task that is not a file says what it is (policy matching).
 */
export interface WorkerLimits {
  memoryMb?: number;
  outOfMemory?: (limitMb: number) => Error;
}

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
 * Each call has its own worker (about 0.2 s to start), ended when it answers or after `timeoutMs`. A worker
 * that reaches its heap limit (`limits.memoryMb`, `WORKER_MEMORY_MB` by default) rejects with
 * `limits.outOfMemory`'s error, by default the file message 文件过大，无法处理.
 *
 * @example
 *   const rows = await runInWorker<TableRow[]>(new URL('./table-file.ts', import.meta.url), 'xlsxTable', [name, buffer]);
 */
export function runInWorker<T>(moduleUrl: URL, fn: string, args: unknown[], timeoutMs = 120_000, limits: WorkerLimits = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = new Worker(BOOT, { workerData: { moduleUrl: moduleUrl.href, fn, args }, resourceLimits: heap(limits) });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new InputRejectedError('文件处理超时，请拆分后重试'));
    }, timeoutMs);
    w.once('message', (m: { ok: true; value: T } | { ok: false; error: WorkerFailure }) => {
      clearTimeout(timer);
      void w.terminate();
      if (m.ok) resolve(m.value);
      else reject(rebuild(m.error));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(crashed(e, limits));
    });
  });
}

interface WorkerFailure {
  name: string;
  message: string;
  props: Record<string, unknown>;
}
const rebuild = (f: WorkerFailure): Error =>
  f.name === 'InputRejectedError'
    ? new InputRejectedError(f.message, (f.props.problems as InputProblem[]) ?? [])
    : new WorkerTaskError(f.name, f.message, f.props);
const heap = (l: WorkerLimits) => ({ maxOldGenerationSizeMb: l.memoryMb ?? WORKER_MEMORY_MB });
const fileTooLarge = () => new InputRejectedError('文件过大，无法处理，请拆分后重试');
/** A worker that died: at its memory limit (Node's ERR_WORKER_OUT_OF_MEMORY) the caller's message, else the error. */
const crashed = (e: Error, l: WorkerLimits): Error =>
  (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? (l.outOfMemory ?? fileTooLarge)(l.memoryMb ?? WORKER_MEMORY_MB) : e;

/**
 * A stream of items from a worker thread (`streamInWorker`): iterate it (`next()` gives each item, then
 * `{ done: true, value }` with the generator's return value); `call` another export of the same module in
 * the same worker (state the stream left there); `close()` ends the worker (also mid-stream: a cancel).
 */
export interface WorkerStream<I, R> extends AsyncIterator<I, R> {
  call<T>(fn: string, args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

type StreamMessage =
  | { item: unknown }
  | { ok: true; done: true; value: unknown }
  | { ok: false; error: WorkerFailure }
  | { reply: number; ok: true; value: unknown }
  | { reply: number; ok: false; error: WorkerFailure };

/**
 * Runs an async generator `fn` exported by the module at `moduleUrl` in a worker thread and streams its
 * items back (structured-cloned), the worker at most a few items ahead of the caller (it waits for the
 * caller to take them: memory stays bounded when the consumer, e.g. a COPY to the database, is slower).
 * Errors are rebuilt as in `runInWorker`. The worker lives until `close()` (call it in a `finally`).
 *
 * @example
 *   const s = streamInWorker<Chunk, Summary>(new URL('./record-check.ts', import.meta.url), 'checkRecordFile', [name, buffer, setup]);
 *   try { for (let r = await s.next(); !r.done; r = await s.next()) use(r.value); } finally { await s.close(); }
 */
export function streamInWorker<I, R>(moduleUrl: URL, fn: string, args: unknown[], limits: WorkerLimits = {}): WorkerStream<I, R> {
  const w = new Worker(BOOT, { workerData: { moduleUrl: moduleUrl.href, fn, args, stream: true }, resourceLimits: heap(limits) });
  const queue: Array<IteratorResult<I, R> | Error> = [];
  let waiting: { resolve: (r: IteratorResult<I, R>) => void; reject: (e: Error) => void } | null = null;
  const replies = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failed: Error | null = null;
  let closed = false;
  const deliver = (r: IteratorResult<I, R> | Error) => {
    if (waiting) {
      const wt = waiting;
      waiting = null;
      if (r instanceof Error) wt.reject(r);
      else wt.resolve(r);
    } else queue.push(r);
  };
  w.on('message', (m: StreamMessage) => {
    if ('reply' in m) {
      const p = replies.get(m.reply);
      replies.delete(m.reply);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(rebuild(m.error));
    } else if ('item' in m) deliver({ done: false, value: m.item as I });
    else if (m.ok) deliver({ done: true, value: m.value as R });
    else deliver((failed = rebuild(m.error)));
  });
  w.once('error', (e) => {
    failed = crashed(e, limits);
    deliver(failed);
    for (const p of replies.values()) p.reject(failed);
    replies.clear();
  });
  return {
    next() {
      const r = queue.shift();
      if (r instanceof Error) return Promise.reject(r);
      if (r) {
        if (!r.done) w.postMessage({ ack: 1 });
        return Promise.resolve(r);
      }
      if (failed) return Promise.reject(failed);
      return new Promise<IteratorResult<I, R>>((resolve, reject) => {
        waiting = {
          resolve: (x) => {
            if (!x.done) w.postMessage({ ack: 1 });
            resolve(x);
          },
          reject,
        };
      });
    },
    call<T>(call: string, callArgs: unknown[]) {
      if (failed) return Promise.reject(failed);
      if (closed) return Promise.reject(new Error('worker closed'));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        replies.set(id, { resolve: resolve as (v: unknown) => void, reject });
        w.postMessage({ call, args: callArgs, id });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await w.terminate();
    },
  };
}
