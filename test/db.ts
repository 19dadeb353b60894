import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, openEmbedded, type DatabaseHandle } from '../src/db/index.js';

export type Backend = 'pglite' | 'postgres';

export interface TestDatabase extends DatabaseHandle {
  /** A private directory for files the code under test stores (evidence, uploads). */
  dataDir: string;
}

/** A fresh, migrated database of the given backend, removed again by `close()`. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  const id = crypto.randomBytes(6).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bizenv-test-${id}-`));
  if (backend === 'pglite') {
    fs.cpSync(path.join(inject('pgliteTemplate'), 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
    const h = await openEmbedded(path.join(dataDir, 'pgdata'));
    return {
      ...h,
      dataDir,
      close: async () => {
        await h.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `bizenv_t_${id}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const h = await openDatabase({ databaseUrl: u.toString(), dataDir });
  return {
    ...h,
    dataDir,
    close: async () => {
      await h.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The backends this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is set (CI sets it). */
export const backends: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * Runs a store test suite once per backend, each with its own fresh database.
 * Usage: describeStore('plan store', (ctx) => { it('…', async () => { ctx.db … }) })
 */
export function describeStore(name: string, body: (ctx: TestDatabase) => void): void {
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      const ctx = {} as TestDatabase;
      beforeAll(async () => {
        Object.assign(ctx, await createTestDatabase(backend));
      });
      afterAll(async () => {
        await ctx.close?.();
      });
      body(ctx);
    });
  }
}
