import { expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { AccountLockedError, createUser, login, userForToken, hashPassword, verifyPassword, passwordProblem, MAX_FAILED_LOGINS } from './index.js';
import { InputRejectedError, UnauthorizedError, ConflictError } from '../shared/index.js';

it('hashes passwords with scrypt and a random salt', async () => {
  const a = await hashPassword('Secret123');
  const b = await hashPassword('Secret123');
  expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
  expect(a).not.toBe(b);
  expect(await verifyPassword('Secret123', a)).toBe(true);
  expect(await verifyPassword('Secret124', a)).toBe(false);
  expect(passwordProblem('short1')).toBe('密码至少12位');
  expect(passwordProblem('onlylettersonly')).toBe('密码须同时包含字母和数字');
  expect(passwordProblem('Passw0rd2024!')).toBe('密码过于常见，请换一个');
  expect(passwordProblem('Qwerty123456')).toBe('密码过于常见，请换一个');
  expect(passwordProblem('woaini1314520')).toBe('密码过于常见，请换一个');
  expect(passwordProblem('wang-2026-secret', 'wang')).toBe('密码不能包含账号名');
  expect(passwordProblem('Jiefangbei-2026')).toBeNull();
});

describeStore('accounts and sessions', (ctx) => {
  it('creates accounts with their units, refusing duplicates and unknown units', async () => {
    await ctx.db
      .insertInto('unit')
      .values([
        { name: '区市场监管局', kind: 'department' },
        { name: '区税务局', kind: 'vertical' },
      ])
      .execute();
    const u = await createUser(ctx.db, {
      account: 'wang',
      name: '王五',
      role: 'unit_staff',
      password: 'Qingshan-2026x',
      unitNames: ['区市场监管局'],
      actor: 'test',
    });
    expect(u).toMatchObject({ account: 'wang', role: 'unit_staff' });
    expect(u.unitIds).toHaveLength(1);
    await expect(createUser(ctx.db, { account: 'wang', name: 'x', role: 'office', password: 'Qingshan-2026x', actor: 'test' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      createUser(ctx.db, { account: 'lisi', name: 'x', role: 'unit_staff', password: 'Jialing-river-2026', unitNames: ['区不存在局'], actor: 'test' }),
    ).rejects.toBeInstanceOf(InputRejectedError);
    await expect(createUser(ctx.db, { account: 'lisi', name: 'x', role: 'unit_staff', password: 'Jialing-river-2026', actor: 'test' })).rejects.toThrow(
      '单位工作人员须至少属于一个单位',
    );
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).not.toContain('Qingshan-2026x');
  });

  it('logs in, expires sessions, and locks an account after repeated failures', async () => {
    const t0 = new Date('2026-03-02T09:00:00+08:00');
    const r = await login(ctx.db, { account: 'wang', password: 'Qingshan-2026x', now: t0 });
    expect(await userForToken(ctx.db, r.token, t0)).toMatchObject({ account: 'wang' });
    expect(await userForToken(ctx.db, r.token, new Date(t0.getTime() + 8 * 3600_000 + 1))).toBeNull();
    expect(await userForToken(ctx.db, 'forged-token', t0)).toBeNull();
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      await expect(login(ctx.db, { account: 'wang', password: 'wrong', now: t0 })).rejects.toBeInstanceOf(UnauthorizedError);
    }
    await expect(login(ctx.db, { account: 'wang', password: 'wrong', now: t0 })).rejects.toBeInstanceOf(AccountLockedError);
    // Locked: even the right password is refused for 15 minutes, then accepted.
    await expect(login(ctx.db, { account: 'wang', password: 'Qingshan-2026x', now: new Date(t0.getTime() + 14 * 60_000) })).rejects.toBeInstanceOf(
      AccountLockedError,
    );
    await expect(login(ctx.db, { account: 'wang', password: 'Qingshan-2026x', now: new Date(t0.getTime() + 16 * 60_000) })).resolves.toMatchObject({
      user: { account: 'wang' },
    });
    await expect(login(ctx.db, { account: 'nobody', password: 'x', now: t0 })).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
