import { Link } from 'react-router-dom';
import { useState } from 'react';
import { App, Alert, Button, Card, Collapse, Empty, Flex, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ExplanationTree } from '../policies/explanation.js';
import { OUTCOME_LABELS } from '../../../src/policies/core/test-cases.js';
import { FINANCE_COLLATERALS, FINANCE_LOAN_KINDS, FINANCE_NEED_STATUS_LABELS, FINANCE_URGENCIES } from '../../../src/finance/core/labels.js';

type Need = ApiResponse<'/api/finance/needs/mine'>[number];
type Match = ApiResponse<'/api/finance/needs/{needId}/matches'>['matches'][number];
type Body = ApiBody<'/api/finance/needs'>;

const OUTCOME_COLOR = { eligible: 'green', unknown: 'gold', not_eligible: 'default' } as const;

/** The enterprise's financing needs: post and edit, and each need's matched products with the reasons. */
export function FinanceNeedsPage() {
  const { message } = App.useApp();
  const needs = $api.useQuery('get', '/api/finance/needs/mine');
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<Need | 'new' | null>(null);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          融资需求
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="need-add">
          发布融资需求
        </Button>
      </Flex>
      <QueryState query={needs}>
        {(list) =>
          list.length === 0 ? (
            <Empty description="尚未发布融资需求" />
          ) : (
            <List
              data-testid="need-list"
              dataSource={list}
              renderItem={(n) => (
                <Card size="small" style={{ marginBottom: 8, borderColor: selected === n.id ? '#1677ff' : undefined }}>
                  <Flex justify="space-between" wrap gap={8}>
                    <Space direction="vertical" size={2}>
                      <Typography.Text strong>
                        {n.amount} 万元 · {n.termMonths} 个月 · {n.loanKind}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {n.purpose}（{n.postedOn} 发布，{n.urgency}）
                      </Typography.Text>
                      <Space wrap>
                        <Tag color={n.status === 'open' ? 'blue' : 'default'}>{FINANCE_NEED_STATUS_LABELS[n.status]}</Tag>
                        <Tag color="green">符合 {n.eligible}</Tag>
                        <Tag color="gold">无法判断 {n.unknown}</Tag>
                      </Space>
                    </Space>
                    <Space wrap>
                      <Button onClick={() => setSelected(n.id)} data-testid={`need-matches-${n.id}`}>
                        查看匹配产品
                      </Button>
                      {n.status === 'open' && <Button onClick={() => setEditing(n)}>修改</Button>}
                      {n.status === 'open' && (
                        <Button
                          danger
                          onClick={async () => {
                            try {
                              await client.POST('/api/finance/needs/{needId}/close', { params: { path: { needId: n.id } }, body: { reason: '企业关闭' } });
                            } catch (e) {
                              return message.error(errorText(e));
                            }
                            await queryClient.invalidateQueries();
                          }}
                        >
                          关闭
                        </Button>
                      )}
                    </Space>
                  </Flex>
                </Card>
              )}
            />
          )
        }
      </QueryState>
      {selected !== null && <Matches needId={selected} />}
      {editing && <NeedForm need={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function Matches({ needId }: { needId: number }) {
  const q = $api.useQuery('get', '/api/finance/needs/{needId}/matches', { params: { path: { needId } } });
  return (
    <QueryState query={q}>
      {(m) => (
        <Card
          size="small"
          title="匹配结果"
          extra={
            m.matches.length > 0 && (
              <Link to={`/finance/apply/${needId}`} data-testid="apply-link">
                申请融资
              </Link>
            )
          }
          data-testid="need-match-list"
        >
          <Typography.Paragraph type="secondary" data-testid="match-counts">
            {m.asOf} 按企业档案匹配：符合 {m.counts.eligible}，无法判断 {m.counts.unknown}，不符合 {m.counts.notEligible}
          </Typography.Paragraph>
          {m.matches.length === 0 ? (
            <Empty description="暂无在售产品" />
          ) : (
            <Collapse
              items={m.matches.map((x: Match) => ({
                key: x.versionId,
                label: (
                  <Flex wrap gap={8} align="center">
                    <Tag color={OUTCOME_COLOR[x.outcome]}>{OUTCOME_LABELS[x.outcome]}</Tag>
                    <Typography.Text strong>{x.name}</Typography.Text>
                    <Typography.Text type="secondary">{x.institution}</Typography.Text>
                    <Tag>匹配度 {x.fit.score}</Tag>
                  </Flex>
                ),
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Typography.Text>
                      {x.type} · 额度 {x.amountMin}–{x.amountMax} 万元 · 期限 {x.termMin}–{x.termMax} 个月 · 年利率 {x.rateMin}–{x.rateMax}%
                    </Typography.Text>
                    {x.missing.length > 0 && (
                      <Alert
                        type="warning"
                        showIcon
                        message="缺少以下信息，暂无法判断"
                        description={x.missing.map((s) => (
                          <div key={s.text}>
                            {s.text}：{s.supply}
                          </div>
                        ))}
                      />
                    )}
                    <Typography.Text strong>申请条件（逐条）</Typography.Text>
                    <ExplanationTree e={x.explanation} />
                    <Typography.Text strong>匹配度说明</Typography.Text>
                    {x.fit.aspects.map((a) => (
                      <div key={a.aspect}>
                        {a.label}：{a.text}
                      </div>
                    ))}
                  </Space>
                ),
              }))}
            />
          )}
        </Card>
      )}
    </QueryState>
  );
}

function NeedForm({ need, onClose }: { need: Need | null; onClose: () => void }) {
  const [form] = Form.useForm<Body>();
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const body = await form.validateFields();
    try {
      // The client throws every error answer (web/src/api.ts).
      if (need) await client.PUT('/api/finance/needs/{needId}', { params: { path: { needId: need.id } }, body });
      else await client.POST('/api/finance/needs', { body });
    } catch (e) {
      return setError(errorText(e));
    }
    await queryClient.invalidateQueries();
    onClose();
  };
  return (
    <Modal open title={need ? '修改融资需求' : '发布融资需求'} onOk={save} onCancel={onClose} okText="保存" cancelText="取消" destroyOnHidden>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={need ?? { collateral: [], loanKind: '其他', urgency: '一般' }} data-testid="need-form">
        <Form.Item name="amount" label="融资金额（万元）" rules={[{ required: true, message: '请填写融资金额' }]}>
          <InputNumber min={0.01} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="termMonths" label="融资期限（月）" rules={[{ required: true, message: '请填写融资期限' }]}>
          <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="purpose" label="资金用途" rules={[{ required: true, message: '请填写资金用途' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="collateral" label="可提供的担保（不选即信用）">
          <Select mode="multiple" options={FINANCE_COLLATERALS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="loanKind" label="贷款类别">
          <Select options={FINANCE_LOAN_KINDS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="urgency" label="紧急程度">
          <Select options={FINANCE_URGENCIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
