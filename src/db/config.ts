import path from 'node:path';

/** Runtime configuration read from the environment (see README, "Configuration"). */
export interface DbConfig {
  /** A real PostgreSQL server; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Directory for the embedded database and stored files. */
  dataDir: string;
}

export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.BIZENV_DATA_DIR || './data'),
  };
}
