export { notify, listInbox, unreadCount, markRead, type NotifyParams } from './inbox-store.js';
export { inboxRoutes } from './routes.js';
export { notifiedUsers } from './read-api.js';
