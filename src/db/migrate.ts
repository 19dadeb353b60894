import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class MigrationFailedError extends Error {
  constructor(name: string, cause: unknown) {
    super(`migration ${name} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationFailedError';
  }
}

// Our own provider (not Kysely's FileMigrationProvider) so that the import goes through this
// module's loader: tsx at run time, Vite's transform under vitest.
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const out: Record<string, Migration> = {};
    const files = (await fs.readdir(migrationFolder)).filter((f) => /^\d.*\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    for (const f of files) out[f.replace(/\.(ts|js)$/, '')] = await import(pathToFileURL(path.join(migrationFolder, f)).href);
    return out;
  },
};

/**
 * Runs every migration in src/db/migrations (one file per change, named YYYYMMDDNN-what.ts,
 * applied in name order). Each capability adds its tables with its own migration file.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run on any schema (Kysely's documented practice)
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: folderProvider,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new MigrationFailedError(failed?.migrationName ?? '(unknown)', error);
  return (results ?? []).map((r) => r.migrationName);
}
