import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../config/index.js';
import { checkpointStore, writeAuditCheckpoint } from '../audit/index.js';
import { indicatorJobs, recomputeStale } from '../indicators/index.js';
import { enterpriseJobs } from '../enterprises/index.js';
import { ledgerBackgroundJobs, ledgerJobs, sweepOrphanEvidence } from '../ledger/index.js';
import { requestJobs, sweepOrphanAttachments } from '../requests/index.js';
import { inspectionJobs, sweepOrphanEvidenceFiles, useCreditClassesForDraws } from '../inspections/index.js';
import { financeJobs } from '../finance/index.js';
import { planJobs } from '../plan/index.js';
import { policyJobs } from '../policies/index.js';
import { defineJob, startJobs } from '../jobs/index.js';
import { migrateToLatest, openDatabase } from '../db/index.js';
import { refreshCalendarTable } from '../calendar/index.js';
import { buildApp } from './app.js';
import { inspectionIndicatorFeedJob } from './inspection-indicator-feed.js';
import { requestIndicatorFeedJob } from './request-indicator-feed.js';
import { bootstrap } from './bootstrap.js';
import { createLogger } from './logger.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds web/dist when it is missing (first `npm start` on a fresh clone). */
export function ensureWebBuilt(log: (s: string) => void): void {
  if (fs.existsSync(path.join(root, 'web/dist/index.html'))) return;
  log('building the web front end (first start)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the web front end failed (see the output above)');
}

export interface ServeParams {
  firstRun: boolean;
}

export async function serve(p: ServeParams): Promise<void> {
  const log = (s: string) => console.log(`bizenv: ${s}`);
  if (p.firstRun) ensureWebBuilt(log);
  const config = readConfig(); // ConfigError names the variable; bin/bizenv.js prints it
  const h = await openDatabase(config);
  await migrateToLatest(h.db);
  // The SQL calendar table (working-day ordinals) follows the bundled and loaded years.
  await refreshCalendarTable(h.db);
  if (p.firstRun) await bootstrap(h.db, { dataDir: config.dataDir, adminPassword: config.adminPassword }, log);
  // Anchor the audit chain outside the database at every start and daily (src/audit/checkpoints.ts).
  const checkpoints = checkpointStore(config.dataDir, config.auditKeyFile);
  await writeAuditCheckpoint(h.db, checkpoints, 'start');
  const auditCheckpointJob = defineJob({
    name: 'audit.checkpoint',
    label: '审计日志每日存证',
    defaultCron: '10 0 * * *',
    run: async ({ db }) => {
      const c = await writeAuditCheckpoint(db, checkpoints, 'daily');
      return { text: `已写入审计日志存证（共 ${c.count} 条记录，链头已签名）` };
    },
  });
  const app = await buildApp({
    db: h.db,
    dataDir: config.dataDir,
    logger: createLogger(config),
    checkResponses: config.checkResponses,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    auditKeyFile: config.auditKeyFile,
  });
  useCreditClassesForDraws(); // 双随机 draws stratify by the credit class in force (src/inspections)
  // Scheduled and background jobs (src/jobs): off in a process that leaves them to another (BIZENV_JOBS=off).
  const jobs = config.jobs
    ? await startJobs(h, {
        logger: app.log,
        dataDir: config.dataDir,
        jobs: [
          auditCheckpointJob,
          ...ledgerJobs,
          ...requestJobs,
          requestIndicatorFeedJob,
          ...inspectionJobs,
          inspectionIndicatorFeedJob,
          ...indicatorJobs,
          ...enterpriseJobs,
          ...financeJobs,
          ...planJobs,
          ...ledgerBackgroundJobs,
          ...policyJobs,
        ],
      })
    : undefined;
  const shutdown = async () => {
    await jobs?.stop();
    await app.close();
    await h.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  log(
    `serving http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port} (database: ${h.backend === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'}; API docs at /api/docs)`,
  );
  // Work a crash may have left: indicator results marked stale, evidence files no row refers to.
  void (async () => {
    const marks = await recomputeStale(h.db);
    if (marks.length) app.log.info({ marks }, 'recomputed stale indicator results');
    const removed = await sweepOrphanEvidence(h.db, config.dataDir);
    if (removed) app.log.info({ removed }, 'removed orphaned evidence files');
    const attachments = await sweepOrphanAttachments(h.db, config.dataDir);
    if (attachments) app.log.info({ removed: attachments }, 'removed orphaned request attachment files');
    const evidence = await sweepOrphanEvidenceFiles(h.db, config.dataDir);
    if (evidence) app.log.info({ removed: evidence }, 'removed orphaned inspection evidence files');
  })().catch((err) => app.log.error({ err }, 'start-up recovery failed'));
}
