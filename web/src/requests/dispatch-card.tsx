import { Alert, App, Button, Card, Select, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { $api, client, queryClient } from '../api.js';
import { QueryError } from '../shared/query-state.js';
import { errorText, type RequestDetail } from './common.js';
import { OVERRIDABLE_CATEGORIES } from '../../../src/requests/core/index.js';
import { SuggestionList, type Suggestion } from './reasons.js';

/**
 * 派单 by the 派单目录: the suggested topic and unit are pre-filled with the reasons (top 3); the office confirms or
 * changes them. Whether the suggestion was taken is recorded by the server. Without a catalogue, the plain unit
 * choice (`fallback`).
 */
export function DispatchCard({ r, fallback }: { r: RequestDetail; fallback: ReactNode }) {
  const { message } = App.useApp();
  const catalogue = $api.useQuery('get', '/api/requests/catalogue', {});
  const routing = $api.useQuery('get', '/api/requests/{requestId}/routing', { params: { path: { requestId: r.id } } });
  const units = $api.useQuery('get', '/api/plan/units', {});
  const [topicId, setTopicId] = useState<number>();
  const [unitId, setUnitId] = useState<number>();
  const top = routing.data?.current[0];
  useEffect(() => {
    if (top && topicId === undefined) {
      setTopicId(top.topicId);
      setUnitId(top.unitId ?? undefined);
    }
  }, [top, topicId]);
  const topics = (catalogue.data ?? []).filter((t) => t.active);
  if (catalogue.data && topics.length === 0)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message={
            <span>
              派单目录为空，暂无派单建议。<Link to="/requests/catalogue">去设置派单目录</Link>
            </span>
          }
        />
        {fallback}
      </Space>
    );
  const topic = topics.find((t) => t.id === topicId);
  const topicUnitIds = new Set(topic?.units.map((u) => u.unitId));
  const pick = (s: Suggestion) => {
    setTopicId(s.topicId);
    setUnitId(s.unitId ?? undefined);
  };
  const dispatch = async () => {
    if (topicId === undefined || unitId === undefined) return;
    try {
      await client.POST('/api/requests/{requestId}/dispatch', { params: { path: { requestId: r.id } }, body: { topicId, unitId } });
      message.success('已派单');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/{requestId}'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/{requestId}/routing'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const changed = top && (top.topicId !== topicId || top.unitId !== unitId);
  return (
    <Card size="small" title={r.transfers > 0 ? `重新派单（已退单 ${r.transfers} 次）` : '派单'} data-testid="dispatch-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <QueryError query={catalogue} />
        <QueryError query={routing} />
        <Typography.Text type="secondary">派单建议（按标题和内容分词匹配派单目录的关键词；数字为权重，标题中的词计两倍）：</Typography.Text>
        {routing.data && <SuggestionList items={routing.data.current} onPick={pick} />}
        <Space wrap>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="事项类别"
            style={{ width: 180, maxWidth: '100%' }}
            value={topicId}
            onChange={(v: number) => {
              setTopicId(v);
              setUnitId(topics.find((t) => t.id === v)?.units[0]?.unitId);
            }}
            options={topics.map((t) => ({ value: t.id, label: t.name }))}
            data-testid="dispatch-topic"
          />
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="承办单位"
            style={{ width: 240, maxWidth: '100%' }}
            value={unitId}
            onChange={setUnitId}
            options={[
              ...(topic?.units ?? []).map((u) => ({ value: u.unitId, label: u.unitName })),
              ...(units.data ?? []).filter((u) => !topicUnitIds.has(u.id)).map((u) => ({ value: u.id, label: u.name })),
            ]}
            data-testid="dispatch-unit"
          />
          <Button type="primary" onClick={dispatch} disabled={topicId === undefined || unitId === undefined} data-testid="dispatch">
            派单
          </Button>
        </Space>
        {changed && <Typography.Text type="warning">已改动建议的{top.topicId !== topicId ? '事项类别' : '承办单位'}，派单时将记为未采纳建议。</Typography.Text>}
        {topic?.answerDays != null && (OVERRIDABLE_CATEGORIES as readonly string[]).includes(r.category) && (
          <Typography.Text type="secondary">
            该类别的答复时限为 {topic.answerDays} 个工作日（代替{r.category}类的默认时限）。
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
