import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Select, Space, Tabs, Timeline, Typography, type UploadFile } from 'antd';
import { useState } from 'react';
import { type ApiResponse, client } from '../api.js';
import { REQUEST_CATEGORIES } from '../../../src/requests/core/index.js';
import { errorText, StageTag } from './common.js';
import { ATTACHMENT_HINT, AttachmentPicker, toUploads } from './attachments.js';

type View = ApiResponse<'/api/requests/public/follow', 'post'>;
interface Values {
  category: (typeof REQUEST_CATEGORIES)[number];
  subject: string;
  description: string;
  contactName: string;
  contactPhone: string;
  attachments?: UploadFile[];
}

/** Anonymous filing: name and mobile number; the answer is the number and the query code (shown once). */
function FileForm({ onFiled }: { onFiled: (r: { number: string; queryCode: string }) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const { attachments, ...rest } = v;
      const r = (await client.POST('/api/requests/public', { body: { ...rest, attachments: await toUploads(attachments) } })).data!;
      form.resetFields();
      onFiled(r);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: '求决' }} data-testid="public-request-form">
      <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
        <Select options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="subject" label="诉求标题" rules={[{ required: true, whitespace: true, message: '请填写诉求标题' }]}>
        <Input maxLength={100} placeholder="一句话说明诉求" />
      </Form.Item>
      <Form.Item name="description" label="诉求内容" rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="事情经过、涉及的部门或事项、希望如何解决" />
      </Form.Item>
      <Form.Item name="contactName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label="手机号码"
        rules={[
          { required: true, message: '请填写手机号码' },
          { pattern: /^1[3-9]\d{9}$/, message: '请填写正确的手机号码（11 位）' },
        ]}
      >
        <Input maxLength={11} inputMode="numeric" placeholder="承办单位将通过此号码联系您" />
      </Form.Item>
      <Form.Item name="attachments" label="附件（选填）" extra={ATTACHMENT_HINT}>
        <AttachmentPicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        提交诉求
      </Button>
    </Form>
  );
}

/** Following a request with its number and query code: the steps with dates and units, the answer. */
function FollowForm({ initial }: { initial?: { number: string; code: string } }) {
  const [view, setView] = useState<View>();
  const [creds, setCreds] = useState(initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const follow = async (v: { number: string; code: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      setView((await client.POST('/api/requests/public/follow', { body: v })).data!);
      setCreds(v);
    } catch (e) {
      setView(undefined);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const download = async (id: number, fileName: string) => {
    if (!creds) return;
    const res = await fetch(`/api/requests/public/attachments/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(creds),
    });
    if (!res.ok) return setError('附件下载失败，请重新查询后再试');
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form layout="vertical" onFinish={follow} initialValues={initial} data-testid="follow-form">
        <Form.Item name="number" label="诉求编号" rules={[{ required: true, whitespace: true, message: '请填写诉求编号' }]}>
          <Input maxLength={40} placeholder="如 渝中诉〔2026〕000123号" />
        </Form.Item>
        <Form.Item name="code" label="查询码" rules={[{ required: true, whitespace: true, message: '请填写查询码' }]}>
          <Input maxLength={20} placeholder="提交时显示的 8 位查询码" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          查询进度
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
      {view && (
        <Card size="small" title={view.number} data-testid="follow-result">
          <Descriptions
            column={1}
            size="small"
            items={[
              { label: '状态', children: <StageTag r={{ stage: view.stage, escalated: false, reopens: 0 }} /> },
              { label: '当前', children: view.waitingFor || view.stageLabel },
              { label: '诉求', children: <span style={{ overflowWrap: 'anywhere' }}>{`${view.category} · ${view.subject}`}</span> },
              { label: '受理日期', children: view.filedOn },
              ...(view.unitName ? [{ label: '承办单位', children: view.unitName }] : []),
              ...(view.answerDue && (view.stage === '派单' || view.stage === '办理') ? [{ label: '答复期限', children: view.answerDue }] : []),
              ...(view.answer
                ? [
                    {
                      label: '答复',
                      children: (
                        <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="public-answer">
                          {view.answer}
                        </div>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {view.attachments.length > 0 && (
            <Space wrap style={{ margin: '8px 0' }}>
              {view.attachments.map((a) => (
                <Button key={a.id} size="small" onClick={() => download(a.id, a.fileName)}>
                  {a.fileName}
                </Button>
              ))}
            </Space>
          )}
          <Typography.Title level={5}>办理过程</Typography.Title>
          <Timeline
            data-testid="public-timeline"
            items={view.timeline.map((t) => ({
              children: (
                <div>
                  <Typography.Text strong>{t.label}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {t.onDay}
                    {t.unitName ? ` · ${t.unitName}` : ''}
                  </Typography.Text>
                  {t.note && <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{t.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}

/** 诉求反映 without an account: file (name and mobile number) or follow a request with its number and query code. */
export function PublicRequestPage() {
  const [filed, setFiled] = useState<{ number: string; queryCode: string }>();
  const [tab, setTab] = useState('file');
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        诉求反映
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        无需登录。营商办收到后派给承办单位，按时限答复；凭诉求编号和查询码随时查询办理进度。企业用户登录后可在“我的诉求”中提交和评价。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'file',
            label: '提交诉求',
            children: filed ? (
              <Result
                status="success"
                title="诉求已提交"
                subTitle="请记下诉求编号和查询码（查询码只显示这一次），凭它们查询办理进度。"
                data-testid="public-filed"
                extra={[
                  <Descriptions
                    key="codes"
                    column={1}
                    bordered
                    size="small"
                    styles={{ label: { whiteSpace: 'nowrap' } }}
                    items={[
                      {
                        label: '诉求编号',
                        children: (
                          <Typography.Text copyable data-testid="filed-number">
                            {filed.number}
                          </Typography.Text>
                        ),
                      },
                      {
                        label: '查询码',
                        children: (
                          <Typography.Text copyable strong data-testid="filed-code">
                            {filed.queryCode}
                          </Typography.Text>
                        ),
                      },
                    ]}
                  />,
                  <Space key="next" wrap style={{ marginTop: 16 }}>
                    <Button type="primary" onClick={() => setTab('follow')}>
                      查询进度
                    </Button>
                    <Button onClick={() => setFiled(undefined)}>再提交一件</Button>
                  </Space>,
                ]}
              />
            ) : (
              <FileForm onFiled={setFiled} />
            ),
          },
          {
            key: 'follow',
            label: '查询进度',
            children: <FollowForm key={filed?.number ?? 'none'} initial={filed ? { number: filed.number, code: filed.queryCode } : undefined} />,
          },
        ]}
      />
    </Space>
  );
}
