import { App, Badge, Button, Card, Empty, List, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { errorText, QueryState } from '../shared/query-state.js';

type Message = ApiResponse<'/api/inbox/messages'>[number];

/** The user's inbox (policy pushes and other notices); opening a message marks it read. */
export function MessagesPage() {
  const messages = $api.useQuery('get', '/api/inbox/messages', { params: { query: { limit: 100 } } });
  const { message } = App.useApp();
  const [open, setOpen] = useState<number | null>(null);
  const read = async (m: Message) => {
    setOpen(open === m.id ? null : m.id);
    if (!m.read_at) {
      try {
        await client.POST('/api/inbox/messages/{id}/read', { params: { path: { id: m.id } } });
        await queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[1] === 'string' && q.queryKey[1].startsWith('/api/inbox/') });
      } catch (e) {
        message.error(errorText(e));
      }
    }
  };
  return (
    <Card title="我的消息">
      <QueryState query={messages}>
        {(data) => (data.length === 0 ? <Empty description="暂无消息" /> : <MessageList data={data} open={open} read={read} />)}
      </QueryState>
    </Card>
  );
}

function MessageList({ data, open, read }: { data: Message[]; open: number | null; read: (m: Message) => void }) {
  return (
    <List
      dataSource={data}
      renderItem={(m) => (
        <List.Item data-testid="message" data-read={m.read_at ? 'true' : 'false'} style={{ display: 'block', cursor: 'pointer' }} onClick={() => read(m)}>
          <Badge dot={!m.read_at}>
            <Typography.Text strong={!m.read_at} data-testid="message-title">
              {m.title}
            </Typography.Text>
          </Badge>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            {new Date(m.created_at).toLocaleString('zh-CN')}
          </Typography.Text>
          {open === m.id && (
            <div style={{ marginTop: 8 }} data-testid="message-body">
              <Typography.Paragraph>{m.body}</Typography.Paragraph>
              {m.link && (
                <Link to={m.link} onClick={(e) => e.stopPropagation()}>
                  <Button size="small" type="primary">
                    查看详情
                  </Button>
                </Link>
              )}
            </div>
          )}
        </List.Item>
      )}
    />
  );
}
