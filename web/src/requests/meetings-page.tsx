import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { DateInput } from '../shared/date-input.js';
import { QueryState } from '../shared/query-state.js';
import { chinaToday } from '../shared/today.js';
import { REQUEST_CATEGORIES } from '../../../src/requests/core/index.js';
import { errorText } from './common.js';
import { FirmMultiSelect } from './firm-multi-select.js';

type Meeting = ApiResponse<'/api/requests/meetings/{meetingId}'>;

interface MeetingValues {
  title: string;
  heldOn: string;
  place: string;
  hostUnitId: number;
  unitIds?: number[];
  enterpriseIds?: number[];
  minutes?: string;
}

/** 政企座谈会 (measure 51): meetings, newest first, with how many of the issues raised are closed. */
export function MeetingsPage() {
  const { user } = useSession();
  const [creating, setCreating] = useState(false);
  const meetings = $api.useQuery('get', '/api/requests/meetings', {});
  const isOffice = user?.role === 'office' || user?.role === 'admin';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          政企座谈会
        </Typography.Title>
        {isOffice && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记座谈会
          </Button>
        )}
      </Space>
      <Typography.Text type="secondary">座谈会上企业提出的每个问题都登记为一件诉求（渠道：座谈会），按时限办理直至办结。</Typography.Text>
      <QueryState query={meetings}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty description="还没有登记座谈会" />
          ) : (
            <List
              data-testid="meetings"
              dataSource={rows}
              renderItem={(m) => (
                <List.Item style={{ padding: '6px 0' }}>
                  <Card size="small" style={{ width: '100%' }}>
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Link to={`/requests/meetings/${m.id}`} style={{ overflowWrap: 'anywhere' }}>
                        {m.title}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.heldOn} · {m.place} · 主办：{m.hostUnitName}
                      </Typography.Text>
                      <IssueProgress issues={m.issues} closed={m.closed} />
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          )
        }
      </QueryState>
      <Modal open={creating} title="登记座谈会" footer={null} onCancel={() => setCreating(false)} destroyOnHidden>
        <MeetingForm onDone={() => setCreating(false)} />
      </Modal>
    </Space>
  );
}

function IssueProgress({ issues, closed }: { issues: number; closed: number }) {
  if (issues === 0) return <Typography.Text type="secondary">未登记问题</Typography.Text>;
  return (
    <Space wrap size={8} data-testid="issue-progress">
      <span>
        问题 {issues} 个，已办结 {closed} 个
      </span>
      <Progress percent={Math.round((closed / issues) * 100)} size="small" style={{ width: 140, margin: 0 }} />
    </Space>
  );
}

function MeetingForm({ meeting, onDone }: { meeting?: Meeting; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<MeetingValues>();
  const [busy, setBusy] = useState(false);
  const units = $api.useQuery('get', '/api/plan/units', {});
  const submit = async (v: MeetingValues) => {
    setBusy(true);
    try {
      const body = {
        title: v.title,
        heldOn: v.heldOn,
        place: v.place,
        hostUnitId: v.hostUnitId,
        unitIds: v.unitIds ?? [],
        enterpriseIds: v.enterpriseIds ?? [],
        minutes: v.minutes ?? '',
      };
      if (meeting) await client.PUT('/api/requests/meetings/{meetingId}', { params: { path: { meetingId: meeting.id } }, body });
      else await client.POST('/api/requests/meetings', { body });
      message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/meetings'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/meetings/{meetingId}'] });
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      data-testid="meeting-form"
      initialValues={
        meeting
          ? {
              title: meeting.title,
              heldOn: meeting.heldOn,
              place: meeting.place,
              hostUnitId: meeting.hostUnitId,
              unitIds: meeting.units.map((u) => u.id),
              enterpriseIds: meeting.enterprises.map((e) => e.id),
              minutes: meeting.minutes,
            }
          : { heldOn: chinaToday() }
      }
    >
      <Form.Item name="title" label="座谈会名称" rules={[{ required: true, whitespace: true, message: '请填写座谈会名称' }]}>
        <Input maxLength={100} placeholder="如：2026 年二季度民营企业座谈会" />
      </Form.Item>
      <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DateInput style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="hostUnitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
        <Select showSearch optionFilterProp="label" options={unitOptions} data-testid="host-unit" />
      </Form.Item>
      <Form.Item name="unitIds" label="参会单位">
        <Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions} />
      </Form.Item>
      <Form.Item name="enterpriseIds" label="参会企业">
        <FirmMultiSelect known={meeting?.enterprises} />
      </Form.Item>
      <Form.Item name="minutes" label="会议纪要">
        <Input.TextArea rows={5} maxLength={20000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存
      </Button>
    </Form>
  );
}

/** One meeting: participants, minutes, the issues raised (each a request) and how many are closed. */
export function MeetingPage() {
  const meetingId = Number(useParams().meetingId);
  const { user } = useSession();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const meeting = $api.useQuery('get', '/api/requests/meetings/{meetingId}', { params: { path: { meetingId } } });
  const isOffice = user?.role === 'office' || user?.role === 'admin';
  return (
    <QueryState query={meeting}>
      {(m) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              {m.title}
            </Typography.Title>
            {isOffice && (
              <Space wrap>
                <Button onClick={() => setEditing(true)}>修改信息和纪要</Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  登记提出的问题
                </Button>
              </Space>
            )}
          </Space>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="日期">{m.heldOn}</Descriptions.Item>
            <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
            <Descriptions.Item label="主办单位">{m.hostUnitName}</Descriptions.Item>
            <Descriptions.Item label="参会单位">{m.units.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="参会企业" span={2}>
              {m.enterprises.length
                ? m.enterprises.map((e) => (
                    <Tag key={e.id} style={{ whiteSpace: 'normal', maxWidth: '100%', marginBottom: 4 }}>
                      {e.name}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title="会议纪要">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{m.minutes || '（未填写）'}</Typography.Paragraph>
          </Card>
          <Card size="small" title="提出的问题及办理情况">
            <div style={{ marginBottom: 8 }}>
              <IssueProgress issues={m.issues.length} closed={m.closed} />
            </div>
            <Table
              size="small"
              rowKey="id"
              data-testid="meeting-issues"
              dataSource={m.issues}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '尚未登记问题' }}
              columns={[
                { title: '诉求编号', key: 'number', render: (_, r) => <Link to={`/requests/${r.id}`}>{r.number}</Link> },
                {
                  title: '问题',
                  key: 'subject',
                  render: (_, r) => <span style={{ display: 'inline-block', maxWidth: 260, whiteSpace: 'normal' }}>{r.subject}</span>,
                },
                { title: '类别', dataIndex: 'category' },
                { title: '企业', key: 'firm', render: (_, r) => r.enterpriseName ?? '—' },
                { title: '承办单位', key: 'unit', render: (_, r) => r.unitName ?? '—' },
                { title: '状态', key: 'stage', render: (_, r) => <Tag color={r.stageLabel === '已办结' ? 'green' : 'blue'}>{r.stageLabel}</Tag> },
              ]}
            />
          </Card>
          <Modal open={editing} title="修改座谈会" footer={null} onCancel={() => setEditing(false)} destroyOnHidden>
            <MeetingForm meeting={m} onDone={() => setEditing(false)} />
          </Modal>
          <Modal open={adding} title="登记座谈会上提出的问题" footer={null} onCancel={() => setAdding(false)} destroyOnHidden>
            <IssueForm meeting={m} onDone={() => setAdding(false)} />
          </Modal>
        </Space>
      )}
    </QueryState>
  );
}

interface IssueValues {
  category: (typeof REQUEST_CATEGORIES)[number];
  subject: string;
  description: string;
  enterpriseId?: number;
  contactName: string;
  contactPhone: string;
}

function IssueForm({ meeting, onDone }: { meeting: Meeting; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: IssueValues) => {
    setBusy(true);
    try {
      const { data } = await client.POST('/api/requests/meetings/{meetingId}/issues', {
        params: { path: { meetingId: meeting.id } },
        body: { ...v, enterpriseId: v.enterpriseId ?? null },
      });
      message.success(`已登记为诉求 ${data?.number ?? ''}`);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/meetings/{meetingId}'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/meetings'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/requests/'] });
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<IssueValues> layout="vertical" onFinish={submit} initialValues={{ category: '求决' }} data-testid="issue-form">
      <Form.Item name="enterpriseId" label="提出问题的企业（参会企业）">
        <Select allowClear options={meeting.enterprises.map((e) => ({ value: e.id, label: e.name }))} data-testid="issue-firm" />
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="subject" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
        <Input maxLength={100} placeholder="一句话概括企业提出的问题" />
      </Form.Item>
      <Form.Item name="description" label="具体情况" rules={[{ required: true, whitespace: true, message: '请填写具体情况' }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
        <Input maxLength={20} placeholder="手机号或带区号的固定电话" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        登记为诉求
      </Button>
    </Form>
  );
}
