import { Space, Tag, Typography } from 'antd';
import type { ApiResponse } from '../api.js';

export type Suggestion = ApiResponse<'/api/requests/{requestId}/routing'>['current'][number];

/** The words that made a suggestion, with their weights (标题中出现的词计两倍). */
export function Reasons({ s }: { s: Suggestion }) {
  return (
    <Space size={[4, 4]} wrap>
      {s.reasons.map((r) => (
        <Tag key={r.word} color={r.weight < 0 ? 'red' : r.inSubject ? 'blue' : undefined} data-testid="reason">
          {r.word} {r.weight > 0 ? `+${r.weight}` : r.weight}
          {r.inSubject ? ' ×2（标题）' : ''}
        </Tag>
      ))}
      {s.unitReasons.length > 0 && (
        <Typography.Text type="secondary">单位依据：{s.unitReasons.map((r) => `${r.word} +${r.weight}`).join('、')}</Typography.Text>
      )}
    </Space>
  );
}

/** The top 3 suggestions, each with its score and reasons. */
export function SuggestionList({ items, onPick }: { items: Suggestion[]; onPick?: (s: Suggestion) => void }) {
  if (!items.length) return <Typography.Text type="secondary">未匹配到派单目录中的关键词，请人工选择事项类别和承办单位。</Typography.Text>;
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="suggestions">
      {items.map((s, i) => (
        <div key={s.topicId} style={{ overflowWrap: 'anywhere' }}>
          <Space size={6} wrap>
            <Typography.Text strong>
              {i + 1}. {s.topicName} → {s.unitName ?? '（未设承办单位）'}
            </Typography.Text>
            <Typography.Text type="secondary">得分 {s.score}</Typography.Text>
            {onPick && i > 0 && (
              <Typography.Link onClick={() => onPick(s)} data-testid="pick-suggestion">
                采用
              </Typography.Link>
            )}
          </Space>
          <div>
            <Reasons s={s} />
          </div>
        </div>
      ))}
    </Space>
  );
}
