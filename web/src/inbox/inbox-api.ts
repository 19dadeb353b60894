import { queryClient } from '../api.js';

/** Reads every inbox answer again (the list pages and the header's unread count) after a change. */
export const refreshInbox = () =>
  queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[1] === 'string' && q.queryKey[1].startsWith('/api/inbox/') });
