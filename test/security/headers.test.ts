import { expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { describeStore } from '../db.js';

describeStore('security headers', (ctx) => {
  it('are on every response: CSP fitting the web app, nosniff, no framing, referrer policy; HSTS only for https', async () => {
    const app = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false });
    for (const url of ['/api/health', '/api/plan/plans', '/api/nowhere']) {
      const h = (await app.inject({ url })).headers;
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(String(h['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(String(h['content-security-policy'])).toContain("script-src 'self'");
      expect(h['x-frame-options']).toBe('SAMEORIGIN');
      expect(h['referrer-policy']).toBe('same-origin');
      expect(h['strict-transport-security']).toBeUndefined();
    }
    await app.close();
    const https = await buildApp({ db: ctx.db, dataDir: ctx.dataDir, serveWeb: false, publicUrl: new URL('https://yingshang.example.gov.cn') });
    expect((await https.inject({ url: '/api/health' })).headers['strict-transport-security']).toContain('max-age=31536000');
    await https.close();
  });
});
