import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { QueryState, QueryError } from '../shared/query-state.js';
import { ROLE_LABELS } from '../../../src/auth/roles.js';
import { errorText, NeedLogin, useRoles, useUnits } from './common.js';

type UserRow = ApiResponse<'/api/ledger/users'>[number];
type NewUser = ApiBody<'/api/ledger/users'>;
type Role = NewUser['role'];

export function UsersPage() {
  const { message } = App.useApp();
  const { user, isOffice } = useRoles();
  const users = $api.useQuery('get', '/api/ledger/users', {}, { enabled: isOffice });
  const units = useUnits(isOffice);
  const [form] = Form.useForm<NewUser>();
  if (!user) return <NeedLogin />;
  if (!isOffice) return <Typography.Text>此页面仅限营商办和系统管理员</Typography.Text>;
  const roles: Role[] = user.role === 'admin' ? ['unit_staff', 'leader', 'office', 'admin', 'enterprise'] : ['unit_staff', 'leader'];
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/ledger/users'] });
  const add = async (v: NewUser) => {
    try {
      await client.POST('/api/ledger/users', { body: v });
      message.success('账号已创建');
      form.resetFields();
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const toggle = async (u: UserRow, active: boolean) => {
    try {
      await client.PATCH('/api/ledger/users/{userId}', { params: { path: { userId: u.id } }, body: { active } });
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        账号管理
      </Typography.Title>
      <Card size="small" title="新增账号">
        <QueryError query={units} />
        <Form form={form} layout="inline" onFinish={add} initialValues={{ role: 'unit_staff' }}>
          <Form.Item name="account" rules={[{ required: true, message: '账号' }]}>
            <Input placeholder="账号（字母数字）" />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, message: '姓名' }]}>
            <Input placeholder="姓名" />
          </Form.Item>
          <Form.Item name="role">
            <Select style={{ width: 140 }} options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="units">
            <Select
              mode="multiple"
              placeholder="所属单位"
              style={{ minWidth: 220 }}
              options={(units.data ?? []).map((u) => ({ value: u.name, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '初始密码' }]}>
            <Input.Password placeholder="初始密码（至少12位，含字母和数字）" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            创建
          </Button>
        </Form>
      </Card>
      <QueryState query={users}>
        {(rows) => (
          <Table<UserRow>
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '账号', dataIndex: 'account' },
              { title: '姓名', dataIndex: 'name' },
              { title: '角色', render: (_, u) => ROLE_LABELS[u.role] },
              { title: '所属单位', render: (_, u) => u.units.map((n) => <Tag key={n}>{n}</Tag>) },
              {
                title: '锁定至',
                render: (_, u) => (u.locked_until && new Date(u.locked_until) > new Date() ? new Date(u.locked_until).toLocaleString('zh-CN') : ''),
              },
              { title: '启用', render: (_, u) => <Switch checked={u.active} disabled={u.id === user.id} onChange={(v) => toggle(u, v)} /> },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
