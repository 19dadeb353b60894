// Bootstrap of a worker thread (src/files/worker.ts): the TypeScript sources run through tsx in workers as
// in the main thread; then the task module is imported and its function called.
// - one call (`runInWorker`): the function's result is posted once;
// - a stream (`streamInWorker`): the function is an async generator; each item is posted as it comes, at
//   most WINDOW ahead of what the caller has taken (it acknowledges each item), then its return value.
//   Until the caller ends the worker, it may call other exports of the module (`call`), e.g. to ask the
//   state the stream left behind.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const WINDOW = 4;
const { moduleUrl, fn, args, stream } = workerData;
const failure = (e) => {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, props: { ...err } };
};
if (!stream) {
  try {
    const mod = await import(moduleUrl);
    parentPort.postMessage({ ok: true, value: await mod[fn](...args) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: failure(e) });
  }
} else {
  let credit = WINDOW;
  let wake = null;
  let mod = null;
  parentPort.on('message', async (m) => {
    if (m.ack) {
      credit++;
      wake?.();
      wake = null;
      return;
    }
    try {
      parentPort.postMessage({ reply: m.id, ok: true, value: await mod[m.call](...m.args) });
    } catch (e) {
      parentPort.postMessage({ reply: m.id, ok: false, error: failure(e) });
    }
  });
  try {
    mod = await import(moduleUrl);
    const it = mod[fn](...args);
    for (;;) {
      const r = await it.next();
      if (r.done) {
        parentPort.postMessage({ ok: true, done: true, value: r.value });
        break;
      }
      while (credit <= 0) await new Promise((resolve) => (wake = resolve));
      credit--;
      parentPort.postMessage({ item: r.value });
    }
  } catch (e) {
    parentPort.postMessage({ ok: false, error: failure(e) });
  }
}
