import { describe, expect, it } from 'vitest';
import { InputRejectedError } from '../shared/index.js';
import { runInWorker, streamInWorker, WorkerTaskError } from './worker.js';

const HOG = new URL('../../test/fixtures/worker-hog.ts', import.meta.url);

describe('a worker at its heap limit', () => {
  it('a file parse is told 文件过大 by default', async () => {
    const e = await runInWorker(HOG, 'hog', [], 60_000, { memoryMb: 32 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputRejectedError);
    expect((e as Error).message).toBe('文件过大，无法处理，请拆分后重试');
  });

  it('a task that is not a file gets its own message, with the limit', async () => {
    const s = streamInWorker(HOG, 'hogStream', [], { memoryMb: 32, outOfMemory: (mb) => new Error(`计算线程超出内存上限（${mb} MB）`) });
    try {
      await expect(s.next()).rejects.toThrow('计算线程超出内存上限（32 MB）');
    } finally {
      await s.close();
    }
  });

  it('an error that is not the memory limit stays itself', async () => {
    const e = await runInWorker(HOG, 'missing', [], 60_000, { memoryMb: 32 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkerTaskError);
    expect((e as Error).name).toBe('TypeError'); // mod.missing is not a function
  });
});
