import { beforeAll, expect, it } from 'vitest';
import { describeStore } from '../../test/db.js';
import { listAudit } from '../audit/index.js';
import { createUser, type SessionUser } from '../auth/index.js';
import { ensureUnits } from '../units/index.js';
import { onDuty, type OfficeHours } from './core/index.js';
import { seedLiveChatDemo } from './live-chat-demo.js';
import {
  acceptChat,
  chatQueue,
  liveChatStatus,
  partyClose,
  partyPoll,
  partySend,
  setOfficeHours,
  staffClose,
  staffPoll,
  staffReply,
  startChat,
  transferChat,
} from './live-chat-store.js';

const at = (s: string) => new Date(`${s}+08:00`);
const PW = 'Kuixinglou-2026';

describeStore('helpdesk live chat', (ctx) => {
  let office: SessionUser;
  let office2: SessionUser;
  let water: SessionUser;
  let finance: SessionUser;
  let units: Map<string, number>;
  beforeAll(async () => {
    units = await ensureUnits(ctx.db, ['区城管局', '区财政局']);
    const mk = (account: string, name: string, role: 'office' | 'unit_staff', unitNames: string[] = []) =>
      createUser(ctx.db, { account, name, role, password: PW, unitNames, actor: 'test' });
    office = await mk('lc-office', '张晓', 'office');
    office2 = await mk('lc-office2', '李明', 'office');
    water = await mk('lc-water', '王强', 'unit_staff', ['区城管局']);
    finance = await mk('lc-finance', '赵敏', 'unit_staff', ['区财政局']);
  });

  it('is open on working days within the hours: closed on a holiday and a plain Saturday, open on a 调休 Saturday', async () => {
    await setOfficeHours(ctx.db, 'lc-office', {
      periods: [
        { from: '14:00', to: '17:30' },
        { from: '09:00', to: '12:00' },
      ],
      everyDay: false,
    });
    const open = async (s: string) => (await liveChatStatus(ctx.db, at(s))).open;
    expect(await open('2026-09-30T10:00:00')).toBe(true); // Wednesday
    expect(await open('2026-09-30T12:30:00')).toBe(false); // lunch
    expect(await open('2026-09-30T17:30:00')).toBe(false); // end is exclusive
    expect(await open('2026-10-01T10:00:00')).toBe(false); // 国庆节
    expect(await open('2026-10-10T10:00:00')).toBe(true); // Saturday, 调休 working day
    expect(await open('2026-10-17T10:00:00')).toBe(false); // plain Saturday
    const s = await liveChatStatus(ctx.db, at('2026-10-01T10:00:00'));
    expect(s.message).toContain('今天不是工作日');
    expect(s.hoursText).toBe('工作日 09:00–12:00、14:00–17:30');
    // Every day: the holiday is open too.
    const every: OfficeHours = { periods: [{ from: '09:00', to: '17:00' }], everyDay: true };
    expect(onDuty(every, { isWorkday: () => false }, at('2026-10-01T10:00:00')).open).toBe(true);
    await expect(setOfficeHours(ctx.db, 'lc-office', { periods: [{ from: '12:00', to: '09:00' }], everyDay: false })).rejects.toThrow(/值守时间/);
    await expect(
      setOfficeHours(ctx.db, 'lc-office', {
        periods: [
          { from: '09:00', to: '12:00' },
          { from: '11:00', to: '13:00' },
        ],
        everyDay: false,
      }),
    ).rejects.toThrow(/值守时间/);
    expect((await listAudit(ctx.db, { entity: 'helpdesk_hours' })).length).toBe(1);
  });

  it('refuses a chat outside the hours (the page offers 转人工 as a request)', async () => {
    await expect(startChat(ctx.db, { party: { kind: 'visitor' }, name: null, question: '开办企业要多久', now: at('2026-10-01T10:00:00') })).rejects.toThrow(
      /转人工留言/,
    );
  });

  it('queues, accepts once, replies, transfers to a unit and to a person, closes; each staff change audited', async () => {
    await setOfficeHours(ctx.db, 'lc-office', { periods: [{ from: '00:00', to: '24:00' }], everyDay: true });
    const { token, poll } = await startChat(ctx.db, { party: { kind: 'visitor' }, name: '陈女士', question: '用水报装需要什么材料？' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const chatId = poll.chat.id;
    expect(poll.chat.status).toBe('waiting');
    expect(poll.messages.map((m) => m.body)).toEqual(['用水报装需要什么材料？']);
    // A wrong token finds nothing.
    await expect(partyPoll(ctx.db, { kind: 'visitor', token: 'x'.repeat(32) }, 0)).rejects.toThrow(/不存在/);

    expect((await chatQueue(ctx.db, office)).waiting.map((c) => c.id)).toContain(chatId);
    expect((await chatQueue(ctx.db, water)).waiting.map((c) => c.id)).not.toContain(chatId); // the office's queue
    await expect(staffPoll(ctx.db, water, chatId, 0)).rejects.toThrow(/接待范围/);

    await acceptChat(ctx.db, office, chatId);
    await expect(acceptChat(ctx.db, office2, chatId)).rejects.toThrow(/张晓/);
    const cursor = (await partyPoll(ctx.db, { kind: 'visitor', token: token! }, 0)).cursor;
    await staffReply(ctx.db, office, chatId, { body: '您好，请提供用水报装申请表。', faqCode: 'M010', since: 0 });
    const seen = await partyPoll(ctx.db, { kind: 'visitor', token: token! }, cursor);
    expect(seen.messages.map((m) => [m.author, m.staffName, m.body])).toEqual([['staff', '张晓', '您好，请提供用水报装申请表。']]);
    expect(seen.chat.status).toBe('active');
    await partySend(ctx.db, { kind: 'visitor', token: token! }, '好的，谢谢', seen.cursor);

    // To the water unit: it waits in that unit's queue; its staff accept it; the finance staff cannot see it.
    await transferChat(ctx.db, office, chatId, { accountId: null, unitId: units.get('区城管局')! });
    expect((await chatQueue(ctx.db, water)).waiting.map((c) => c.id)).toEqual([chatId]);
    await expect(staffPoll(ctx.db, finance, chatId, 0)).rejects.toThrow(/接待范围/);
    await expect(staffReply(ctx.db, water, chatId, { body: '你好', faqCode: null, since: 0 })).rejects.toThrow(/先接入/);
    await acceptChat(ctx.db, water, chatId);
    await expect(staffReply(ctx.db, finance, chatId, { body: '你好', faqCode: null, since: 0 })).rejects.toThrow(/接待范围/);
    // To a person of the office: stays active, now theirs.
    await transferChat(ctx.db, water, chatId, { accountId: office2.id, unitId: null });
    const moved = await staffPoll(ctx.db, office2, chatId, 0);
    expect(moved.chat.staffName).toBe('李明');
    expect(moved.chat.status).toBe('active');
    await expect(transferChat(ctx.db, office2, chatId, { accountId: water.id, unitId: null })).rejects.toThrow(/工作人员/);
    await expect(staffClose(ctx.db, water, chatId)).rejects.toThrow(/接待范围|自己接待/);
    const closed = await staffClose(ctx.db, office2, chatId);
    expect(closed.chat.status).toBe('closed');
    expect(closed.messages.map((m) => m.author)).toEqual(['visitor', 'system', 'staff', 'visitor', 'system', 'system', 'system', 'system']);
    await expect(partySend(ctx.db, { kind: 'visitor', token: token! }, '还在吗', 0)).rejects.toThrow(/已结束/);
    const actions = (await listAudit(ctx.db, { entity: 'helpdesk_chat', entityId: String(chatId) })).map((a) => a.action).reverse();
    expect(actions).toEqual([
      'helpdesk.chat.accept',
      'helpdesk.chat.reply',
      'helpdesk.chat.transfer',
      'helpdesk.chat.accept',
      'helpdesk.chat.transfer',
      'helpdesk.chat.close',
    ]);
  });

  it('bounds messages in length, and the visitor can close', async () => {
    const { token } = await startChat(ctx.db, { party: { kind: 'visitor' }, name: null, question: '社保怎么办' });
    await expect(partySend(ctx.db, { kind: 'visitor', token: token! }, '长'.repeat(501), 0)).rejects.toThrow(/过长/);
    await expect(partySend(ctx.db, { kind: 'visitor', token: token! }, '   ', 0)).rejects.toThrow(/不能为空/);
    const p = await partyClose(ctx.db, { kind: 'visitor', token: token! }, 0);
    expect(p.chat.status).toBe('closed');
    expect(p.chat.visitorName).toBe('访客');
  });

  it('seeds a month of demo chats: answered and closed, one transferred to a unit, two waiting; once', async () => {
    const n = await seedLiveChatDemo(ctx.db);
    expect(n).toBeGreaterThan(30);
    expect(await seedLiveChatDemo(ctx.db)).toBe(0);
    const q = await chatQueue(ctx.db, office);
    expect(q.waiting.filter((c) => c.isDemo).map((c) => c.visitorName)).toEqual(['孙先生', '何女士', '访客']);
    expect((await chatQueue(ctx.db, water)).waiting.map((c) => c.visitorName)).toEqual(['孙先生']);
  });
});
