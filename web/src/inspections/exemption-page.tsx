import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { EXEMPTION_KINDS } from '../../../src/inspections/core/exemption.js';

type List = ApiResponse<'/api/inspections/exemptions/'>;
type Entry = List['items'][number];
type Body = ApiBody<'/api/inspections/exemptions/'>;

const KIND_COLORS: Record<string, string> = { 轻微不罚: 'green', 首违不罚: 'blue', 无过错不罚: 'purple' };

/** 免罚清单: public list of minor violations exempt from penalties; the office adds, edits and retires entries. */
export function ExemptionPage() {
  const { user } = useSession();
  const canEdit = hasRole(user, ['office', 'admin']);
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const list = $api.useQuery('get', '/api/inspections/exemptions/', { params: { query: { all: canEdit || undefined } } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          免罚清单
        </Typography.Title>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="exemption-add">
            新增条目
          </Button>
        )}
      </Flex>
      <QueryState query={list}>
        {(l) => (
          <>
            <Card size="small">
              {l.kinds.map((k) => (
                <div key={k.kind}>
                  <Tag color={KIND_COLORS[k.kind]}>{k.kind}</Tag>
                  <Typography.Text type="secondary">{k.basis}</Typography.Text>
                </div>
              ))}
              <Typography.Text type="secondary">对依法不予行政处罚的，行政机关应当对当事人进行教育（第三十三条第三款）。</Typography.Text>
            </Card>
            <ResponsiveTable<Entry>
              data-testid="exemption-list"
              size="small"
              rowKey={(r) => String(r.id)}
              dataSource={l.items}
              pagination={false}
              emptyText="暂无条目"
              cardTitle={(r) => r.item}
              cardOmit={['item']}
              columns={[
                { key: 'unit', title: '实施部门', render: (_: unknown, r: Entry) => r.unitName ?? '全区通用' },
                {
                  key: 'item',
                  title: '违法行为',
                  render: (_: unknown, r: Entry) => (
                    <>
                      {r.item} {r.isDemo && <Tag>演示</Tag>}
                      {!r.active && <Tag color="default">已停用</Tag>}
                    </>
                  ),
                },
                { key: 'kind', title: '类型', render: (_: unknown, r: Entry) => <Tag color={KIND_COLORS[r.kind]}>{r.kind}</Tag> },
                { key: 'conditions', title: '适用条件', dataIndex: 'conditions' },
                { key: 'violated', title: '违法依据', dataIndex: 'violatedBasis' },
                { key: 'exempt', title: '免罚依据', dataIndex: 'exemptionBasis' },
                ...(canEdit
                  ? [
                      {
                        key: 'edit',
                        title: '',
                        render: (_: unknown, r: Entry) => (
                          <Button size="small" onClick={() => setEditing(r)}>
                            修改
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </QueryState>
      {editing && <EntryForm entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function EntryForm({ entry, onClose }: { entry: Entry | null; onClose: () => void }) {
  const { message } = App.useApp();
  const units = $api.useQuery('get', '/api/plan/units');
  const [form] = Form.useForm<Body & { active: boolean }>();
  const [busy, setBusy] = useState(false);
  const save = async (v: Body & { active: boolean }) => {
    setBusy(true);
    try {
      const body = { ...v, unitId: v.unitId ?? null };
      if (entry) {
        await client.PUT('/api/inspections/exemptions/{id}', { params: { path: { id: entry.id } }, body });
      } else {
        const { active: _a, ...fresh } = body;
        await client.POST('/api/inspections/exemptions/', { body: fresh });
      }
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/exemptions/'] });
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={entry ? '修改免罚清单条目' : '新增免罚清单条目'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          entry ?? {
            unitId: null,
            kind: '首违不罚',
            exemptionBasis: '《行政处罚法》第三十三条第一款',
            active: true,
            item: '',
            conditions: '',
            violatedBasis: '',
          }
        }
      >
        <Form.Item name="unitId" label="实施部门">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全区通用"
            loading={units.isPending}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="item" label="违法行为" rules={[{ required: true, whitespace: true, message: '请填写违法行为' }]}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={EXEMPTION_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="conditions" label="适用条件" rules={[{ required: true, whitespace: true, message: '请填写适用条件' }]}>
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
        <Form.Item name="violatedBasis" label="违法依据" rules={[{ required: true, whitespace: true, message: '请填写违法依据' }]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.Item name="exemptionBasis" label="免罚依据" rules={[{ required: true, whitespace: true, message: '请填写免罚依据' }]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        {entry && (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
