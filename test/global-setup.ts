import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEmbedded, migrateToLatest } from '../src/db/index.js';
import { refreshCalendarTable } from '../src/calendar/index.js';

const migrationsDir = path.resolve('src/db/migrations');
const calendarDataDir = path.resolve('src/calendar/data');

/** A hash of the migrations and calendar data: the cached template is rebuilt whenever they change. */
function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  for (const dir of [migrationsDir, calendarDataDir]) {
    for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Prepares migrated template databases once per run: a PGlite data directory (creating one takes
 * seconds, copying it a fraction of that) and, when TEST_DATABASE_URL is set, a PostgreSQL template
 * database that each test clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const hash = migrationsHash();
  const pgliteTemplate = path.join(os.tmpdir(), `bizenv-pglite-template-${hash}`);
  if (!fs.existsSync(path.join(pgliteTemplate, 'READY'))) {
    fs.rmSync(pgliteTemplate, { recursive: true, force: true });
    const h = await openEmbedded(path.join(pgliteTemplate, 'pgdata'));
    await migrateToLatest(h.db);
    await refreshCalendarTable(h.db);
    await h.close();
    fs.writeFileSync(path.join(pgliteTemplate, 'READY'), hash);
  }
  project.provide('pgliteTemplate', pgliteTemplate);

  const url = process.env.TEST_DATABASE_URL;
  let pgTemplate = '';
  if (url) {
    pgTemplate = `bizenv_tpl_${hash}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [pgTemplate]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${pgTemplate}`);
      const u = new URL(url);
      u.pathname = `/${pgTemplate}`;
      const { openDatabase } = await import('../src/db/index.js');
      const h = await openDatabase({ databaseUrl: u.toString(), dataDir: os.tmpdir() });
      try {
        await migrateToLatest(h.db);
        await refreshCalendarTable(h.db);
      } catch (e) {
        await h.close();
        await admin.query(`drop database ${pgTemplate}`);
        await admin.end();
        throw e;
      }
      await h.close();
    }
    await admin.end();
  } else if (process.env.CI) {
    throw new Error('CI must run the store tests on PostgreSQL too: set TEST_DATABASE_URL (see .ci/run)');
  }
  project.provide('pgTemplate', pgTemplate);

  // This run's prepared data directories (test/browser.ts `prepared`: the sample plan, the demo data), each built
  // once by the first test file that needs it and copied by the others; removed when the run ends. Not kept across
  // runs: what they hold depends on the code under test, not only on the migrations.
  const preparedRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-prepared-'));
  project.provide('preparedRoot', preparedRoot);
  return () => fs.rmSync(preparedRoot, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    preparedRoot: string;
  }
}
