import { beforeAll, describe, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { createUser } from '../auth/index.js';
import { NOTICE_KIND_LIST, NOTICE_KINDS, noticeKindLabel, shortText } from './core/index.js';
import { listInbox, markAllRead, markRead, notify, resolveNotices, unreadCount } from './inbox-store.js';
import { notifiedUsers } from './read-api.js';

describe('inbox core', () => {
  it('labels every kind in Chinese, and an unknown stored kind as 其他', () => {
    expect(NOTICE_KIND_LIST.length).toBe(Object.keys(NOTICE_KINDS).length);
    for (const k of NOTICE_KIND_LIST) expect(NOTICE_KINDS[k]).toMatch(/^[\u4e00-\u9fff]{2,6}$/);
    expect(noticeKindLabel('ledger.report')).toBe('报告待审核');
    expect(noticeKindLabel('policy')).toBe('政策推送');
    expect(noticeKindLabel('toString')).toBe('其他');
    expect(noticeKindLabel('order')).toBe('其他');
  });
  it('cuts a long title to the given length with …, counting characters, not UTF-16 units', () => {
    expect(shortText('推进水电气讯等市政接入工程涉及的行政审批在线并联办理', 12)).toBe('推进水电气讯等市政接入…');
    expect(shortText('优化用水报装', 12)).toBe('优化用水报装');
    expect(shortText('  a \n b  ', 12)).toBe('a b');
    expect(shortText('𠀀𠀁𠀂𠀃', 3)).toBe('𠀀𠀁…');
  });
});

describeStore('inbox store', (ctx) => {
  let alice = 0;
  let bob = 0;

  beforeAll(async () => {
    const user = (account: string) => createUser(ctx.db, { account, name: account, role: 'leader', password: 'Inbox-test-2026', actor: 'test' });
    alice = (await user('alice')).id;
    bob = (await user('bob')).id;
    // 25 notices for alice: 15 reports to review (links /ledger/reports/1..15), 10 policy pushes; 2 for bob.
    for (let i = 1; i <= 15; i++)
      await notify(ctx.db, { userIds: [alice], kind: 'ledger.report', title: `报告${i}`, body: '请审核', link: `/ledger/reports/${i}`, dedupeKey: `r:${i}` });
    for (let i = 1; i <= 10; i++)
      await notify(ctx.db, {
        userIds: [alice],
        kind: 'policy',
        title: `政策${i}`,
        body: '请申报',
        link: `/policies/calculator?item=${i}`,
        dedupeKey: `policy:${i}:v1`,
      });
    await notify(ctx.db, { userIds: [bob, bob], kind: 'ledger.report', title: '报告1', body: '请审核', link: '/ledger/reports/1', dedupeKey: 'r:1' });
    await notify(ctx.db, { userIds: [bob], kind: 'ledger.order', title: '督办单待签收', body: '请签收', link: '/ledger/orders/1' });
  });

  it('delivers once per dedupe key and user', async () => {
    expect(await notify(ctx.db, { userIds: [alice, bob], kind: 'ledger.report', title: '报告1', body: '请审核', dedupeKey: 'r:1' })).toBe(0);
    expect(await notify(ctx.db, { userIds: [], kind: 'policy', title: 'x', body: 'x' })).toBe(0);
    expect(await unreadCount(ctx.db, alice)).toBe(25);
    expect(await unreadCount(ctx.db, bob)).toBe(2);
  });

  it('pages newest first with the total of the filter and the unread count', async () => {
    const p1 = await listInbox(ctx.db, alice, { pageSize: 20 });
    expect([p1.items.length, p1.total, p1.page, p1.pageSize, p1.unread]).toEqual([20, 25, 1, 20, 25]);
    expect(p1.items[0]!.title).toBe('政策10');
    const p2 = await listInbox(ctx.db, alice, { pageSize: 20, page: 2 });
    expect(p2.items.map((m) => m.title)).toEqual(['报告5', '报告4', '报告3', '报告2', '报告1']);
    expect(new Set([...p1.items, ...p2.items].map((m) => m.id)).size).toBe(25);
    expect((await listInbox(ctx.db, alice, { page: 3, pageSize: 20 })).items).toEqual([]);
    // kind filter
    const policies = await listInbox(ctx.db, alice, { kind: 'policy' });
    expect([policies.total, policies.items.every((m) => m.kind === 'policy')]).toEqual([10, true]);
    expect((await listInbox(ctx.db, alice, { kind: 'ledger.order' })).total).toBe(0);
    // only one's own
    expect((await listInbox(ctx.db, bob)).items.map((m) => m.title)).toEqual(['督办单待签收', '报告1']);
    // a page size above the maximum is clamped
    expect((await listInbox(ctx.db, alice, { pageSize: 1000 })).pageSize).toBe(100);
  });

  it("marks one read (only the owner's), then all of a kind, then all", async () => {
    const [first] = (await listInbox(ctx.db, alice, { kind: 'ledger.report', pageSize: 1 })).items;
    await markRead(ctx.db, alice, first!.id);
    await markRead(ctx.db, alice, first!.id); // again: no change, no error
    expect(await unreadCount(ctx.db, alice)).toBe(24);
    await expect(markRead(ctx.db, bob, first!.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(markRead(ctx.db, alice, 999_999)).rejects.toMatchObject({ statusCode: 404 });
    const unread = await listInbox(ctx.db, alice, { unreadOnly: true, kind: 'ledger.report' });
    expect([unread.total, unread.items.some((m) => m.id === first!.id)]).toEqual([14, false]);

    expect(await markAllRead(ctx.db, alice, { kind: 'policy' })).toBe(10);
    expect(await unreadCount(ctx.db, alice)).toBe(14);
    expect((await listInbox(ctx.db, alice, { unreadOnly: true, kind: 'policy' })).total).toBe(0);
    expect(await unreadCount(ctx.db, bob)).toBe(2); // nobody else's
    // the read state is what the policies' funnel reads back
    expect((await notifiedUsers(ctx.db, 'policy:3:v')).get(alice)).toEqual({ read: true });
  });

  it('resolves the open notices pointing to a task once it is done: 已处理, no longer unread', async () => {
    expect(await resolveNotices(ctx.db, { kind: 'ledger.report', link: '/ledger/reports/1' })).toBe(2); // alice's and bob's
    expect(await resolveNotices(ctx.db, { kind: 'ledger.report', link: '/ledger/reports/1' })).toBe(0); // once
    expect(await unreadCount(ctx.db, bob)).toBe(1);
    const bobs = (await listInbox(ctx.db, bob)).items;
    expect(bobs.find((m) => m.title === '报告1')!.done_at).toBeInstanceOf(Date);
    expect((await listInbox(ctx.db, bob, { unreadOnly: true })).items.map((m) => m.title)).toEqual(['督办单待签收']);
    // another kind with the same link, and other users, are untouched
    expect(await resolveNotices(ctx.db, { kind: 'policy', link: '/ledger/reports/2' })).toBe(0);
    expect(await resolveNotices(ctx.db, { kind: 'ledger.report', link: '/ledger/reports/2', userIds: [bob] })).toBe(0);
    expect(await resolveNotices(ctx.db, { kind: 'ledger.report', link: '/ledger/reports/2', userIds: [] })).toBe(0);
    const before = await unreadCount(ctx.db, alice);
    expect(await resolveNotices(ctx.db, { kind: ['ledger.order', 'ledger.report'], link: '/ledger/reports/2', userIds: [alice] })).toBe(1);
    expect(await unreadCount(ctx.db, alice)).toBe(before - 1);
    expect(await markAllRead(ctx.db, alice)).toBeGreaterThan(0);
    expect(await unreadCount(ctx.db, alice)).toBe(0);
    expect((await listInbox(ctx.db, alice, { unreadOnly: true })).total).toBe(0);
  });
});
