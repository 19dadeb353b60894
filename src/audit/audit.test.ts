import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { recordAudit, verifyAuditLog } from './index.js';

describeStore('audit log', (ctx) => {
  it('chains entries and detects an altered or removed row', async () => {
    for (let i = 1; i <= 5; i++) {
      await ctx.db.transaction().execute((trx) =>
        recordAudit(trx, {
          actor: 'office1',
          action: 'ledger.task.update',
          entity: 'task',
          entityId: i,
          before: { progress: i * 10, note: '推进中' },
          after: { progress: i * 10 + 5, nested: { b: 2, a: [1, 2] } },
        }),
      );
    }
    expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, checked: 5 });

    const third = await ctx.db.selectFrom('audit_log').select(['id', 'after']).orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow();
    await sql`update audit_log set after = jsonb_set(after, '{progress}', '99') where id = ${third.id}`.execute(ctx.db);
    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: false, checked: 2, problem: { id: Number(third.id), reason: expect.stringContaining('被修改') } });
    await sql`update audit_log set after = ${JSON.stringify(third.after)}::jsonb where id = ${third.id}`.execute(ctx.db);
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);

    const second = await ctx.db.selectFrom('audit_log').select('id').orderBy('id').offset(1).limit(1).executeTakeFirstOrThrow();
    await ctx.db.deleteFrom('audit_log').where('id', '=', second.id).execute();
    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: false, checked: 1, problem: { reason: expect.stringContaining('被删除') } });
  });
});
