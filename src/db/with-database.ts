import { readDbConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { migrateToLatest } from './migrate.js';

/** Opens the configured database, brings it to the latest schema, runs `fn`, closes it. */
export async function withDatabase<T>(fn: (h: DatabaseHandle & { dataDir: string }) => Promise<T>): Promise<T> {
  const config = readDbConfig();
  const h = await openDatabase(config);
  try {
    await migrateToLatest(h.db);
    return await fn({ ...h, dataDir: config.dataDir });
  } finally {
    await h.close();
  }
}

/** Who a command-line change is recorded as in the audit log (`cli:<login name>`). */
export function cliActor(): string {
  return `cli:${process.env.USER || process.env.LOGNAME || 'unknown'}`;
}
