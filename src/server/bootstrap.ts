import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { createUser, activeAccountIdsByRole, findAccountId } from '../auth/index.js';
import { findPlan, importPlan, parsePlanFile } from '../plan/index.js';

export const SAMPLE_PLAN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples/plans/yuzhong-2021-business-environment-plan.txt');

/**
 * First start on an empty database: imports the sample plan (the real 渝中府办〔2021〕16号, kept in
 * samples/) and creates the `admin` account. Its password is BIZENV_ADMIN_PASSWORD or a random one,
 * printed once and written to <dataDir>/initial-admin-password.txt (readable by the owner only).
 */
export async function bootstrap(db: Kysely<Database>, o: { dataDir: string; adminPassword?: string }, log: (s: string) => void): Promise<void> {
  const { dataDir } = o;
  await importSamplePlanIfEmpty(db, log);
  // An administrator is made unless one exists (demo data loaded before the first start has no admin).
  if ((await activeAccountIdsByRole(db, ['admin'])).length === 0 && (await findAccountId(db, 'admin')) === undefined) {
    const password = o.adminPassword || `Bz${crypto.randomBytes(9).toString('base64url')}9`;
    // A generated password is only a first key: it must be changed at the first login.
    await createUser(db, { account: 'admin', name: '系统管理员', role: 'admin', password, mustChangePassword: !o.adminPassword, actor: 'system' });
    if (!o.adminPassword) {
      fs.mkdirSync(dataDir, { recursive: true });
      const f = path.join(dataDir, 'initial-admin-password.txt');
      fs.writeFileSync(f, `${password}\n`, { mode: 0o600 });
      log(`created account admin; its password is in ${f}`);
    } else log('created account admin with the password from BIZENV_ADMIN_PASSWORD');
  }
}

/** Imports the sample plan when the database has no plan yet; returns the id of the latest plan. */
export async function importSamplePlanIfEmpty(db: Kysely<Database>, log: (s: string) => void): Promise<number> {
  const latest = await findPlan(db);
  if (latest) return latest.id;
  const plan = await parsePlanFile(SAMPLE_PLAN);
  const r = await importPlan(db, { plan, sourceName: path.basename(SAMPLE_PLAN), sourceKind: 'txt', actor: 'system' });
  log(`imported the sample plan ${plan.docNumber} (plan ${r.planId})`);
  return r.planId;
}
