/**
 * First load of the public plan page (`npm run bench -- first-load`).
 *
 * Method: builds the web front end (unless BENCH_NO_BUILD=1), starts the real server
 * (`bizenv start`, fresh embedded database with the sample plan; test/browser.ts startServer) and
 * opens `/plan` in chromium (playwright-core) in a new browser context each time (fresh cache,
 * no cookies: a visitor's first visit), at 1440 px and 390 px unthrottled, and at 390 px on a
 * throttled phone network (Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down,
 * 750 kbit/s up, set through CDP). RUNS runs each, the median is reported.
 *
 * Recorded per run, from the Chrome DevTools Protocol's network events: transferred bytes (sum of
 * `Network.loadingFinished.encodedDataLength`, i.e. as sent over the wire, headers included),
 * split into script / css / json / other by the response's resource type and MIME type; the number
 * of requests; from the page's own clock (navigation start = `performance.timeOrigin`): the time
 * until the first `/api/plan/` answer has been received (resource timing `responseEnd`), and until
 * the outline is visible (a MutationObserver installed before any script runs notes when the first
 * measure's link is in the document). Bytes and requests are counted once the section chart is drawn
 * and the network is idle (so they include ECharts, fetched on demand).
 *
 * Baselines, measured in the same run:
 * - times: chromium opening `/api/health` (a 11-byte JSON answer, no script) in a fresh context of the
 *   same browser just before each load, from navigation start to its response end (the browser's
 *   and server's fixed cost of one round trip under the same load; never throttled);
 *   ratio = baseline ÷ measured (higher is better; 1 would be "as fast as one empty request").
 * - bytes: the JSON the plan page needs (the answers of /api/auth/me, /api/plan/plans, the outline
 *   and /api/plan/units) fetched uncompressed by Node; ratio = baseline ÷ measured (1 would mean the
 *   page costs no more than its data).
 * - requests: the number of those data requests (4); ratio = baseline ÷ measured.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser, startServer, haveChromium } from '../test/browser.js';
import type { BenchResult } from './types.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Load {
  /** The baseline, taken in the same browser just before: /api/health in a fresh context. */
  health: number;
  bytes: { script: number; css: number; json: number; other: number; total: number };
  requests: number;
  firstData: number;
  outline: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Watches the outline's first measure link appear, from before any of the page's scripts run. */
const OUTLINE_WATCH = `(() => {
  const seen = () => document.querySelector('[data-testid^="measure-link-"]');
  const mark = () => { if (!window.__outlineAt && seen()) { window.__outlineAt = performance.now(); } };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
})();`;

async function recordNetwork(cdp: CDPSession) {
  const kind = new Map<string, string>();
  const bytes = { script: 0, css: 0, json: 0, other: 0, total: 0 };
  let requests = 0;
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', () => {
    requests++;
  });
  cdp.on('Network.responseReceived', (e) => {
    const mime = e.response.mimeType;
    kind.set(
      e.requestId,
      e.type === 'Script' || mime.includes('javascript')
        ? 'script'
        : e.type === 'Stylesheet' || mime === 'text/css'
          ? 'css'
          : mime.includes('json')
            ? 'json'
            : 'other',
    );
  });
  cdp.on('Network.loadingFinished', (e) => {
    const k = (kind.get(e.requestId) ?? 'other') as keyof typeof bytes;
    bytes[k] += e.encodedDataLength;
    bytes.total += e.encodedDataLength;
  });
  return () => ({ bytes: { ...bytes }, requests });
}

async function throttle(cdp: CDPSession) {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
}

async function openPlan(url: string, width: number, slow: boolean): Promise<Load> {
  const browser = await launchBrowser();
  try {
    const health = await openHealth(browser, url);
    const ctx = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 844 } });
    const page: Page = await ctx.newPage();
    await page.addInitScript(OUTLINE_WATCH);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    const net = await recordNetwork(cdp);
    if (slow) await throttle(cdp);
    await page.goto(`${url}/plan`, { waitUntil: 'load', timeout: 180_000 });
    await page.waitForFunction(() => (window as unknown as { __outlineAt?: number }).__outlineAt, undefined, { timeout: 180_000 });
    // The section chart (ECharts is fetched when it is drawn), then nothing more in flight.
    await page.locator('canvas').first().waitFor({ timeout: 180_000 });
    await page.waitForLoadState('networkidle', { timeout: 180_000 });
    const t = await page.evaluate(() => {
      const plan = performance
        .getEntriesByType('resource')
        .filter((r) => r.name.includes('/api/plan/'))
        .map((r) => (r as PerformanceResourceTiming).responseEnd);
      return { firstData: Math.min(...plan), outline: (window as unknown as { __outlineAt: number }).__outlineAt };
    });
    const n = net();
    await ctx.close();
    return { health, ...n, ...t };
  } finally {
    await browser.close();
  }
}

async function openHealth(browser: Browser, url: string): Promise<number> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${url}/api/health`);
  const t = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd);
  await ctx.close();
  return t;
}

/** The page's data as JSON, uncompressed: what a page could not load with less. */
async function dataBytes(url: string): Promise<number> {
  const get = async (p: string) => Buffer.byteLength(await (await fetch(url + p, { headers: { 'accept-encoding': 'identity' } })).text());
  const plans = (await (await fetch(`${url}/api/plan/plans`)).json()) as { id: number }[];
  const id = plans[0]!.id;
  const parts = await Promise.all(['/api/auth/me', '/api/plan/plans', `/api/plan/plans/${id}`, `/api/plan/units?planId=${id}`].map(get));
  return parts.reduce((a, b) => a + b, 0);
}

export async function firstLoadBench(): Promise<BenchResult[]> {
  if (!haveChromium) {
    console.log('  chromium not found (CHROMIUM_PATH): first-load benchmark skipped');
    return [];
  }
  if (process.env.BENCH_NO_BUILD !== '1') execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = await startServer();
  try {
    const out: BenchResult[] = [];
    const data = await dataBytes(server.url);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    for (const [label, width, slow] of [
      ['1440 px', 1440, false],
      ['390 px', 390, false],
      ['390 px, slow phone network', 390, true],
    ] as const) {
      const runs: Load[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await openPlan(server.url, width, slow));
      const m = (f: (l: Load) => number) => median(runs.map(f));
      const base = m((l) => l.health);
      const total = m((l) => l.bytes.total);
      const requests = m((l) => l.requests);
      const firstData = m((l) => l.firstData);
      const outline = m((l) => l.outline);
      const split = `script ${kb(m((l) => l.bytes.script))}, css ${kb(m((l) => l.bytes.css))}, json ${kb(m((l) => l.bytes.json))}, other ${kb(m((l) => l.bytes.other))}`;
      out.push(
        {
          name: `plan page ${label}: transferred ${kb(total)}`,
          baseline: `the page's JSON data uncompressed (${kb(data)})`,
          ratio: data / total,
          note: `${split}; median of ${RUNS}`,
        },
        {
          name: `plan page ${label}: requests ${requests}`,
          baseline: 'the 4 data requests the page needs',
          ratio: 4 / requests,
          note: `median of ${RUNS}`,
        },
        {
          name: `plan page ${label}: navigation → first /api/plan answer`,
          seconds: firstData / 1000,
          baseline: `chromium opening /api/health (${base.toFixed(0)} ms)`,
          ratio: base / firstData,
          note: `runs ${runs.map((l) => l.firstData.toFixed(0)).join(', ')} ms`,
        },
        {
          name: `plan page ${label}: navigation → outline visible`,
          seconds: outline / 1000,
          baseline: `chromium opening /api/health (${base.toFixed(0)} ms)`,
          ratio: base / outline,
          note: `runs ${runs.map((l) => l.outline.toFixed(0)).join(', ')} ms`,
        },
      );
    }
    return out;
  } finally {
    await server.stop();
  }
}
