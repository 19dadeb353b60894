import { expect, it } from 'vitest';
import { loginAs, samplePlanApp } from '../../test/app.js';
import { describeStore } from '../../test/db.js';
import { calculate, seedPolicyDemo, toProfile } from '../policies/index.js';
import { getEnterprise } from '../enterprises/index.js';

describeStore('helpdesk personal answers', (ctx) => {
  it('adds 你公司可能符合以下政策 for a logged-in firm (its own profile), leaves anonymous answers unchanged', async () => {
    const { app } = await samplePlanApp(ctx);
    await seedPolicyDemo(ctx.db, { enterprises: 30 });
    // A demo firm the calculator finds eligible for something.
    const firms = await ctx.db.selectFrom('enterprise').select('id').orderBy('id').execute();
    let firmId = 0;
    let eligible: string[] = [];
    for (const f of firms) {
      eligible = (await calculate(ctx.db, toProfile(await getEnterprise(ctx.db, f.id)))).filter((r) => r.outcome === 'eligible').map((r) => r.itemName);
      if (eligible.length) {
        firmId = f.id;
        break;
      }
    }
    expect(firmId).toBeGreaterThan(0);
    const question = { question: '我们公司能享受哪些补贴政策' };
    const anon = (await app.inject({ method: 'POST', url: '/api/helpdesk/ask', payload: question })).json();
    expect(anon.personal).toBeUndefined();
    const headers = await loginAs(app, ctx, { account: 'hd-personal', role: 'enterprise', enterpriseId: firmId });
    const mine = (await app.inject({ method: 'POST', url: '/api/helpdesk/ask', payload: question, headers })).json();
    expect(mine.personal.title).toBe('你公司可能符合以下政策');
    expect(mine.personal.enterpriseName).toBe((await getEnterprise(ctx.db, firmId)).name);
    expect(mine.personal.items.map((i: { itemName: string }) => i.itemName)).toEqual(eligible.slice(0, 5));
    expect(mine.personal.items[0].reasons.length).toBeGreaterThan(0);
    expect(mine.answers).toEqual(anon.answers);
    // Not a policy question: no personal part.
    const water = (await app.inject({ method: 'POST', url: '/api/helpdesk/ask', payload: { question: '用水报装要几个工作日' }, headers })).json();
    expect(water.personal).toBeUndefined();
  });
});
