import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createTestApp, loginAs, type SessionHeaders } from '../../test/app.js';
import { ForbiddenError, InputRejectedError } from '../shared/index.js';
import { createAccount, listAccounts, oneTimePassword, resetPassword, setAccountActive, updateAccount, type EnterpriseLookup } from './account-store.js';
import { actorNames, createUser, login, loadSessionUser, passwordProblem, userForToken, type SessionUser } from './index.js';

const firms: EnterpriseLookup = async (_db, ids) =>
  new Map(ids.filter((i) => i === 7).map((i) => [i, { name: '重庆山城科技有限公司', creditCode: '91500103MA5U000007' }]));

it('generates one-time passwords that pass the password policy, each different', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const p = oneTimePassword();
    expect(p).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect(passwordProblem(p)).toBeNull();
    seen.add(p);
  }
  expect(seen.size).toBe(200);
});

describeStore('account administration (store)', (ctx) => {
  let office: SessionUser;
  let admin: SessionUser;
  beforeAll(async () => {
    await ctx.db
      .insertInto('unit')
      .values([
        { name: '区财政局', kind: 'department' },
        { name: '区税务局', kind: 'vertical' },
      ])
      .execute();
    office = await createUser(ctx.db, { account: 'office1', name: '营商办甲', role: 'office', password: 'Jiefangbei-2026', actor: 'test' });
    admin = await createUser(ctx.db, { account: 'admin1', name: '管理员乙', role: 'admin', password: 'Jiefangbei-2026', actor: 'test' });
  });

  it('an account the office creates must change its password at the first login; without a password one is generated', async () => {
    const a = await createAccount(ctx.db, office, {
      account: 'czj1',
      name: '财政局张三',
      role: 'unit_staff',
      password: 'Chaotianmen-2026',
      units: ['区财政局'],
    });
    expect(a.oneTimePassword).toBeNull();
    expect(a.user.mustChangePassword).toBe(true);
    const b = await createAccount(ctx.db, office, { account: 'swj1', name: '税务局李四', role: 'unit_staff', units: ['区税务局'] });
    expect(b.oneTimePassword).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    const r = await login(ctx.db, { account: 'swj1', password: b.oneTimePassword! });
    expect(r.user).toMatchObject({ name: '税务局李四', mustChangePassword: true });
    // The office may not create office accounts; an enterprise account needs an existing firm.
    await expect(createAccount(ctx.db, office, { account: 'office2', name: 'x', role: 'office' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createAccount(ctx.db, office, { account: 'qy1', name: '企业联系人', role: 'enterprise' }, firms)).rejects.toThrow('企业账号须选择所属企业');
    await expect(createAccount(ctx.db, office, { account: 'qy1', name: '企业联系人', role: 'enterprise', enterpriseId: 8 }, firms)).rejects.toThrow(
      '所选企业不存在',
    );
    const q = await createAccount(ctx.db, office, { account: 'qy1', name: '企业联系人', role: 'enterprise', enterpriseId: 7 }, firms);
    expect(q.user.enterpriseId).toBe(7);
    const rows = await listAccounts(ctx.db, firms);
    expect(rows.find((x) => x.account === 'qy1')?.enterprise).toEqual({ id: 7, name: '重庆山城科技有限公司', creditCode: '91500103MA5U000007' });
    expect(rows.find((x) => x.account === 'czj1')).toMatchObject({ units: ['区财政局'], mustChangePassword: true, enterprise: null });
  });

  it('edits name, role, units and firm, audited with before and after; rejects what does not fit, in Chinese', async () => {
    const id = (await ctx.db.selectFrom('app_user').select('id').where('account', '=', 'czj1').executeTakeFirstOrThrow()).id;
    await updateAccount(ctx.db, office, id, { name: '财政局张三丰', role: 'unit_staff', units: ['区财政局', '区税务局'] });
    expect((await loadSessionUser(ctx.db, id)).unitIds).toHaveLength(2);
    const e = await updateAccount(ctx.db, office, id, { name: '张三丰', role: 'unit_staff', units: ['区不存在局'] }).catch((x) => x);
    expect(e).toBeInstanceOf(InputRejectedError);
    expect(e.problems).toEqual([{ field: '所属单位', message: '未知单位“区不存在局”' }]);
    await expect(updateAccount(ctx.db, office, id, { name: '张三丰', role: 'unit_staff', units: [] })).rejects.toThrow('单位工作人员须至少属于一个单位');
    await expect(updateAccount(ctx.db, office, id, { name: '张三丰', role: 'office' })).rejects.toBeInstanceOf(ForbiddenError);
    await updateAccount(ctx.db, office, id, { name: '张三丰', role: 'leader', units: ['区财政局'] });
    const u = await loadSessionUser(ctx.db, id);
    expect(u).toMatchObject({ name: '张三丰', role: 'leader', unitIds: [] });
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'office1', entity_id: String(id) });
    expect(audit.before).toMatchObject({ name: '财政局张三丰', role: 'unit_staff', units: ['区财政局', '区税务局'] });
    expect(audit.after).toMatchObject({ name: '张三丰', role: 'leader', units: [] });
    await expect(updateAccount(ctx.db, admin, admin.id, { name: '管理员乙', role: 'office' })).rejects.toThrow('不能修改自己的角色');
  });

  it('a disabled account cannot log in and its sessions end; enabled again it can', async () => {
    const r = await login(ctx.db, { account: 'czj1', password: 'Chaotianmen-2026' });
    await setAccountActive(ctx.db, office, r.user.id, false);
    expect(await userForToken(ctx.db, r.token)).toBeNull();
    await expect(login(ctx.db, { account: 'czj1', password: 'Chaotianmen-2026' })).rejects.toThrow('账号或密码错误');
    await setAccountActive(ctx.db, office, r.user.id, true);
    await expect(login(ctx.db, { account: 'czj1', password: 'Chaotianmen-2026' })).resolves.toMatchObject({ user: { account: 'czj1' } });
    await expect(setAccountActive(ctx.db, office, office.id, false)).rejects.toThrow('不能停用自己的账号');
    await expect(setAccountActive(ctx.db, office, admin.id, false)).rejects.toBeInstanceOf(ForbiddenError);
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(r.user.id)).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['user.deactivate', 'user.activate']));
  });

  it('a reset gives a one-time password, ends the sessions and forces a change at the next login', async () => {
    const before = await login(ctx.db, { account: 'czj1', password: 'Chaotianmen-2026' });
    const { oneTimePassword: otp } = await resetPassword(ctx.db, office, before.user.id);
    expect(await userForToken(ctx.db, before.token)).toBeNull();
    await expect(login(ctx.db, { account: 'czj1', password: 'Chaotianmen-2026' })).rejects.toThrow('账号或密码错误');
    const after = await login(ctx.db, { account: 'czj1', password: otp });
    expect(after.user.mustChangePassword).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.password.reset').executeTakeFirstOrThrow();
    expect(audit.actor).toBe('office1');
    expect(JSON.stringify(audit)).not.toContain(otp);
    await expect(resetPassword(ctx.db, office, admin.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetPassword(ctx.db, office, office.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetPassword(ctx.db, admin, office.id)).resolves.toMatchObject({ oneTimePassword: expect.any(String) });
  });

  it('names actors by the person, never by the account name or an internal code', async () => {
    const names = await actorNames(ctx.db, ['office1', 'cli:unknown', 'system', 'demo seed 2021', 'token:unit3', 'gone-account', null]);
    expect(Object.fromEntries(names)).toEqual({
      office1: '营商办甲',
      'cli:unknown': '系统管理员（命令行）',
      system: '系统（自动）',
      'demo seed 2021': '演示数据',
      'token:unit3': '单位数据接口',
      'gone-account': '其他用户',
    });
  });
});

describeStore('account administration (routes)', (ctx) => {
  let app: FastifyInstance;
  let office: SessionHeaders;
  beforeAll(async () => {
    await ctx.db.insertInto('unit').values({ name: '区财政局', kind: 'department' }).execute();
    await ctx.db.insertInto('enterprise').values({ credit_code: '91500103MA5U3XYZ0K', name: '重庆渝中数智科技有限公司' }).execute();
    app = await createTestApp(ctx);
    office = await loginAs(app, ctx, { account: 'office1', role: 'office' });
  });

  it('creates, edits, resets and disables through the API; the forced change blocks other routes until done', async () => {
    const firm = (await ctx.db.selectFrom('enterprise').select('id').executeTakeFirstOrThrow()).id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/ledger/users',
      headers: office,
      payload: { account: 'qy1', name: '企业联系人', role: 'enterprise', enterpriseId: firm },
    });
    expect(created.statusCode).toBe(200);
    const otp = created.json().oneTimePassword as string;
    const id = created.json().user.id as number;
    const list = (await app.inject({ url: '/api/ledger/users', headers: office })).json() as Array<{ id: number; enterprise: { name: string } | null }>;
    expect(list.find((u) => u.id === id)?.enterprise?.name).toBe('重庆渝中数智科技有限公司');

    const edit = await app.inject({
      method: 'PUT',
      url: `/api/ledger/users/${id}`,
      headers: office,
      payload: { name: '企业联系人王五', role: 'enterprise', enterpriseId: firm },
    });
    expect(edit.statusCode).toBe(200);
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/ledger/users/${id}`,
      headers: office,
      payload: { name: '王五', role: 'enterprise', enterpriseId: firm + 99 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: '所属企业', message: '企业不存在，请重新选择' }]);

    const first = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { account: 'qy1', password: otp } });
    expect(first.json().user).toMatchObject({ name: '企业联系人王五', mustChangePassword: true });
    const cookie = `bizenv_session=${first.cookies.find((c) => c.name === 'bizenv_session')!.value}`;
    expect((await app.inject({ url: '/api/enterprises/mine', headers: { cookie } })).statusCode).toBe(403);

    const reset = await app.inject({ method: 'POST', url: `/api/ledger/users/${id}/password-reset`, headers: office });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().user).toBeNull(); // the session ended
    const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { account: 'qy1', password: reset.json().oneTimePassword } });
    expect(again.json().user.mustChangePassword).toBe(true);

    expect((await app.inject({ method: 'PATCH', url: `/api/ledger/users/${id}`, headers: office, payload: { active: false } })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { account: 'qy1', password: reset.json().oneTimePassword } });
    expect(refused.statusCode).toBe(401);
  });
});
