import { Writable } from 'node:stream';
import { zipSync } from 'fflate';
import pino from 'pino';
import { expect, it } from 'vitest';
import { loginAs, samplePlanApp } from '../app.js';
import { describeStore } from '../db.js';

/** Compressed once per entry and size (1.4 s each under load) and shared by both backends' runs. */
const compressed = new Map<string, Uint8Array>();

/** A zip whose one entry inflates to `bytes` zeros; `lie` patches its declared sizes to 1 byte (in a copy). */
function bomb(entry: string, bytes: number, lie: boolean): Buffer {
  const key = `${entry}\n${bytes}`;
  if (!compressed.has(key)) compressed.set(key, zipSync({ [entry]: new Uint8Array(bytes) }, { level: 9 }));
  const z = compressed.get(key)!.slice();
  if (lie) {
    const v = new DataView(z.buffer, z.byteOffset, z.byteLength);
    for (let i = 0; i < z.length - 4; i++) {
      if (v.getUint32(i, true) === 0x04034b50) v.setUint32(i + 22, 1, true);
      if (v.getUint32(i, true) === 0x02014b50) v.setUint32(i + 24, 1, true);
    }
  }
  return Buffer.from(z);
}

describeStore('zip bombs sent to a running server', (ctx) => {
  it('are refused in under a second each, while the server keeps answering other requests', async () => {
    // The server's error lines, so that an unexpected 500 names its cause in the failure message.
    const logged: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    const { app } = await samplePlanApp(ctx, { logger: pino({ level: 'error' }, sink) });
    const office = await loginAs(app, ctx, { account: 'office-bomb', role: 'office' });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const headers = { cookie: office.cookie, 'x-csrf-token': office['x-csrf-token'] };
    const upload = (url: string, name: string, content: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)]), name);
      return fetch(`${base}${url}`, { method: 'POST', headers, body: form });
    };
    const cases = [
      { url: '/api/enterprises/import', name: '企业.xlsx', content: bomb('xl/worksheets/sheet1.xml', 160 * 1024 * 1024, false) },
      { url: '/api/enterprises/import', name: '企业.xlsx', content: bomb('xl/worksheets/sheet1.xml', 160 * 1024 * 1024, true) },
      { url: '/api/plan/plans', name: '方案.docx', content: bomb('word/document.xml', 160 * 1024 * 1024, false) },
      { url: '/api/plan/plans', name: '方案.docx', content: bomb('word/document.xml', 160 * 1024 * 1024, true) },
    ];
    for (const c of cases) {
      const health: number[] = [];
      let done = false;
      const poll = (async () => {
        while (!done) {
          const t = performance.now();
          await fetch(`${base}/api/health`);
          health.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      const t0 = performance.now();
      const res = await upload(c.url, c.name, c.content);
      const took = performance.now() - t0;
      done = true;
      await poll;
      const body = (await res.json()) as { error: { message: string } };
      expect(res.status, `${c.name}: ${body.error.message} ${logged.join('')}`).toBe(400);
      expect(body.error.message).toMatch(/解压后超过 64 MB|与声明不符/);
      expect(took, `${c.url} ${c.name}`).toBeLessThan(1000);
      expect(health.length).toBeGreaterThan(0);
      expect(Math.max(...health)).toBeLessThan(1000);
    }
    await app.close();
  }, 120_000);
});
