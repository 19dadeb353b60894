import { Button, Card, Form, Input, Typography, App } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { client, queryClient } from '../api.js';
import { errorText } from '../shared/query-state.js';

export function LoginPage() {
  const { message } = App.useApp();
  const nav = useNavigate();
  const [params] = useSearchParams();
  const onFinish = async (v: { account: string; password: string }) => {
    try {
      await client.POST('/api/auth/login', { body: v });
      // Answers cached before logging in were a visitor's: forget them, and read again what is shown (the session too).
      await queryClient.resetQueries();
      nav(params.get('next') || '/');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card style={{ maxWidth: 400, margin: '80px auto' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        用户登录
      </Typography.Title>
      <Form layout="vertical" onFinish={onFinish}>
        <Form.Item label="账号" name="account" rules={[{ required: true, message: '请输入账号' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          登录
        </Button>
      </Form>
    </Card>
  );
}
