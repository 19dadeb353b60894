/**
 * What a failed browser test leaves behind (a vitest setup file, vitest.config.ts): for every chromium and server
 * the failing file started (`launchBrowser`, `startServer` in test/browser.ts register them here), each open page's
 * address and visible text (its main part: not the menu) and a screenshot under test-results/failures/, and the server's warnings, errors and
 * last lines, printed to the test output. A CI log is often all there is of a failure that does not repeat.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterEach } from 'vitest';

// On globalThis: vitest runs this setup file again for each test file while test/browser.ts, which registers, may
// stay loaded from an earlier file (isolate: false); both must see the same sets.
const shared = globalThis as typeof globalThis & { bizenvEvidence?: { browsers: Set<Browser>; servers: Set<{ url: string; output: () => string }> } };
shared.bizenvEvidence ??= { browsers: new Set(), servers: new Set() };
const { browsers, servers } = shared.bizenvEvidence;

/** Follows `b` until it closes. */
export function watchBrowser(b: Browser): void {
  browsers.add(b);
  b.on('disconnected', () => browsers.delete(b));
}

/** Follows `s` until `forget` is called (its stop). */
export function watchServer(s: { url: string; output: () => string }): () => void {
  servers.add(s);
  return () => servers.delete(s);
}

const DIR = path.resolve('test-results/failures');
const TEXT = 2500;
const LINES = 25;

/**
 * A server's output as a person reads it: its warnings and errors (pino level ≥ 40), then its last lines other than
 * the request log's (kept: the requests answered 4xx or 5xx).
 */
function serverTail(out: string): string {
  const lines = out.split('\n').filter(Boolean);
  const bad = lines.filter((l) => /"level":[4-6]\d/.test(l)).slice(-LINES);
  const told = lines.filter((l) => !/"msg":"(incoming request|request completed)"/.test(l) || /"statusCode":[45]\d\d/.test(l)).slice(-LINES);
  return [`warnings and errors (${bad.length}):`, ...bad, `last ${LINES} lines (requests only when refused or failed):`, ...told].join('\n');
}

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || (!browsers.size && !servers.size)) return;
  const name = `${path.basename(ctx.task.file?.name ?? 'test')}-${ctx.task.name}`.replace(/[^\w\u4e00-\u9fff.-]+/g, '_').slice(0, 120);
  const report: string[] = [`--- evidence of the failed test “${ctx.task.name}” ---`];
  fs.mkdirSync(DIR, { recursive: true });
  let n = 0;
  for (const b of browsers)
    for (const c of b.contexts())
      for (const p of c.pages()) {
        n++;
        const shot = path.join(DIR, `${name}-${n}.png`);
        await p.screenshot({ path: shot, fullPage: true, timeout: 10_000 }).catch(() => undefined);
        // biome-ignore lint/performance/useDomNodeTextContent: the text a person sees in the page's main part (hidden parts and the menu left out)
        const text = await p.evaluate(() => (document.querySelector('main') ?? document.body)?.innerText ?? '').catch((e: Error) => `(no text: ${e.message})`);
        report.push(`page ${n}: ${p.url()} (viewport ${p.viewportSize()?.width ?? '?'} px; screenshot ${shot})`, text.replace(/\s+/g, ' ').slice(0, TEXT));
      }
  for (const s of servers) report.push(`server ${s.url}:`, serverTail(s.output()));
  console.error(report.join('\n'));
});
