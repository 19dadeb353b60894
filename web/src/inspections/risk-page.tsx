import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { RISK_RULE_KINDS, RISK_RULE_LABELS, RESPONSE_WORKING_DAYS } from '../../../src/inspections/core/risk.js';

type Rule = ApiResponse<'/api/inspections/risk/rules'>[number];
type Flag = ApiResponse<'/api/inspections/risk/flags'>[number];
type RuleBody = ApiBody<'/api/inspections/risk/rules'>;

/** 风险预警与线索推送 (measure 33): the office's rules, the flags with their reasons, the departments' responses. */
export function RiskPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const office = hasRole(user, ['office', 'admin']);
  const rules = $api.useQuery('get', '/api/inspections/risk/rules');
  const [openOnly, setOpenOnly] = useState(true);
  const flags = $api.useQuery('get', '/api/inspections/risk/flags', { params: { query: { open: openOnly || undefined } } });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [answering, setAnswering] = useState<Flag | null>(null);
  const evaluate = async () => {
    try {
      const { data } = await client.POST('/api/inspections/risk/evaluate');
      message.success(data?.text ?? '已评估');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/risk/flags'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        风险预警与线索推送
      </Typography.Title>
      <Typography.Text type="secondary">
        按营商办设定的规则，综合抽查结果、信用风险分类变化和企业诉求（投诉举报），对风险上升的对象预警并推送主管部门；部门应在 {RESPONSE_WORKING_DAYS}{' '}
        个工作日内反馈核查处置情况（协同监管响应）。每日自动评估一次。
      </Typography.Text>
      <Card
        size="small"
        title="预警规则"
        extra={
          office && (
            <Space wrap>
              <Button size="small" onClick={() => setEditing('new')}>
                新增规则
              </Button>
              <Button size="small" type="primary" onClick={evaluate} data-testid="risk-evaluate">
                立即评估
              </Button>
            </Space>
          )
        }
      >
        <QueryState query={rules}>
          {(rs) => (
            <ResponsiveTable<Rule>
              size="small"
              rowKey={(r) => String(r.id)}
              dataSource={rs}
              pagination={false}
              cardTitle={(r) => r.kindLabel}
              cardOmit={['kind']}
              columns={[
                { key: 'kind', title: '类型', dataIndex: 'kindLabel' },
                { key: 'text', title: '规则', dataIndex: 'text' },
                { key: 'active', title: '启用', render: (_, r) => (r.active ? '是' : <Tag>停用</Tag>) },
                { key: 'note', title: '说明', render: (_, r) => r.note ?? '—' },
                ...(office
                  ? [
                      {
                        key: 'edit',
                        title: '操作',
                        render: (_: unknown, r: Rule) => (
                          <Button size="small" onClick={() => setEditing(r)}>
                            修改
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Card size="small" title="预警线索" extra={<Switch checkedChildren="仅待反馈" unCheckedChildren="全部" checked={openOnly} onChange={setOpenOnly} />}>
        <QueryState query={flags}>
          {(fs) => (
            <ResponsiveTable<Flag>
              data-testid="risk-flags"
              size="small"
              rowKey={(r) => String(r.id)}
              dataSource={fs}
              pagination={{ pageSize: 20 }}
              emptyText="暂无预警"
              cardTitle={(r) => r.objectName}
              cardOmit={['object']}
              columns={[
                {
                  key: 'object',
                  title: '对象',
                  render: (_, r) => (
                    <>
                      {r.objectName} {r.isDemo && <Tag>演示</Tag>}
                    </>
                  ),
                },
                { key: 'unit', title: '推送部门', dataIndex: 'unitName' },
                {
                  key: 'reasons',
                  title: '预警原因',
                  render: (_, r) => (
                    <Space direction="vertical" size={0}>
                      {r.reasons.map((x) => (
                        <span key={x}>{x}</span>
                      ))}
                    </Space>
                  ),
                },
                { key: 'flagged', title: '预警日期', dataIndex: 'flaggedOn' },
                {
                  key: 'state',
                  title: '反馈',
                  render: (_, r) =>
                    r.respondedOn ? (
                      <Space direction="vertical" size={0}>
                        <Tag color={r.late ? 'orange' : 'green'}>
                          {r.late ? '逾期反馈' : '已反馈'} {r.respondedOn}
                        </Tag>
                        <Typography.Text type="secondary">{r.response}</Typography.Text>
                      </Space>
                    ) : (
                      <Flex gap={4} wrap align="center">
                        <Tag color={r.late ? 'red' : 'default'}>{r.late ? `已逾期（应于 ${r.respondBy} 前）` : `${r.respondBy} 前反馈`}</Tag>
                        {r.canRespond && (
                          <Button size="small" onClick={() => setAnswering(r)}>
                            反馈
                          </Button>
                        )}
                      </Flex>
                    ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      {editing && <RuleForm rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {answering && <ResponseForm flag={answering} onClose={() => setAnswering(null)} />}
    </Space>
  );
}

function RuleForm({ rule, onClose }: { rule: Rule | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleBody>();
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'recent_problem';
  const save = async (v: RuleBody) => {
    const body: RuleBody = {
      kind: v.kind,
      months: v.kind === 'requests' ? null : (v.months ?? null),
      minCount: v.kind === 'requests' ? (v.minCount ?? null) : null,
      days: v.kind === 'requests' ? (v.days ?? null) : null,
      active: v.active,
      note: v.note || null,
    };
    try {
      if (rule) await client.PUT('/api/inspections/risk/rules/{ruleId}', { params: { path: { ruleId: rule.id } }, body });
      else await client.POST('/api/inspections/risk/rules', { body });
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/risk/rules'] });
      onClose();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Modal open title={rule ? '修改预警规则' : '新增预警规则'} onCancel={onClose} onOk={() => form.submit()} okText="保存" destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={rule ?? { kind: 'recent_problem', months: 12, minCount: 3, days: 90, active: true, note: null }}
      >
        <Form.Item name="kind" label="类型">
          <Select options={RISK_RULE_KINDS.map((k) => ({ value: k, label: RISK_RULE_LABELS[k] }))} />
        </Form.Item>
        {kind === 'requests' ? (
          <>
            <Form.Item name="days" label="统计天数" rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="minCount" label="诉求件数不少于" rules={[{ required: true, message: '请填写件数' }]}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="months" label="月数" rules={[{ required: true, message: '请填写月数' }]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResponseForm({ flag, onClose }: { flag: Flag; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ response: string }>();
  const save = async (v: { response: string }) => {
    try {
      await client.PUT('/api/inspections/risk/flags/{flagId}/response', { params: { path: { flagId: flag.id } }, body: { response: v.response } });
      message.success('已反馈');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/risk/flags'] });
      onClose();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Modal open title={`反馈核查处置情况：${flag.objectName}`} onCancel={onClose} onOk={() => form.submit()} okText="提交" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="response" label="核查处置情况" rules={[{ required: true, whitespace: true, message: '请填写核查处置情况' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
