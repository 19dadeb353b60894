/**
 * The real server for the load benchmarks (`bizenv start` on a free loopback port, as `npm start` runs it, in
 * production mode with warnings only), shared by load.bench.ts and helpdesk-load.bench.ts.
 */
import { spawnServer } from '../test/server-process.js';

/** Starts the server with `env` and waits (at most 120 s) until /api/health answers. */
export async function startServer(env: Record<string, string>): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  return spawnServer({ ...env, LOG_LEVEL: 'warn', NODE_ENV: 'production' }, 120_000);
}
