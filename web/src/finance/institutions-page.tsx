import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { FINANCE_INSTITUTION_KINDS } from '../../../src/finance/core/labels.js';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';

type Institution = ApiResponse<'/api/finance/institutions', 'get'>[number];
type InstitutionBody = ApiBody<'/api/finance/institutions', 'post'>;
type AccountBody = ApiBody<'/api/finance/bank-accounts', 'post'>;

/**
 * 区金融办: the register of financial institutions (head offices and their branches) and the bank staff accounts,
 * each linked to one institution row (a head office's account acts for its branches too). Leaders read.
 */
export function FinanceInstitutionsPage() {
  const { user } = useSession();
  const canEdit = hasRole(user, ['office', 'admin', 'unit_staff']);
  const { message } = App.useApp();
  const institutions = $api.useQuery('get', '/api/finance/institutions');
  const accounts = $api.useQuery('get', '/api/finance/bank-accounts');
  const [editing, setEditing] = useState<Institution | 'new' | null>(null);
  const [newAccount, setNewAccount] = useState(false);
  const [oneTime, setOneTime] = useState<{ account: string; password: string } | null>(null);
  const [instForm] = Form.useForm<InstitutionBody>();
  const [accForm] = Form.useForm<AccountBody>();
  const [saving, setSaving] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/institutions'] }),
      queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/bank-accounts'] }),
    ]);

  const saveInstitution = async () => {
    const v = await instForm.validateFields();
    setSaving(true);
    try {
      const body: InstitutionBody = { ...v, branch: v.branch || null, parentId: v.parentId ?? null, contact: v.contact || null };
      const r =
        editing && editing !== 'new'
          ? await client.PUT('/api/finance/institutions/{institutionId}', { params: { path: { institutionId: editing.id } }, body })
          : await client.POST('/api/finance/institutions', { body });
      if (r.error) throw r.error;
      message.success('已保存');
      setEditing(null);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  const saveAccount = async () => {
    const v = await accForm.validateFields();
    setSaving(true);
    try {
      const r = await client.POST('/api/finance/bank-accounts', { body: { ...v, password: v.password || undefined } });
      if (r.error) throw r.error;
      setNewAccount(false);
      if (r.data.oneTimePassword) setOneTime({ account: v.account, password: r.data.oneTimePassword });
      else message.success('账号已创建，首次登录须修改密码');
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        金融机构与账号
      </Typography.Title>
      <Typography.Text type="secondary">
        登记金融机构及其分支机构，为机构工作人员创建账号。总行（总部）账号可办理其所有分支机构的产品和申请；分支机构账号只办理本机构的。
      </Typography.Text>
      {oneTime && (
        <Alert
          type="success"
          closable
          onClose={() => setOneTime(null)}
          message={`账号 ${oneTime.account} 已创建`}
          description={
            <>
              一次性密码：
              <Typography.Text copyable code data-testid="one-time-password">
                {oneTime.password}
              </Typography.Text>
              （仅显示这一次，请当面交给本人；首次登录须修改密码）
            </>
          }
        />
      )}
      <Card
        size="small"
        title="金融机构"
        extra={
          canEdit && (
            <Button
              type="primary"
              data-testid="institution-new"
              onClick={() => {
                instForm.resetFields();
                instForm.setFieldsValue({ kind: '银行', active: true });
                setEditing('new');
              }}
            >
              登记机构
            </Button>
          )
        }
      >
        <QueryState query={institutions}>
          {(list) => (
            <Table
              rowKey="id"
              size="small"
              dataSource={list}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: true }}
              data-testid="institution-list"
              columns={[
                {
                  title: '机构',
                  key: 'name',
                  render: (_, r) => (
                    <>
                      {r.displayName}
                      {r.parentName && <Typography.Text type="secondary">（{r.parentName}的分支机构）</Typography.Text>}
                      {!r.active && <Tag style={{ marginLeft: 4 }}>已停用</Tag>}
                    </>
                  ),
                },
                { title: '类型', dataIndex: 'kind', width: 90 },
                { title: '账号', dataIndex: 'staff', width: 60 },
                { title: '在售产品', dataIndex: 'products', width: 80 },
                { title: '联系方式', dataIndex: 'contact', render: (c: string | null) => c ?? '—' },
                ...(canEdit
                  ? [
                      {
                        title: '',
                        key: 'edit',
                        width: 70,
                        render: (_: unknown, r: Institution) => (
                          <Button
                            size="small"
                            onClick={() => {
                              instForm.resetFields();
                              instForm.setFieldsValue({
                                name: r.name,
                                kind: r.kind,
                                branch: r.branch,
                                parentId: r.parentId,
                                contact: r.contact,
                                active: r.active,
                              });
                              setEditing(r);
                            }}
                          >
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
      <Card
        size="small"
        title="金融机构账号"
        extra={
          canEdit && (
            <Button
              type="primary"
              data-testid="bank-account-new"
              onClick={() => {
                accForm.resetFields();
                setNewAccount(true);
              }}
            >
              创建账号
            </Button>
          )
        }
      >
        <QueryState query={accounts}>
          {(list) => (
            <Table
              rowKey="id"
              size="small"
              dataSource={list}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: true }}
              data-testid="bank-account-list"
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '所属机构', dataIndex: 'institution' },
                { title: '创建时间', dataIndex: 'linkedAt', render: (t: string) => new Date(t).toLocaleDateString('zh-CN') },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '登记金融机构' : '修改金融机构'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={saveInstitution}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={instForm} layout="vertical" preserve={false}>
          <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]} extra="总行（总部）名称，如“重庆银行”">
            <Input maxLength={100} data-testid="institution-name" />
          </Form.Item>
          <Form.Item name="kind" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select options={FINANCE_INSTITUTION_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="parentId" label="上级机构" extra="登记分支机构时选择其总行（总部）；总行本身不选">
            <Select
              allowClear
              data-testid="institution-parent"
              options={(institutions.data ?? [])
                .filter((i) => i.parentId === null && (editing === 'new' || editing?.id !== i.id))
                .map((i) => ({ value: i.id, label: i.displayName }))}
            />
          </Form.Item>
          <Form.Item name="branch" label="分支机构" extra="如“渝中支行”；总行（总部）留空">
            <Input maxLength={100} data-testid="institution-branch" />
          </Form.Item>
          <Form.Item name="contact" label="联系方式">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={newAccount}
        title="创建金融机构账号"
        okText="创建"
        cancelText="取消"
        confirmLoading={saving}
        onOk={saveAccount}
        onCancel={() => setNewAccount(false)}
        destroyOnHidden
      >
        <Form form={accForm} layout="vertical" preserve={false}>
          <Form.Item name="institutionId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="bank-account-institution"
              options={(institutions.data ?? []).filter((i) => i.active).map((i) => ({ value: i.id, label: i.displayName }))}
            />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={50} data-testid="bank-account-name" />
          </Form.Item>
          <Form.Item
            name="account"
            label="登录账号"
            rules={[
              { required: true, message: '请填写登录账号' },
              { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '须为3–32位字母、数字或 _ . -' },
            ]}
          >
            <Input maxLength={32} data-testid="bank-account-account" />
          </Form.Item>
          <Form.Item name="password" label="初始密码" extra="留空则生成一次性密码；首次登录须修改密码">
            <Input.Password maxLength={200} autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
