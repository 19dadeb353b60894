import { expect, it } from 'vitest';
import { loginAs, samplePlanApp } from '../app.js';
import { describeStore } from '../db.js';

describeStore('input that no route can take', (ctx) => {
  it('NUL characters and 10,000-deep nesting are a 400 with a message, never a 500', async () => {
    const { app } = await samplePlanApp(ctx);
    const office = await loginAs(app, ctx, { account: 'office-guard', role: 'office' });
    const nul = await app.inject({ url: `/api/plan/measures?q=${encodeURIComponent('水\u0000电')}` });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toContain('NUL');
    const deep = `{"condition":${'{"not":'.repeat(10_000)}{"field":"sizeClass","op":"eq","value":"small"}${'}'.repeat(10_000)}}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/policies/rules/preview',
      headers: { ...office, 'content-type': 'application/json' },
      payload: deep,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('嵌套层级过深');
    const body = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { account: 'a\u0000b', password: 'x' } });
    expect(body.statusCode).toBe(400);
  });
});
