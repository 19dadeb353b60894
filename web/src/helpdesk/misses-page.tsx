import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { FaqEditor } from './knowledge-page.js';

type Group = ApiResponse<'/api/helpdesk/misses'>[number];
const SHOWN_WORDINGS = 5;

function MissCard({ g, onMake }: { g: Group; onMake: () => void }) {
  const rest = g.wordings.length - SHOWN_WORDINGS;
  return (
    <Card
      size="small"
      data-testid="miss-group"
      title={<span style={{ whiteSpace: 'normal' }}>{g.question}</span>}
      extra={
        <Button size="small" type="primary" icon={<FileAddOutlined />} onClick={onMake}>
          转为常见问题
        </Button>
      }
    >
      <Space wrap size={4}>
        <Tag color="red">共 {g.count} 次</Tag>
        {g.unanswered > 0 && <Tag color="orange">未能回答 {g.unanswered}</Tag>}
        {g.down > 0 && <Tag color="volcano">差评 {g.down}</Tag>}
        {g.demo > 0 && <Tag>{g.demo === g.count ? '演示' : `含演示 ${g.demo}`}</Tag>}
        <Typography.Text type="secondary">最近 {dayjs(g.lastAskedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
      </Space>
      {g.wordings.length > 1 && (
        <ul style={{ margin: '8px 0 0', paddingLeft: 18 }}>
          {g.wordings.slice(0, SHOWN_WORDINGS).map((w) => (
            <li key={w.text} style={{ overflowWrap: 'anywhere' }}>
              {w.text}
              {w.count > 1 ? `（${w.count}次）` : ''}
            </li>
          ))}
          {rest > 0 && <li>另有 {rest} 种问法</li>}
        </ul>
      )}
    </Card>
  );
}

/**
 * 未答问题 (the office): questions the 智能客服 was not sure of and answers rated 👎 in the last 90 days, grouped by
 * similarity with counts; one step turns a group into an FAQ entry (question and 相似问法 prefilled, the office writes
 * the answer), after which the same question is answered.
 */
export function HelpdeskMissesPage() {
  const { message } = App.useApp();
  const misses = $api.useQuery('get', '/api/helpdesk/misses');
  const [making, setMaking] = useState<{ g: Group; code: string } | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        智能客服未答问题
      </Typography.Title>
      <Typography.Text type="secondary">
        近90天智能客服没有把握回答、或被点“没帮助”的问题，按相似程度归组（同组问法共享主要词语）。转为常见问题后，同样的问题即可直接回答。
      </Typography.Text>
      <QueryState query={misses}>
        {(groups) =>
          groups.length === 0 ? (
            <Empty description="暂无未答问题" />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              {groups.map((g, i) => (
                <MissCard key={g.questionIds[0]} g={g} onMake={() => setMaking({ g, code: `Q${dayjs().format('YYMMDD')}-${i + 1}` })} />
              ))}
            </Space>
          )
        }
      </QueryState>
      {making && (
        <FaqEditor
          faq={null}
          draft={{ code: making.code, question: making.g.question, variants: making.g.wordings.map((w) => w.text).filter((t) => t !== making.g.question) }}
          submit={async (faq) => {
            const { data } = await client.POST('/api/helpdesk/misses/faq', { body: { questionIds: making.g.questionIds, faq } });
            if (data) message.info(`已归入 ${data.resolved} 个问题`);
            await queryClient.invalidateQueries({ queryKey: ['get', '/api/helpdesk/misses'] });
          }}
          onClose={() => setMaking(null)}
        />
      )}
    </Space>
  );
}
