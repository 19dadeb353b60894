import { expect, it } from 'vitest';
import { loginAs, samplePlanApp } from '../app.js';
import { describeStore } from '../db.js';

describeStore('cross-site request forgery', (ctx) => {
  it('refuses a form posted from another site or another port, and a cookie request without the token', async () => {
    const { app } = await samplePlanApp(ctx);
    const office = await loginAs(app, ctx, { account: 'office-csrf', role: 'office' });
    const url = '/api/calendar/years';
    const body = { year: 2027, notice: { title: '通知', number: '测试〔2026〕1号' }, holidays: [{ name: '元旦', days: ['2027-01-01'] }], adjustedWorkdays: [] };
    // An auto-submitted form on http://127.0.0.1:8080 (another port: same-site, not same-origin).
    const fromOtherPort = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: office.cookie, origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-site', host: '127.0.0.1:3000' },
      payload: body,
    });
    expect(fromOtherPort.statusCode).toBe(403);
    expect(fromOtherPort.json().error.message).toContain('跨站');
    // An older browser without fetch metadata: the Origin decides.
    const origin = await app.inject({ method: 'POST', url, headers: { ...office, origin: 'http://evil.example', host: '127.0.0.1:3000' }, payload: body });
    expect(origin.statusCode).toBe(403);
    // The session cookie alone is not enough: the token must come with it.
    const noToken = await app.inject({ method: 'POST', url, headers: { cookie: office.cookie }, payload: body });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.message).toContain('防伪令牌');
    const wrongToken = await app.inject({ method: 'POST', url, headers: { ...office, 'x-csrf-token': 'x'.repeat(43) }, payload: body });
    expect(wrongToken.statusCode).toBe(403);
    // The web app's own request: same origin, with the token.
    const ok = await app.inject({
      method: 'POST',
      url,
      headers: { ...office, origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
      payload: body,
    });
    expect(ok.statusCode).toBe(200);
  });

  it('hands the token to the web app in a readable cookie once logged in', async () => {
    const { app } = await samplePlanApp(ctx);
    const office = await loginAs(app, ctx, { account: 'office-csrf2', role: 'office' });
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: office.cookie } });
    const c = me.cookies.find((x) => x.name === 'bizenv_csrf');
    expect(c?.value).toBe(office['x-csrf-token']);
    expect(c?.httpOnly).toBeFalsy();
    expect(c?.sameSite).toBe('Strict');
  });
});
