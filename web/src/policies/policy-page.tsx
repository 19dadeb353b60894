import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { STAFF_ROLES } from '../../../src/auth/roles.js';
import { POLICY_EDITORS, POLICY_PUBLISHERS } from '../../../src/policies/core/access.js';
import { $api, client, type ApiBody, type ApiResponse } from '../api.js';
import { UploadButton } from '../shared/upload-button.js';
import { hasRole, useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { invalidatePolicies, type Policy, type RuleVersion, STATUS_LABEL } from './model.js';
import { RuleEditor } from './rule-editor.js';

type PolicyForm = ApiBody<'/api/policies/'>;
type Item = Policy['items'][number];

export function PolicyPage() {
  const { id } = useParams();
  const policy = $api.useQuery('get', '/api/policies/{id}', { params: { path: { id: Number(id) } } });
  return <QueryState query={policy}>{(p) => <PolicyDetails p={p} />}</QueryState>;
}

function PolicyDetails({ p }: { p: Policy }) {
  const { user } = useSession();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<number | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const staff = hasRole(user, STAFF_ROLES);
  const narrow = !Grid.useBreakpoint().md;
  const canEdit = hasRole(user, POLICY_EDITORS);
  const canPublish = hasRole(user, POLICY_PUBLISHERS);
  const act = async (f: () => Promise<string>) => {
    try {
      message.success(await f());
      setErr(null);
      await invalidatePolicies();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const publish = () =>
    act(async () => {
      const { data } = await client.POST('/api/policies/{id}/publish', { params: { path: { id: p.id } } });
      return `已发布${data ? `，推送 ${data.match.notified} 家企业` : ''}`;
    });
  const withdraw = () =>
    act(async () => {
      await client.POST('/api/policies/{id}/withdraw', { params: { path: { id: p.id } } });
      return '已废止';
    });
  const publishRevision = () =>
    act(async () => {
      await client.POST('/api/policies/{id}/revision/publish', { params: { path: { id: p.id } } });
      return '修改已发布，公众看到的政策已更新';
    });
  const discardRevision = () =>
    act(async () => {
      await client.POST('/api/policies/{id}/revision/discard', { params: { path: { id: p.id } } });
      return '已放弃待发布的修改';
    });
  const pending = p.pendingRevision;
  const itemColumns: TableColumnsType<Item> = [
    { title: '事项', dataIndex: 'name', width: 220 },
    { title: '类型', dataIndex: 'kindLabel', width: 90 },
    { title: '支持标准', dataIndex: 'amountText', width: 200 },
    {
      title: '适用条件（现行规则）',
      key: 'rule',
      render: (_, it) =>
        it.rule ? (
          <>
            {it.rule.conditionText}
            <Typography.Text type="secondary">
              （第 {it.rule.version} 版，{it.rule.effectiveFrom} 起）
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">尚未发布规则</Typography.Text>
        ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        styles={{ title: { whiteSpace: 'normal' } }}
        title={
          <Space wrap>
            <span data-testid="policy-title">{p.title}</span>
            <Tag color={STATUS_LABEL[p.status].color}>{STATUS_LABEL[p.status].label}</Tag>
            {p.isDemo && <Tag>演示</Tag>}
          </Space>
        }
        extra={
          <Space>
            {canEdit && <Button onClick={() => nav(`/policies/${p.id}/edit`)}>编辑</Button>}
            {canPublish && p.status !== 'published' && (
              <Button type="primary" onClick={publish}>
                发布并推送
              </Button>
            )}
            {canPublish && p.status === 'published' && (
              <Button danger onClick={withdraw}>
                废止
              </Button>
            )}
          </Space>
        }
      >
        {err && <Alert type="error" message={err} style={{ marginBottom: 12 }} />}
        {pending && (
          <Alert
            type="warning"
            showIcon
            data-testid="pending-revision"
            style={{ marginBottom: 12 }}
            message={`有待发布的修改（${pending.by}，${new Date(pending.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}）：标题“${pending.policy.title}”`}
            description={
              canPublish ? '已发布的政策修改后须经营商办发布才对公众生效；此前公众看到的仍是下面的已发布版本。' : '修改已提交，待营商办发布后对公众生效。'
            }
            action={
              canPublish ? (
                <Space direction="vertical">
                  <Button size="small" type="primary" onClick={publishRevision}>
                    发布修改
                  </Button>
                  <Button size="small" onClick={discardRevision}>
                    放弃修改
                  </Button>
                </Space>
              ) : undefined
            }
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="文号">{p.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="发文单位">{p.issuer}</Descriptions.Item>
          <Descriptions.Item label="发布日期">{p.publishedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="有效期">
            {p.validFrom ?? '…'} 至 {p.validTo ?? '长期'}
          </Descriptions.Item>
          <Descriptions.Item label="主题">
            {p.topics.map((t) => (
              <Tag key={t}>{t}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="附件">
            <Space wrap>
              {p.attachments.length
                ? p.attachments.map((a) => (
                    <a key={a.url} href={a.url}>
                      {a.name}
                    </a>
                  ))
                : '—'}
              {canEdit && (
                <UploadButton<ApiResponse<'/api/policies/{id}/attachments', 'post'>>
                  url={`/api/policies/${p.id}/attachments`}
                  onUploaded={async () => {
                    setErr(null);
                    await invalidatePolicies();
                  }}
                  onFailed={(e) => setErr(errorText(e))}
                >
                  <Button size="small">上传附件</Button>
                </UploadButton>
              )}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {p.interpretation && (
          <Alert
            type="info"
            style={{ margin: '12px 0' }}
            message="政策解读"
            description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.interpretation}</Typography.Paragraph>}
          />
        )}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="policy-body">
          {p.body}
        </Typography.Paragraph>
      </Card>
      <Card title="政策事项与适用条件">
        {/* On a phone a visitor reads each item as a card; staff keep the table (with its rule versions), scrolled sideways. */}
        {narrow && !staff ? (
          <ResponsiveTable<Item> rowKey="id" dataSource={p.items} pagination={false} columns={itemColumns} cardTitle={(it) => it.name} cardOmit={['name']} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            dataSource={p.items}
            pagination={false}
            expandable={
              staff
                ? {
                    expandedRowRender: (it) => (
                      <Space direction="vertical" style={{ width: '100%' }}>
                        <Table<RuleVersion>
                          size="small"
                          rowKey="id"
                          dataSource={it.versions ?? []}
                          pagination={false}
                          title={() => '规则版本'}
                          columns={[
                            { title: '版本', dataIndex: 'version', width: 60 },
                            {
                              title: '状态',
                              dataIndex: 'status',
                              width: 80,
                              render: (s: RuleVersion['status']) => (
                                <Tag color={s === 'published' ? 'green' : 'default'}>{s === 'published' ? '已发布' : '草稿'}</Tag>
                              ),
                            },
                            { title: '生效', width: 200, render: (_, v) => `${v.effectiveFrom} 至 ${v.effectiveTo ?? '—'}` },
                            { title: '条件', dataIndex: 'conditionText' },
                            { title: '金额', dataIndex: 'amountRuleText', width: 200 },
                          ]}
                        />
                        {canEdit &&
                          (editing === it.id ? (
                            <RuleEditor item={it} canPublish={canPublish} onSaved={() => void invalidatePolicies()} />
                          ) : (
                            <Button onClick={() => setEditing(it.id)} data-testid="rule-edit">
                              设置规则
                            </Button>
                          ))}
                        <Link to={`/policies/funnel/${it.id}`}>应享尽享情况 →</Link>
                      </Space>
                    ),
                  }
                : undefined
            }
            columns={itemColumns}
            scroll={narrow ? { x: 720 } : undefined}
          />
        )}
        <div style={{ marginTop: 12 }}>
          <Link to="/policies/calculator">
            <Button type="primary">用政策计算器看看能否享受</Button>
          </Link>
        </div>
      </Card>
    </Space>
  );
}

const KINDS = [
  ['subsidy', '资金补贴'],
  ['award', '奖励'],
  ['tax', '税费减免'],
  ['loan', '融资支持'],
  ['rent', '房租减免'],
  ['service', '服务支持'],
  ['other', '其他'],
];

export function PolicyEditPage() {
  const { id } = useParams();
  const policy = $api.useQuery('get', '/api/policies/{id}', { params: { path: { id: Number(id) } } }, { enabled: !!id });
  if (!id) return <PolicyEditForm p={null} />;
  return <QueryState query={policy}>{(p) => <PolicyEditForm p={p} />}</QueryState>;
}

function PolicyEditForm({ p }: { p: Policy | null }) {
  const nav = useNavigate();
  const { message } = App.useApp();
  const [err, setErr] = useState<string | null>(null);
  // A published policy with a pending revision is edited from that revision (not from the public text).
  const initial: Partial<PolicyForm> = p?.pendingRevision
    ? { ...p.pendingRevision.policy }
    : p
      ? { ...p, items: p.items.map((i) => ({ id: i.id, name: i.name, kind: i.kind, amountText: i.amountText, description: i.description })) }
      : { items: [{ name: '', kind: 'subsidy' }] };
  const onFinish = async (v: PolicyForm) => {
    try {
      const body = { ...v, attachments: p?.attachments ?? [] };
      const { data: r } = p ? await client.PUT('/api/policies/{id}', { params: { path: { id: p.id } }, body }) : await client.POST('/api/policies/', { body });
      await invalidatePolicies();
      if (r?.pendingRevision) message.info('该政策已发布：修改已保存为待发布版本，营商办发布后对公众生效');
      if (r) nav(`/policies/${r.id}`);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <Card title={p ? '编辑政策' : '新建政策'}>
      <Form<PolicyForm> layout="vertical" initialValues={initial} onFinish={onFinish}>
        <Form.Item name="title" label="标题" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="docNumber" label="文号">
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="issuer" label="发文单位" rules={[{ required: true }]}>
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="publishedOn" label="发布日期">
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="validFrom" label="有效期起">
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="validTo" label="有效期止">
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Space>
        <Form.Item name="topics" label="主题">
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="body" label="正文">
          <Input.TextArea rows={10} />
        </Form.Item>
        <Form.Item name="interpretation" label="政策解读">
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Card size="small" title="政策事项" extra={<Button onClick={() => add({ name: '', kind: 'subsidy' })}>添加事项</Button>}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} label="事项名称" rules={[{ required: true }]}>
                    <Input style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} label="类型">
                    <Select style={{ width: 120 }} options={KINDS.map(([v, l]) => ({ value: v, label: l }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amountText']} label="支持标准（原文）">
                    <Input style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} label="说明">
                    <Input style={{ width: 240 }} />
                  </Form.Item>
                  <Button style={{ marginTop: 30 }} danger onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
            </Card>
          )}
        </Form.List>
        {err && <Alert type="error" message={err} style={{ marginTop: 12 }} />}
        <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
