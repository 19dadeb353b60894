import { expect, it } from 'vitest';
import { ensureUnits } from '../../src/units/index.js';
import { createTestApp, loginAs } from '../app.js';
import { describeStore } from '../db.js';

describeStore('editing a published policy', (ctx) => {
  it('makes a pending revision the public does not see until the office publishes it; unit staff cannot publish', async () => {
    const app = await createTestApp(ctx);
    const office = await loginAs(app, ctx, { account: 'office-pol', role: 'office' });
    await ensureUnits(ctx.db, ['区科技局']);
    const staff = await loginAs(app, ctx, { account: 'staff-pol', role: 'unit_staff', units: ['区科技局'] });
    const body = { title: '渝中区科技创新券管理办法', issuer: '重庆市渝中区科学技术局', topics: ['科技'], body: '创新券用于购买科技服务。', items: [] };
    const created = (await app.inject({ method: 'POST', url: '/api/policies', headers: office, payload: body })).json();
    expect((await app.inject({ method: 'POST', url: `/api/policies/${created.id}/publish`, headers: office })).statusCode).toBe(200);

    const edited = await app.inject({
      method: 'PUT',
      url: `/api/policies/${created.id}`,
      headers: staff,
      payload: { ...body, title: '（已改）渝中区科技创新券管理办法' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      status: 'published',
      title: body.title,
      pendingRevision: { by: 'staff-pol', policy: { title: '（已改）渝中区科技创新券管理办法' } },
    });
    const publicView = (await app.inject({ url: `/api/policies/${created.id}` })).json();
    expect(publicView).toMatchObject({ title: body.title, pendingRevision: null });

    expect((await app.inject({ method: 'POST', url: `/api/policies/${created.id}/revision/publish`, headers: staff })).statusCode).toBe(403);
    const published = await app.inject({ method: 'POST', url: `/api/policies/${created.id}/revision/publish`, headers: office });
    expect(published.json()).toMatchObject({ title: '（已改）渝中区科技创新券管理办法', pendingRevision: null, status: 'published' });
    expect((await app.inject({ url: `/api/policies/${created.id}` })).json().title).toBe('（已改）渝中区科技创新券管理办法');
    const actions = (await ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'policy').orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['policy.create', 'policy.publish', 'policy.revise', 'policy.revision.publish']);
  });
});
