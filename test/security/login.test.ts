import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { createUser } from '../../src/auth/index.js';
import { createTestApp, loginAs, TEST_PASSWORD } from '../app.js';
import { describeStore } from '../db.js';

describeStore('login throttling and passwords', (ctx) => {
  const PASSWORD = 'Jiefangbei-2026';
  const attempt = (app: Awaited<ReturnType<typeof createTestApp>>, account: string, password: string, ip = '10.1.1.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { account, password }, remoteAddress: ip });

  it('100 parallel attempts, 99 wrong and then the right one, never log in: the count is atomic', async () => {
    const app = await createTestApp(ctx);
    await createUser(ctx.db, { account: 'zhao', name: '赵', role: 'office', password: PASSWORD, actor: 'test' });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(app, 'zhao', i === 99 ? PASSWORD : `wrong-${i}`)));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(answers.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
    expect((await attempt(app, 'zhao', PASSWORD)).statusCode).toBe(423);
    // Locked for this account from this address only: the owner elsewhere still logs in.
    expect((await attempt(app, 'zhao', PASSWORD, '10.2.2.2')).statusCode).toBe(200);
    // The administrator lifts the lock.
    const admin = await loginAs(app, ctx, { account: 'admin-sec', role: 'admin' });
    const office = await loginAs(app, ctx, { account: 'office-sec', role: 'office' });
    expect((await app.inject({ method: 'POST', url: '/api/auth/unlock', headers: office, payload: { account: 'zhao' } })).statusCode).toBe(403);
    const unlocked = await app.inject({ method: 'POST', url: '/api/auth/unlock', headers: admin, payload: { account: 'zhao' } });
    expect(unlocked.json()).toEqual({ unlocked: 1 });
    expect((await attempt(app, 'zhao', PASSWORD)).statusCode).toBe(200);
  }, 120_000);

  it('an unknown account answers exactly like a known one with a wrong password, lock included', async () => {
    const app = await createTestApp(ctx);
    await createUser(ctx.db, { account: 'qian', name: '钱', role: 'office', password: PASSWORD, actor: 'test' });
    const known: Array<[number, string]> = [];
    const unknown: Array<[number, string]> = [];
    // The two accounts side by side (their counts are separate): each failed attempt's answer is slowed down
    // (0.2 s, 0.4 s, 0.8 s, 1.6 s), so one after the other took twice as long (~6 s).
    for (let i = 0; i < 6; i++) {
      const [a, b] = await Promise.all([attempt(app, 'qian', 'Wrong-password-1', '10.3.3.3'), attempt(app, 'no-such-person', 'Wrong-password-1', '10.3.3.3')]);
      known.push([a.statusCode, a.json().error.message.replace(/至 .*（/, '至 …（')]);
      unknown.push([b.statusCode, b.json().error.message.replace(/至 .*（/, '至 …（')]);
    }
    expect(unknown).toEqual(known);
    expect(known.map(([s]) => s)).toEqual([401, 401, 401, 401, 423, 423]);
  }, 120_000);

  it('keeps nothing of failed attempts in memory: 1,000 distinct 100 KB account names are refused and the heap stays flat', async () => {
    const app = await createTestApp(ctx);
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1000; i++) {
      const r = await attempt(app, `${i}-${'名'.repeat(50_000)}`, 'x', `10.9.${i >> 8}.${i & 255}`);
      expect(r.statusCode).toBe(400);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(50 * 1024 * 1024); // the old in-memory map kept every name: ~100 MB here
  }, 120_000);

  it('enforces the password policy, lets a person change their password, and forces the change of an initial one', async () => {
    const app = await createTestApp(ctx);
    await expect(createUser(ctx.db, { account: 'sun', name: '孙', role: 'office', password: 'Passw0rd2024!', actor: 'test' })).rejects.toThrow('常见');
    await expect(createUser(ctx.db, { account: 'sun', name: '孙', role: 'office', password: 'Short1', actor: 'test' })).rejects.toThrow('至少12位');
    await createUser(ctx.db, { account: 'sun', name: '孙', role: 'office', password: PASSWORD, mustChangePassword: true, actor: 'test' });
    const res = await attempt(app, 'sun', PASSWORD, '10.4.4.4');
    expect(res.json().user.mustChangePassword).toBe(true);
    const cookie = `bizenv_session=${res.cookies.find((c) => c.name === 'bizenv_session')!.value}`;
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie } });
    const token = me.cookies.find((c) => c.name === 'bizenv_csrf')!.value;
    const session = { cookie, 'x-csrf-token': token };
    const blocked = await app.inject({ url: '/api/ledger/users', headers: session });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toBe('请先修改初始密码');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session,
      payload: { currentPassword: PASSWORD, newPassword: 'sun-is-shining-2026' },
    });
    expect(weak.json().error.message).toBe('密码不能包含账号名');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Hongyadong-2026' },
    });
    expect(wrong.json().error.message).toBe('当前密码不正确');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: session,
      payload: { currentPassword: PASSWORD, newPassword: 'Hongyadong-2026' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/ledger/users', headers: session })).statusCode).toBe(200);
    expect((await attempt(app, 'sun', 'Hongyadong-2026', '10.4.4.4')).statusCode).toBe(200);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'user.password.change').execute();
    expect(audit).toHaveLength(1);
  }, 120_000);
});
