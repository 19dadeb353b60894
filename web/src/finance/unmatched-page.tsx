import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Space, Tag, Typography } from 'antd';
import { $api, client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';

/** 区金融办: open needs without any eligible product in force, to follow up by hand. */
export function UnmatchedNeedsPage() {
  const { user } = useSession();
  const canNote = hasRole(user, ['office', 'admin', 'unit_staff']);
  const list = $api.useQuery('get', '/api/finance/needs/unmatched', { params: { query: {} } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        未匹配融资需求
      </Typography.Title>
      <Typography.Text type="secondary">没有符合条件在售产品的对接中需求（“无法判断”表示企业档案缺少信息），请人工跟进。</Typography.Text>
      <QueryState query={list}>
        {(l) =>
          l.length === 0 ? (
            <Empty description="所有对接中的需求都有符合条件的产品" />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="unmatched-list">
              {l.map((n) => (
                <Card key={n.id} size="small" title={n.enterprise} extra={<Tag>{n.postedOn}</Tag>}>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    {n.amount} 万元 · {n.termMonths} 个月 · {n.loanKind} · {n.urgency}：{n.purpose}
                  </Typography.Paragraph>
                  <Space wrap style={{ marginBottom: 4 }}>
                    <Tag color="gold">无法判断 {n.unknown}</Tag>
                    <Tag>担保：{n.collateral.length ? n.collateral.join('、') : '无（信用）'}</Tag>
                  </Space>
                  {n.followups.map((f) => (
                    <div key={f.id}>
                      <Typography.Text type="secondary">
                        {new Date(f.at).toLocaleDateString('zh-CN')} {f.by}：
                      </Typography.Text>
                      {f.note}
                    </div>
                  ))}
                  {canNote && <FollowupInput needId={n.id} />}
                </Card>
              ))}
            </Space>
          )
        }
      </QueryState>
    </Space>
  );
}

function FollowupInput({ needId }: { needId: number }) {
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  return (
    <Flex gap={8} style={{ marginTop: 8 }}>
      <Input placeholder="记录跟进情况" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      <Button
        disabled={!note.trim()}
        onClick={async () => {
          try {
            await client.POST('/api/finance/needs/{needId}/followups', { params: { path: { needId } }, body: { note } });
          } catch (e) {
            return message.error(errorText(e));
          }
          setNote('');
          await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/needs/unmatched'] });
        }}
      >
        记录
      </Button>
    </Flex>
  );
}
