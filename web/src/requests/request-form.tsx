import { App, Button, Form, Input, Select, type UploadFile } from 'antd';
import { useState } from 'react';
import { $api, client, queryClient } from '../api.js';
import { REQUEST_CATEGORIES, STAFF_CHANNELS } from '../../../src/requests/core/index.js';
import { errorText } from './common.js';
import { ATTACHMENT_HINT, AttachmentPicker, toUploads } from './attachments.js';

interface Values {
  category: (typeof REQUEST_CATEGORIES)[number];
  subject: string;
  description: string;
  contactName: string;
  contactPhone: string;
  channel?: (typeof STAFF_CHANNELS)[number];
  enterpriseId?: number;
  attachments?: UploadFile[];
}

/** The filing form: an enterprise's own (channel 网上) or the office's intake (with the channel it came by). */
export function RequestForm({ intake, onDone }: { intake?: boolean; onDone?: (r: { id: number; number: string }) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const base = {
        category: v.category,
        subject: v.subject,
        description: v.description,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        attachments: await toUploads(v.attachments),
      };
      const r = intake
        ? (await client.POST('/api/requests/intake', { body: { ...base, channel: v.channel ?? '电话', enterpriseId: v.enterpriseId ?? null } })).data!
        : (await client.POST('/api/requests/', { body: base })).data!;
      message.success(`已提交，诉求编号 ${r.number}`);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] });
      onDone?.(r);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ category: '求决', channel: '电话' }} data-testid="request-form">
      {intake && (
        <Form.Item name="channel" label="受理渠道" rules={[{ required: true, message: '请选择受理渠道' }]}>
          <Select options={STAFF_CHANNELS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
      )}
      {intake && <EnterpriseField />}
      <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
        <Select options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="subject" label="诉求标题" rules={[{ required: true, whitespace: true, message: '请填写诉求标题' }]}>
        <Input maxLength={100} placeholder="一句话说明诉求，如：厂房用水报装进度慢" />
      </Form.Item>
      <Form.Item name="description" label="诉求内容" rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder="事情经过、涉及的部门或事项、希望如何解决" />
      </Form.Item>
      <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
        <Input maxLength={20} placeholder="手机号或带区号的固定电话" />
      </Form.Item>
      <Form.Item name="attachments" label="附件（选填）" extra={ATTACHMENT_HINT} valuePropName="value">
        <AttachmentPicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        提交诉求
      </Button>
    </Form>
  );
}

/** The firm the request is about (optional): typed-ahead from the enterprise registry; it then follows and rates it. */
function EnterpriseField() {
  const [q, setQ] = useState('');
  const firms = $api.useQuery('get', '/api/enterprises/', { params: { query: { q: q || undefined, limit: 20 } } });
  return (
    <Form.Item name="enterpriseId" label="所涉企业（选填：企业账号可查看进度并评价）">
      <Select
        allowClear
        showSearch
        filterOption={false}
        onSearch={setQ}
        placeholder="输入企业名称或信用代码"
        loading={firms.isFetching}
        options={(firms.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      />
    </Form.Item>
  );
}
