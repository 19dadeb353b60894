import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleTwoTone } from '@ant-design/icons';
import { Typography } from 'antd';
import type { Explanation, Segment } from './model.js';

const ICON = {
  held: <CheckCircleTwoTone twoToneColor="#52c41a" />,
  failed: <CloseCircleTwoTone twoToneColor="#ff4d4f" />,
  missing: <QuestionCircleTwoTone twoToneColor="#fa8c16" />,
};
const WORD = { held: '满足', failed: '不满足', missing: '缺少信息' };

/** The condition-by-condition explanation as a nested list. */
export function ExplanationTree({ e, depth = 0 }: { e: Explanation; depth?: number }) {
  return (
    <div style={{ marginLeft: depth ? 20 : 0 }} data-testid={depth === 0 ? 'explanation' : undefined}>
      <div data-status={e.status} data-testid="explanation-line">
        {ICON[e.status]} <span>{e.text}</span>
        {!e.children && (
          <Typography.Text type="secondary">
            （{WORD[e.status]}
            {e.detail ? `：${e.detail}` : ''}）
          </Typography.Text>
        )}
        {e.supply && e.status === 'missing' && !e.children && (
          <div style={{ marginLeft: 22 }}>
            <Typography.Text type="warning">如何补充：{e.supply}</Typography.Text>
          </div>
        )}
      </div>
      {e.children?.map((c, i) => (
        <ExplanationTree key={i} e={c} depth={depth + 1} />
      ))}
    </div>
  );
}

export function Marked({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} style={{ background: '#fff1b8', padding: 0 }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
