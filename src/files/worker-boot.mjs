// Bootstrap of a parsing worker thread (src/files/worker.ts): the TypeScript sources run through tsx
// in workers as in the main thread; then the task module is imported and its function called.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { moduleUrl, fn, args } = workerData;
try {
  const mod = await import(moduleUrl);
  parentPort.postMessage({ ok: true, value: await mod[fn](...args) });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  parentPort.postMessage({ ok: false, error: { name: err.name, message: err.message, props: { ...err } } });
}
