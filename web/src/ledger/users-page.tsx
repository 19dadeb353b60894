import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Form, Grid, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { QueryState, QueryError } from '../shared/query-state.js';
import { ROLE_LABELS } from '../../../src/auth/roles.js';
import { EnterpriseSelect } from '../enterprises/enterprise-select.js';
import { errorText, useRoles, useUnits } from './common.js';

type UserRow = ApiResponse<'/api/ledger/users'>[number];
type NewUser = ApiBody<'/api/ledger/users'>;
type AccountChange = ApiBody<'/api/ledger/users/{userId}', 'put'>;
type Role = NewUser['role'];

const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/ledger/users'] });

/** A one-time password, shown once: the office hands it to the person, who must change it at the first login. */
function showOneTimePassword(modal: ReturnType<typeof App.useApp>['modal'], who: string, password: string) {
  modal.success({
    title: `${who}的一次性密码`,
    content: (
      <Space direction="vertical">
        <Typography.Text copyable={{ text: password }} strong style={{ fontSize: 18 }} data-testid="one-time-password">
          {password}
        </Typography.Text>
        <Typography.Text type="secondary">只显示这一次，请当面或通过安全渠道告知本人。本人用它登录后须先修改密码。</Typography.Text>
      </Space>
    ),
  });
}

/** The fields of an account both forms share: name, role, and the units or the firm the role needs. */
function AccountFields({ roles, known }: { roles: Role[]; known?: UserRow['enterprise'] }) {
  const units = useUnits();
  const role = Form.useWatch<Role | undefined>('role');
  return (
    <>
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input maxLength={50} placeholder="使用人的真实姓名，如“张三”" />
      </Form.Item>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      </Form.Item>
      {role === 'unit_staff' && (
        <Form.Item name="units" label="所属单位" rules={[{ required: true, message: '单位工作人员须至少属于一个单位' }]}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            placeholder="输入单位名称搜索"
            options={(units.data ?? []).map((u) => ({ value: u.name, label: u.name }))}
            loading={units.isPending}
          />
        </Form.Item>
      )}
      <QueryError query={units} />
      {role === 'enterprise' && (
        <Form.Item name="enterpriseId" label="所属企业" rules={[{ required: true, message: '企业账号须选择所属企业' }]}>
          <EnterpriseSelect known={known} testId="account-enterprise" />
        </Form.Item>
      )}
    </>
  );
}

export function UsersPage() {
  const { message, modal } = App.useApp();
  const { user } = useRoles();
  const users = $api.useQuery('get', '/api/ledger/users', {});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [createForm] = Form.useForm<NewUser>();
  const [editForm] = Form.useForm<AccountChange>();
  const narrow = !Grid.useBreakpoint().md;
  if (!user) return null; // the shell shows 请先登录
  const isAdmin = user.role === 'admin';
  const roles: Role[] = isAdmin ? ['unit_staff', 'leader', 'enterprise', 'office', 'admin'] : ['unit_staff', 'leader', 'enterprise'];
  const mayManage = (u: UserRow) => u.id !== user.id && (isAdmin || (u.role !== 'office' && u.role !== 'admin'));

  const create = async (v: NewUser) => {
    try {
      const { data } = await client.POST('/api/ledger/users', { body: { ...v, password: v.password || undefined } });
      message.success(`已创建 ${v.name} 的账号`);
      setCreating(false);
      createForm.resetFields();
      await refresh();
      if (data?.oneTimePassword) showOneTimePassword(modal, v.name, data.oneTimePassword);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const save = async (v: AccountChange) => {
    if (!editing) return;
    try {
      await client.PUT('/api/ledger/users/{userId}', { params: { path: { userId: editing.id } }, body: v });
      message.success(`已保存 ${v.name} 的账号`);
      setEditing(null);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const setActive = async (u: UserRow, active: boolean) => {
    try {
      await client.PATCH('/api/ledger/users/{userId}', { params: { path: { userId: u.id } }, body: { active } });
      message.success(active ? `已启用 ${u.name} 的账号` : `已停用 ${u.name} 的账号`);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const reset = async (u: UserRow) => {
    try {
      const { data } = await client.POST('/api/ledger/users/{userId}/password-reset', { params: { path: { userId: u.id } } });
      await refresh();
      if (data) showOneTimePassword(modal, u.name, data.oneTimePassword);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const openEdit = (u: UserRow) => {
    setEditing(u);
    editForm.setFieldsValue({ name: u.name, role: u.role, units: u.units, enterpriseId: u.enterprise?.id ?? null });
  };

  const status = (u: UserRow) => (
    <Space size={4} wrap>
      {u.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
      {u.mustChangePassword && <Tag color="orange">待改初始密码</Tag>}
      {u.locked_until && new Date(u.locked_until) > new Date() && (
        <Tag color="red">锁定至 {new Date(u.locked_until).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Tag>
      )}
    </Space>
  );
  const belongs = (u: UserRow) => (u.enterprise ? <Tag>{u.enterprise.name}</Tag> : u.units.map((n) => <Tag key={n}>{n}</Tag>));
  const actions = (u: UserRow) =>
    mayManage(u) ? (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => openEdit(u)} data-testid={`account-edit-${u.account}`}>
          编辑
        </Button>
        <Popconfirm
          title={`重置 ${u.name} 的密码？`}
          description="将生成一次性密码，其当前登录随之失效，下次登录须修改密码。"
          okText="重置"
          cancelText="取消"
          onConfirm={() => reset(u)}
        >
          <Button type="link" size="small" data-testid={`account-reset-${u.account}`}>
            重置密码
          </Button>
        </Popconfirm>
        {u.active ? (
          <Popconfirm
            title={`停用 ${u.name} 的账号？`}
            description="停用后不能登录，其当前登录随之失效；可再启用。"
            okText="停用"
            cancelText="取消"
            onConfirm={() => setActive(u, false)}
          >
            <Button type="link" size="small" danger data-testid={`account-disable-${u.account}`}>
              停用
            </Button>
          </Popconfirm>
        ) : (
          <Button type="link" size="small" onClick={() => setActive(u, true)} data-testid={`account-enable-${u.account}`}>
            启用
          </Button>
        )}
      </Space>
    ) : null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          账号管理
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="account-new">
          新增账号
        </Button>
      </Space>
      <QueryState query={users}>
        {(rows) =>
          narrow ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              {rows.map((u) => (
                <Card key={u.id} size="small" title={<span data-testid={`account-row-${u.account}`}>{u.name}</span>} extra={ROLE_LABELS[u.role]}>
                  <Space direction="vertical" size={4} style={{ width: '100%' }}>
                    <Typography.Text type="secondary">登录账号：{u.account}</Typography.Text>
                    <div>{belongs(u)}</div>
                    {status(u)}
                    {actions(u)}
                  </Space>
                </Card>
              ))}
            </Space>
          ) : (
            <Card size="small" styles={{ body: { padding: 0 } }}>
              <Table<UserRow>
                size="small"
                rowKey="id"
                dataSource={rows}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: true }}
                columns={[
                  { title: '姓名', dataIndex: 'name', render: (n: string, u) => <span data-testid={`account-row-${u.account}`}>{n}</span> },
                  { title: '登录账号', dataIndex: 'account' },
                  { title: '角色', render: (_, u) => ROLE_LABELS[u.role] },
                  {
                    title: '所属单位或企业',
                    render: (_, u) => belongs(u),
                  },
                  { title: '状态', render: (_, u) => status(u) },
                  { title: '操作', render: (_, u) => actions(u) },
                ]}
              />
            </Card>
          )
        }
      </QueryState>

      <Modal
        title="新增账号"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => createForm.submit()}
        okText="创建"
        cancelText="取消"
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'account-create' }}
      >
        <Form form={createForm} layout="vertical" onFinish={create} initialValues={{ role: 'unit_staff' }} preserve={false}>
          <Form.Item
            name="account"
            label="登录账号"
            extra="3–32 位字母、数字或 _ . -，用于登录"
            rules={[
              { required: true, message: '请填写登录账号' },
              { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '须为3–32位字母、数字或 _ . -' },
            ]}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
          <AccountFields roles={roles} />
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            金融机构（银行等）工作人员的账号须关联所属机构，请在 <Link to="/finance/institutions">金融机构与账号</Link> 页创建。
          </Typography.Paragraph>
          <Form.Item name="password" label="初始密码" extra="可不填：不填则生成一次性密码（只显示一次）。无论哪种，首次登录都须修改密码。">
            <Input.Password autoComplete="new-password" placeholder="至少12位，含字母和数字" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={editing ? `编辑账号：${editing.name}` : ''}
        open={!!editing}
        onCancel={() => setEditing(null)}
        onOk={() => editForm.submit()}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={editForm} layout="vertical" onFinish={save}>
          <AccountFields roles={editing && !roles.includes(editing.role) ? [...roles, editing.role] : roles} known={editing?.enterprise} />
        </Form>
      </Modal>
    </Space>
  );
}
