import { useState } from 'react';
import { App, Button, Card, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { errorText, useRoles } from './common.js';

export type Instruction = ApiResponse<'/api/ledger/instructions'>[number];
type TargetKind = ApiBody<'/api/ledger/instructions'>['targetKind'];

/** Every query that shows 批示 (the item's card, the to-do list, the leader view), refetched after a change. */
export const refreshInstructions = () =>
  Promise.all(
    ['/api/ledger/instructions', '/api/ledger/plans/{planId}/todo', '/api/ledger/plans/{planId}/leader'].map((path) =>
      queryClient.invalidateQueries({ queryKey: ['get', path] }),
    ),
  );

/** The page of the item a 批示 is written on. */
export function instructionLink(i: Pick<Instruction, 'targetKind' | 'targetId'>): string {
  if (i.targetKind === 'task') return `/ledger/tasks/${i.targetId}`;
  if (i.targetKind === 'order') return `/ledger/orders/${i.targetId}`;
  return `/ledger/bulletins?cycleId=${i.targetId}`;
}

/** One 批示 with its answer; staff of a unit it reached answer it here. */
export function InstructionItem({ i, showTarget = false }: { i: Instruction; showTarget?: boolean }) {
  const { message } = App.useApp();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      await client.POST('/api/ledger/instructions/{instructionId}/answer', { params: { path: { instructionId: i.id } }, body: { answer } });
      message.success('已答复');
      setAnswer('');
      await refreshInstructions();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="instruction" style={{ width: '100%' }}>
      <Space wrap size={[8, 0]}>
        <Tag color="red">批示</Tag>
        {showTarget && (
          <Link to={instructionLink(i)} data-testid="instruction-target">
            {i.targetTitle}
          </Link>
        )}
        <Typography.Text type="secondary">
          {i.author} · {new Date(i.createdAt).toLocaleString('zh-CN')} · 送达 {i.units.join('、')}
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ margin: '4px 0' }} data-testid="instruction-text">
        {i.text}
      </Typography.Paragraph>
      {i.answer !== null ? (
        <div style={{ background: '#f6ffed', padding: '4px 8px', borderRadius: 4 }} data-testid="instruction-answer">
          <Typography.Text type="success">答复</Typography.Text>（{i.answerUnit ?? ''} {i.answeredBy ?? ''}
          {i.answeredAt ? `，${new Date(i.answeredAt).toLocaleString('zh-CN')}` : ''}）：{i.answer}
        </div>
      ) : i.canAnswer ? (
        <Space.Compact style={{ width: '100%' }}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder="答复批示（落实情况）"
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            data-testid="instruction-answer-input"
          />
          <Button type="primary" disabled={!answer.trim()} loading={busy} onClick={send} data-testid="instruction-answer-send">
            答复
          </Button>
        </Space.Compact>
      ) : (
        <Tag>待答复</Tag>
      )}
    </div>
  );
}

/**
 * The 批示 on an item (a task, an order, a bulletin) with their answers; a leader writes a new one here. On a
 * bulletin the leader chooses the units it goes to (`unitChoices`, starting from `defaultUnitIds`).
 */
export function InstructionsCard({
  targetKind,
  targetId,
  unitChoices,
  defaultUnitIds,
}: {
  targetKind: TargetKind;
  targetId: number;
  unitChoices?: Array<{ id: number; name: string }>;
  defaultUnitIds?: number[];
}) {
  const { message } = App.useApp();
  const { user } = useRoles();
  const isLeader = user?.role === 'leader';
  const list = $api.useQuery('get', '/api/ledger/instructions', { params: { query: { targetKind, targetId } } });
  const [text, setText] = useState('');
  const [unitIds, setUnitIds] = useState<number[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const chosen = unitIds ?? defaultUnitIds ?? [];
  const write = async () => {
    setBusy(true);
    try {
      await client.POST('/api/ledger/instructions', {
        body: { targetKind, targetId, text, ...(unitChoices ? { unitIds: chosen } : {}) },
      });
      message.success('批示已送达相关单位');
      setText('');
      await refreshInstructions();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="领导批示" data-testid="instructions-card">
      <QueryState query={list}>
        {(rows) =>
          rows.length ? (
            <List size="small" dataSource={rows} renderItem={(i) => <List.Item>{<InstructionItem i={i} />}</List.Item>} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无批示" />
          )
        }
      </QueryState>
      {isLeader && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          {unitChoices && (
            <Select
              mode="multiple"
              style={{ width: '100%' }}
              placeholder="送达单位"
              value={chosen}
              onChange={setUnitIds}
              options={unitChoices.map((u) => ({ value: u.id, label: u.name }))}
              data-testid="instruction-units"
            />
          )}
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder="批示内容（送达相关单位，请其答复）"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="instruction-input"
          />
          <Button
            type="primary"
            disabled={!text.trim() || (!!unitChoices && chosen.length === 0)}
            loading={busy}
            onClick={write}
            data-testid="instruction-send"
          >
            批示
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** The 批示 on an issued bulletin: it reaches every unit the bulletin concerns (those with tasks in the plan). */
export function BulletinInstructions({ bulletinId }: { bulletinId: number }) {
  return <InstructionsCard targetKind="bulletin" targetId={bulletinId} />;
}
