import { Badge, Button, Card, Empty, List, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import { useFetch } from '../shared/use-fetch.js';

interface Message {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** The user's inbox (policy pushes and other notices); opening a message marks it read. */
export function MessagesPage() {
  const { data, reload } = useFetch<Message[]>('/api/inbox/messages?limit=100');
  const [open, setOpen] = useState<number | null>(null);
  const read = async (m: Message) => {
    setOpen(open === m.id ? null : m.id);
    if (!m.read_at) {
      await api(`/api/inbox/messages/${m.id}/read`, { method: 'POST' });
      await reload();
    }
  };
  return (
    <Card title="我的消息">
      {data && data.length === 0 && <Empty description="暂无消息" />}
      <List
        dataSource={data ?? []}
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
    </Card>
  );
}
