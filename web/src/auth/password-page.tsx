import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { client } from '../api.js';
import { errorText } from '../shared/query-state.js';
import { NeedLoginPage } from '../shared/access.js';
import { useSession } from './session.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: one's own password; the first page an account with an initial password sees. */
export function PasswordPage() {
  const { user, refresh } = useSession();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user) return <NeedLoginPage page="修改密码" />;
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await client.POST('/api/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      setError(null);
      message.success('密码已修改，其他设备上的登录已失效');
      await refresh();
      nav('/');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="修改密码" style={{ maxWidth: 480 }}>
      {user.mustChangePassword && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          message="当前使用的是初始密码或重置后的一次性密码，请先设置新密码后再使用系统"
          data-testid="must-change"
        />
      )}
      <Typography.Paragraph type="secondary">新密码至少12位，须同时包含字母和数字，不能是常见密码，也不能包含账号名。</Typography.Paragraph>
      <Form<Values> layout="vertical" onFinish={submit}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 12, message: '至少12位' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon message={error} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
