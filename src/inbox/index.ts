export { notify, listInbox, unreadCount, markRead, markAllRead, resolveNotices, type NotifyParams, type InboxFilter } from './inbox-store.js';
export { inboxRoutes } from './routes.js';
export { notifiedUsers } from './read-api.js';
export { NOTICE_KINDS, noticeKindLabel, shortText, type NoticeKind } from './core/index.js';
