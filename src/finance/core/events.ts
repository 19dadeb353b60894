/**
 * 银企对接 events: 专项对接活动 (a matchmaking session of banks and enterprises) and 培训 (training on financing
 * products and policy), the plan's measure 11 ("持续开展银企对接专项活动，引导企业积极参加“获得信贷”专题培训"). An event has a date, the banks taking part,
 * the enterprises invited and those present, the needs raised and the deals signed (签约: enterprise, bank, amount in
 * 万元). The figures per event are counted here from its rows.
 */

export const EVENT_KINDS = ['matchmaking', 'training'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = { matchmaking: '专项对接活动', training: '培训' };

export interface EventParticipant {
  enterpriseId: number;
  invited: boolean;
  present: boolean;
}

export interface EventDeal {
  enterpriseId: number;
  institutionId: number;
  /** 签约金额（万元） */
  amount: number;
}

export interface EventFigures {
  banks: number;
  invited: number;
  present: number;
  /** 到场率 (%): present invited ÷ invited; null without invitations. Walk-ins (present, not invited) count in `present` only. */
  attendanceRate: number | null;
  walkIns: number;
  needsRaised: number;
  deals: number;
  /** 签约金额（万元） */
  dealAmount: number;
  /** Enterprises with at least one deal. */
  enterprisesWithDeals: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function eventFigures(e: {
  institutionIds: readonly number[];
  participants: readonly EventParticipant[];
  needsRaised: number;
  deals: readonly EventDeal[];
}): EventFigures {
  const invited = e.participants.filter((p) => p.invited);
  const presentInvited = invited.filter((p) => p.present).length;
  return {
    banks: new Set(e.institutionIds).size,
    invited: invited.length,
    present: e.participants.filter((p) => p.present).length,
    attendanceRate: invited.length ? round2((presentInvited / invited.length) * 100) : null,
    walkIns: e.participants.filter((p) => p.present && !p.invited).length,
    needsRaised: e.needsRaised,
    deals: e.deals.length,
    dealAmount: round2(e.deals.reduce((s, d) => s + d.amount, 0)),
    enterprisesWithDeals: new Set(e.deals.map((d) => d.enterpriseId)).size,
  };
}

/** Problems of an event's rows: deals only with banks of the event and enterprises present; participants once each. */
export function eventProblems(e: {
  title: string;
  institutionIds: readonly number[];
  participants: readonly EventParticipant[];
  needsRaised: number;
  deals: readonly EventDeal[];
}): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (!e.title.trim()) out.push({ field: '活动名称', message: '不能为空' });
  if (!Number.isInteger(e.needsRaised) || e.needsRaised < 0) out.push({ field: '提出需求数', message: '应为非负整数' });
  const seen = new Set<number>();
  for (const p of e.participants) {
    if (seen.has(p.enterpriseId)) out.push({ field: '参会企业', message: '同一企业只能列出一次' });
    seen.add(p.enterpriseId);
    if (!p.invited && !p.present) out.push({ field: '参会企业', message: '企业应为受邀或到场' });
  }
  const banks = new Set(e.institutionIds);
  const present = new Set(e.participants.filter((p) => p.present).map((p) => p.enterpriseId));
  e.deals.forEach((d, i) => {
    if (!banks.has(d.institutionId)) out.push({ field: `签约第${i + 1}项 金融机构`, message: '应为参加本次活动的金融机构' });
    if (!present.has(d.enterpriseId)) out.push({ field: `签约第${i + 1}项 企业`, message: '应为到场企业' });
    if (!(d.amount > 0)) out.push({ field: `签约第${i + 1}项 金额`, message: '应大于 0（万元）' });
  });
  return out;
}
