import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { $api, type ApiResponse, client, queryClient } from '../api.js';
import { useSession } from '../auth/session.js';
import { EnterpriseSelect } from '../enterprises/enterprise-select.js';
import { useListParams } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { REPORTER_KIND_LABELS, REPORTER_KINDS, REQUEST_CATEGORIES, type ReporterKind } from '../../../src/requests/core/index.js';
import { errorText, OwnRequestList } from './common.js';

type Reporter = ApiResponse<'/api/requests/reporters', 'get'>[number];

interface ReporterValues {
  kind: ReporterKind;
  name: string;
  account: string;
  organisation: string;
  expertise?: string;
  phone: string;
}

/** 监督员与专家 (measure 51): the office's register of 营商环境监督员 and 咨询专家, each with an account. */
export function ReportersPage() {
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Reporter | null>(null);
  const reporters = $api.useQuery('get', '/api/requests/reporters', {});
  const isOffice = user?.role === 'office' || user?.role === 'admin';
  const register = async (v: ReporterValues) => {
    setBusy(true);
    try {
      const { data } = await client.POST('/api/requests/reporters', { body: { ...v, expertise: v.expertise ?? null } });
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/reporters'] });
      if (data?.oneTimePassword)
        modal.success({
          title: `${v.name}的账号 ${v.account} 已开设`,
          content: (
            <Space direction="vertical">
              <Typography.Text copyable={{ text: data.oneTimePassword }} strong style={{ fontSize: 18 }} data-testid="one-time-password">
                {data.oneTimePassword}
              </Typography.Text>
              <Typography.Text type="secondary">一次性密码只显示这一次，请当面或通过安全渠道告知本人。本人登录后须先修改密码。</Typography.Text>
            </Space>
          ),
        });
      else message.success('已登记');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/reporters'] });
  const save = async (v: Omit<ReporterValues, 'account'>) => {
    if (!editing) return;
    setBusy(true);
    try {
      await client.PUT('/api/requests/reporters/{reporterId}', {
        params: { path: { reporterId: editing.id } },
        body: { name: v.name, kind: v.kind, organisation: v.organisation, expertise: v.expertise?.trim() ? v.expertise : null, phone: v.phone },
      });
      setEditing(null);
      await refresh();
      message.success('已保存');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const setActive = (r: Reporter, active: boolean) =>
    modal.confirm({
      title: active ? `恢复${r.name}？` : `停用${r.name}？`,
      content: active ? '恢复后本人可以重新登录并反映问题。' : '停用后本人不能再登录和反映问题；已反映的问题照常办理。',
      okText: active ? '恢复' : '停用',
      okButtonProps: { danger: !active },
      onOk: async () => {
        try {
          await client.POST('/api/requests/reporters/{reporterId}/active', { params: { path: { reporterId: r.id } }, body: { active } });
          await refresh();
          message.success(active ? '已恢复' : '已停用');
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          营商环境监督员与咨询专家
        </Typography.Title>
        {isOffice && (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            登记监督员或专家
          </Button>
        )}
      </Space>
      <Typography.Text type="secondary">登记后本人用账号登录，反映的问题成为诉求（渠道：监督员或专家），由营商办派单办理；本人可查看办理进度。</Typography.Text>
      <QueryState query={reporters}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            data-testid="reporters"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '还没有登记监督员或专家' }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '类别', key: 'kind', render: (_, r) => REPORTER_KIND_LABELS[r.kind] },
              { title: '工作单位', dataIndex: 'organisation' },
              { title: '专业领域', key: 'expertise', render: (_, r) => r.expertise ?? '—' },
              { title: '联系电话', dataIndex: 'phone' },
              { title: '登记日期', dataIndex: 'registeredOn' },
              { title: '反映问题', key: 'reports', render: (_, r) => `${r.reports} 件（已办结 ${r.closed} 件）` },
              {
                title: '状态',
                key: 'active',
                render: (_, r) => (r.active ? <Tag color="green">在用</Tag> : <Tag>已停用（{r.deactivatedOn}）</Tag>),
              },
              ...(isOffice
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, r: Reporter) => (
                        <Space size={0} wrap>
                          <Button type="link" size="small" onClick={() => setEditing(r)}>
                            修改
                          </Button>
                          <Button type="link" size="small" danger={r.active} onClick={() => setActive(r, !r.active)}>
                            {r.active ? '停用' : '恢复'}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      <Modal open={editing !== null} title={`修改登记信息：${editing?.name ?? ''}`} footer={null} onCancel={() => setEditing(null)} destroyOnHidden>
        {editing && (
          <Form<Omit<ReporterValues, 'account'>>
            layout="vertical"
            onFinish={save}
            initialValues={{ ...editing, expertise: editing.expertise ?? undefined }}
            data-testid="reporter-edit-form"
          >
            <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select options={REPORTER_KINDS.map((k) => ({ value: k, label: REPORTER_KIND_LABELS[k] }))} />
            </Form.Item>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="organisation" label="工作单位" rules={[{ required: true, whitespace: true, message: '请填写工作单位' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="expertise" label="专业领域（专家填写）">
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
              <Input maxLength={20} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
          </Form>
        )}
      </Modal>
      <Modal open={open} title="登记监督员或专家" footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form<ReporterValues> layout="vertical" onFinish={register} initialValues={{ kind: '监督员' }} data-testid="reporter-form">
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={REPORTER_KINDS.map((k) => ({ value: k, label: REPORTER_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="account" label="登录账号" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32 位字母、数字或 _ . -' }]}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="organisation" label="工作单位" rules={[{ required: true, whitespace: true, message: '请填写工作单位' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="expertise" label="专业领域（专家填写）">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            登记并开设账号
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}

interface ReportValues {
  category: (typeof REQUEST_CATEGORIES)[number];
  subject: string;
  description: string;
  enterpriseId?: number | null;
}

/** 我的反映 (监督员 and experts): the report form and their own reports with the progress of each. */
export function MyReportsPage() {
  const list = useListParams();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const [busy, setBusy] = useState(false);
  const reports = $api.useQuery('get', '/api/requests/', { params: { query: { page: list.page, pageSize: 10 } } });
  const submit = async (v: ReportValues) => {
    setBusy(true);
    try {
      const { data } = await client.POST('/api/requests/reports', { body: { ...v, enterpriseId: v.enterpriseId ?? null } });
      message.success(`已提交，编号 ${data?.number ?? ''}`);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        我反映的问题
      </Typography.Title>
      <Collapse
        items={[
          {
            key: 'new',
            label: '反映新问题（营商环境方面的问题、线索和建议）',
            children: (
              <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: '投诉举报' }} data-testid="report-form">
                <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
                  <Select options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: c }))} />
                </Form.Item>
                <Form.Item name="subject" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="description" label="反映的情况" rules={[{ required: true, whitespace: true, message: '请填写反映的情况' }]}>
                  <Input.TextArea rows={4} maxLength={5000} showCount />
                </Form.Item>
                <Form.Item name="enterpriseId" label="所涉企业（选填）">
                  <EnterpriseSelect />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  提交
                </Button>
              </Form>
            ),
          },
        ]}
      />
      <QueryState query={reports}>
        {(data) => <OwnRequestList data={data} onPage={(page) => list.set({ page })} empty="还没有反映过问题" testId="my-reports" />}
      </QueryState>
    </Space>
  );
}
