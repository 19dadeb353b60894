import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { describeStore } from './db.js';

/** A web build of our own: index.html, a hashed chunk with its .br/.gz copies (as vite-plugin-compression2 writes them). */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');
  const js = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `页面${i}`))};\n`;
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), js);
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123.js.gz'), zlib.gzipSync(js));
  return dir;
}

describeStore('serving the web front end', (ctx) => {
  it('sends hashed assets precompressed and cached for good, index.html revalidated, the SPA fallback, and files of a later build', async () => {
    const dir = fakeBuild();
    const app = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, webDir: dir });
    try {
      const js = fs.readFileSync(path.join(dir, 'assets', 'index-AbC123.js'), 'utf8');
      const br = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toContain('javascript');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(js);

      const gz = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);

      const plain = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(js);

      for (const url of ['/', '/plan', '/policies/3']) {
        const page = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain('/assets/index-AbC123.js');
        expect(page.headers['cache-control'], url).toBe('no-cache');
        // The security headers stay on the page (test/security/headers.test.ts checks them in full).
        expect(String(page.headers['content-security-policy']), url).toContain("script-src 'self'");
      }
      expect((await app.inject({ url: '/api/nowhere' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/assets/gone-Zz9.js' })).statusCode).toBe(404);

      // A rebuild while the server runs: its new files are served (no list of files taken at start).
      fs.writeFileSync(path.join(dir, 'assets', 'plan-page-New456.js'), 'export const x = 1;\n');
      const later = await app.inject({ url: '/assets/plan-page-New456.js' });
      expect(later.statusCode).toBe(200);
      expect(later.body).toBe('export const x = 1;\n');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compresses JSON answers above 1 KB when the client accepts it, and leaves small ones alone', async () => {
    const app = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false });
    try {
      const big = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
      expect(big.statusCode).toBe(200);
      expect(big.headers['content-encoding']).toBe('br');
      const text = zlib.brotliDecompressSync(big.rawPayload).toString();
      expect(JSON.parse(text).openapi).toMatch(/^3\./);
      expect(big.rawPayload.length).toBeLessThan(text.length / 3);
      const gz = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString()).openapi).toMatch(/^3\./);
      const none = await app.inject({ url: '/api/openapi.json' });
      expect(none.headers['content-encoding']).toBeUndefined();
      const small = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.json()).toEqual({ ok: true });
    } finally {
      await app.close();
    }
  });
});
