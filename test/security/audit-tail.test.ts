import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { checkpointStore, readAuditCheckpoints, recordAudit, verifyAuditLog, writeAuditCheckpoint } from '../../src/audit/index.js';
import { describeStore } from '../db.js';

describeStore('audit chain anchored outside the database', (ctx) => {
  const entry = (i: number) => ({ actor: 'office1', action: 'ledger.task.update', entity: 'task', entityId: i, after: { progress: i } });

  it('detects the deletion of the newest rows and a rewritten tail; a forged checkpoint is not trusted', async () => {
    const store = checkpointStore(ctx.dataDir);
    for (let i = 1; i <= 4; i++) await ctx.db.transaction().execute((trx) => recordAudit(trx, entry(i)));
    await writeAuditCheckpoint(ctx.db, store, 'test');
    expect(fs.statSync(store.keyFile).mode & 0o777).toBe(0o600);
    const verify = async () => verifyAuditLog(ctx.db, { checkpoints: readAuditCheckpoints(store).checkpoints });
    expect(await verify()).toMatchObject({ ok: true, checked: 4, checkpoints: 1 });

    // Deleting the newest row leaves a valid chain: only the checkpoint shows it.
    const newest = await ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await ctx.db.deleteFrom('audit_log').where('id', '=', newest.id).execute();
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
    expect(await verify()).toMatchObject({ ok: false, problem: { reason: expect.stringContaining('已不存在') } });

    // Rewriting the tail (delete, append a new chained row) is detected too.
    await ctx.db.transaction().execute((trx) => recordAudit(trx, entry(99)));
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
    expect((await verify()).ok).toBe(false);

    // Put the original row back: the chain and the checkpoint agree again.
    await ctx.db.deleteFrom('audit_log').where('id', '>', newest.id).execute();
    await sql`insert into audit_log select * from json_populate_record(null::audit_log, ${JSON.stringify(newest)}::json)`.execute(ctx.db);
    expect(await verify()).toMatchObject({ ok: true, checked: 4 });

    // A checkpoint line written without the key is not trusted.
    const forged = { count: 3, lastId: 3, hash: 'f'.repeat(64), at: new Date().toISOString(), reason: 'forged', mac: '00'.repeat(32) };
    fs.appendFileSync(store.file, `${JSON.stringify(forged)}\n`);
    const read = readAuditCheckpoints(store);
    expect(read.invalid).toEqual([2]);
    expect(read.checkpoints).toHaveLength(1);
    expect(path.dirname(store.file)).toBe(ctx.dataDir);
  });
});
