/**
 * The kinds of inbox notices, each with the label a person sees (the inbox's filter and tag). Defined once
 * here: the server's contract takes its enum from this list and the web imports the labels. A capability that
 * sends a new kind of notice adds it here first (`notify` accepts only these kinds).
 */
export const NOTICE_KINDS = {
  'ledger.report': '报告待审核',
  'ledger.review': '审核结果',
  'ledger.order': '督查督办',
  'ledger.flag': '预警提醒',
  'ledger.reminder': '到期提醒',
  'ledger.bulletin': '定期通报',
  'ledger.instruction': '领导批示',
  policy: '政策推送',
  'request.filed': '新诉求',
  'request.routed': '诉求派单',
  'request.answered': '诉求答复',
  'request.returned': '诉求退单',
  'request.reopened': '诉求重办',
  'request.escalated': '问题工单',
  'request.hold': '挂起延期',
  'request.reminder': '诉求到期提醒',
  'request.urged': '诉求催办',
  'inspection.risk': '风险预警线索',
  'finance.application': '融资申请',
  'finance.decision': '融资申请结果',
  'finance.reminder': '融资到期提醒',
} as const satisfies Record<string, string>;

export type NoticeKind = keyof typeof NOTICE_KINDS;

/** Every kind, in the order the filter lists them. */
export const NOTICE_KIND_LIST = Object.keys(NOTICE_KINDS) as NoticeKind[];

/** The label of a stored kind; a kind no longer defined (an old row) shows as 其他. */
export function noticeKindLabel(kind: string): string {
  return Object.hasOwn(NOTICE_KINDS, kind) ? NOTICE_KINDS[kind as NoticeKind] : '其他';
}

export const isNoticeKind = (kind: string): kind is NoticeKind => Object.hasOwn(NOTICE_KINDS, kind);

/** Notices a page of the inbox shows at most. */
export const MAX_PAGE_SIZE = 100;
/** The inbox's default page size. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * A title cut to `max` characters (with …), so a notice's title stays one readable line while still naming the
 * task; whitespace runs become one space.
 *
 * @example shortText('推进水电气讯等市政接入工程涉及的行政审批在线并联办理', 12) // '推进水电气讯等市政接入…' (12 characters)
 */
export function shortText(text: string, max = 30): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const chars = [...t];
  return chars.length <= max ? t : `${chars.slice(0, max - 1).join('')}…`;
}
