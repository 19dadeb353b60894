import { readConfig } from '../config/index.js';

/** The database part of the configuration (see src/config). */
export interface DbConfig {
  /** A real PostgreSQL server; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Directory for the embedded database and stored files. */
  dataDir: string;
}

export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const c = readConfig(env);
  return { databaseUrl: c.databaseUrl, dataDir: c.dataDir };
}
