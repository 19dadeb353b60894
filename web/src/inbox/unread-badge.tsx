import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { $api } from '../api.js';

/**
 * The header's bell with the user's unread count (read again on every navigation and every 60 s), a link to
 * the inbox. Only for a logged-in user: the shell renders it next to the user's name.
 */
export function UnreadBadge() {
  const loc = useLocation();
  const q = $api.useQuery('get', '/api/inbox/unread-count', {}, { refetchInterval: 60_000, staleTime: 0 });
  const first = useRef(true);
  const { refetch } = q;
  // Read again when the page changes (not on the first render: the query has just been read).
  useEffect(() => {
    if (first.current) first.current = false;
    else void refetch();
  }, [loc.pathname, refetch]);
  const n = q.data?.unread ?? 0;
  return (
    <Link
      to="/inbox"
      style={{ color: '#fff', display: 'inline-flex', marginInlineEnd: 6 }}
      title={n ? `${n} 条未读消息` : '我的消息'}
      aria-label={`我的消息，${n} 条未读`}
      data-testid="inbox-bell"
      data-count={n}
    >
      <Badge
        count={n}
        size="small"
        overflowCount={99}
        offset={[4, -2]}
        style={{ backgroundColor: '#fff', color: '#c41d26', boxShadow: 'none', fontWeight: 600 }}
      >
        <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
      </Badge>
    </Link>
  );
}
