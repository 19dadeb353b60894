/**
 * Loading the server while heavy work runs (import-load.bench.ts, match-load.bench.ts): autocannon's callback form,
 * whose run can be stopped when the work ends, and an admin session for starting that work.
 */
import { createRequire } from 'node:module';

/** The part of autocannon's API used here (the package has no types; loaded through require). */
interface CannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Cannon = (
  o: { url: string; connections: number; duration: number; timeout: number },
  cb: (err: Error | null, r: CannonResult) => void,
) => { stop(): void };
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

export interface Load {
  p99: number;
  p50: number;
  rps: number;
  errors: number;
}

/** Loads one URL for `seconds`, or until `until` resolves; its latency percentiles, rate and errors. */
export function load(url: string, connections: number, seconds: number, until?: Promise<unknown>): Promise<Load> {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ url, connections, duration: seconds, timeout: 120 }, (err, r) => {
      if (err) reject(err);
      else resolve({ p99: r.latency.p99, p50: r.latency.p50, rps: r.requests.average, errors: r.errors + r.timeouts + r.non2xx });
    });
    void until?.then(() => inst.stop());
  });
}

/** The admin's session headers (cookie and CSRF token) on the server at `url`. */
export async function adminSession(url: string, password: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'admin', password }),
  });
  if (!res.ok) throw new Error(`login: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = await import('../src/server/csrf.js');
  return { cookie, 'x-csrf-token': csrfToken(cookie.replace(/^bizenv_session=/, '')) };
}
