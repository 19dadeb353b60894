import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Collapse, Form, Input, InputNumber, Row, Segmented, Select, Space, Statistic, Typography } from 'antd';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { DateInput } from '../shared/date-input.js';
import { useListParams } from '../shared/list-params.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { FirmMultiSelect } from '../requests/firm-multi-select.js';
import { EVENT_KIND_LABELS, EVENT_KINDS, type EventKind } from '../../../src/finance/core/applications.js';
import { chinaToday } from '../shared/today.js';
import { FirmSelect } from './firm-select.js';

type Events = ApiResponse<'/api/finance/events', 'get'>;
type EventRow = Events['items'][number];

interface EventForm {
  kind: EventKind;
  title: string;
  heldOn: string;
  place?: string;
  institutionIds: number[];
  invited: number[];
  present: number[];
  needsRaised: number;
  deals?: Array<{ enterpriseId: number; institutionId: number; amount: number }>;
}

/** 区金融办 records a 专项对接活动 or 培训: banks, firms invited and present, needs raised, deals signed. */
function NewEvent() {
  const { message } = App.useApp();
  const [form] = Form.useForm<EventForm>();
  const meta = $api.useQuery('get', '/api/finance/applications/meta', {});
  const chosenBanks = Form.useWatch('institutionIds', form) ?? [];
  const bankOptions = (meta.data?.institutions ?? []).map((i) => ({ value: i.id, label: i.name }));
  return (
    <Form<EventForm>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'matchmaking', heldOn: chinaToday(), institutionIds: [], invited: [], present: [], needsRaised: 0, deals: [] }}
      onFinish={async (v) => {
        const ids = [...new Set([...v.invited, ...v.present])];
        try {
          await client.POST('/api/finance/events', {
            body: {
              kind: v.kind,
              title: v.title,
              heldOn: v.heldOn,
              place: v.place || null,
              note: null,
              institutionIds: v.institutionIds,
              participants: ids.map((enterpriseId) => ({ enterpriseId, invited: v.invited.includes(enterpriseId), present: v.present.includes(enterpriseId) })),
              needsRaised: v.needsRaised,
              deals: v.deals ?? [],
            },
          });
          message.success('已登记对接活动');
          form.resetFields();
          await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/events'] });
        } catch (e) {
          message.error(errorText(e));
        }
      }}
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label="类型">
            <Segmented options={EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DateInput />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="place" label="地点">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="institutionIds" label="参加的金融机构">
        <Select mode="multiple" showSearch optionFilterProp="label" options={bankOptions} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="invited" label="受邀企业">
            <FirmMultiSelect />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="present" label="到场企业">
            <FirmMultiSelect />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="needsRaised" label="现场提出融资需求（项）">
        <InputNumber min={0} max={100000} />
      </Form.Item>
      <Form.List name="deals">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>现场签约</Typography.Text>
            {fields.map((f) => (
              <Space key={f.key} wrap align="baseline">
                <Form.Item name={[f.name, 'enterpriseId']} rules={[{ required: true, message: '选择企业（须为到场企业）' }]}>
                  <FirmSelect />
                </Form.Item>
                <Form.Item name={[f.name, 'institutionId']} rules={[{ required: true, message: '选择金融机构' }]}>
                  <Select style={{ width: 220 }} placeholder="金融机构" options={bankOptions.filter((b) => chosenBanks.includes(b.value))} />
                </Form.Item>
                <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: '填写金额' }]}>
                  <InputNumber min={0.01} placeholder="金额（万元）" style={{ width: 140 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add()}>
              添加签约
            </Button>
          </Space>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
        登记
      </Button>
    </Form>
  );
}

/** 银企对接活动 and 培训 with the figures of each and of the year. */
export function FinanceEventsPage() {
  const { user } = useSession();
  const list = useListParams();
  const year = list.num('year') ?? Number(chinaToday().slice(0, 4));
  const events = $api.useQuery('get', '/api/finance/events', { params: { query: { year } } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        银企对接活动
      </Typography.Title>
      <Select
        style={{ width: 110 }}
        value={year}
        onChange={(v) => list.set({ year: v })}
        options={[0, 1, 2].map((i) => ({ value: Number(chinaToday().slice(0, 4)) - i, label: `${Number(chinaToday().slice(0, 4)) - i}年` }))}
        aria-label="年份"
      />
      {user?.role !== 'leader' && <Collapse items={[{ key: 'new', label: '登记对接活动或培训', children: <NewEvent /> }]} />}
      <QueryState query={events}>
        {(data) => (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Row gutter={[12, 12]}>
              {[
                ['活动场次', data.totals.events, '场'],
                ['参加机构', data.totals.banks, '家'],
                ['到场企业', data.totals.present, '家次'],
                ['到场率', data.totals.attendanceRate === null ? '—' : `${data.totals.attendanceRate}%`, ''],
                ['提出需求', data.totals.needsRaised, '项'],
                ['签约', `${data.totals.deals} 笔 / ${data.totals.dealAmount}`, '万元'],
              ].map(([label, value, suffix]) => (
                <Col key={String(label)} xs={12} md={8} xl={4}>
                  <Card size="small">
                    <Statistic title={label} value={value} suffix={suffix} valueStyle={{ fontSize: 18 }} />
                  </Card>
                </Col>
              ))}
            </Row>
            <ResponsiveTable<EventRow>
              data-testid="events"
              rowKey={(r) => String(r.id)}
              size="small"
              pagination={false}
              emptyText="本年尚无对接活动"
              dataSource={data.items}
              cardTitle={(r) => <Typography.Text strong>{r.title}</Typography.Text>}
              cardOmit={['title']}
              columns={[
                { key: 'title', title: '活动', render: (_, r) => r.title },
                { key: 'kind', title: '类型', render: (_, r) => r.kindLabel },
                { key: 'date', title: '日期', render: (_, r) => r.heldOn },
                { key: 'banks', title: '参加机构', render: (_, r) => r.institutions.map((i) => i.name).join('、') || '—' },
                { key: 'firms', title: '受邀/到场', render: (_, r) => `${r.figures.invited} / ${r.figures.present}` },
                { key: 'needs', title: '提出需求', render: (_, r) => r.figures.needsRaised },
                { key: 'deals', title: '签约（笔/万元）', render: (_, r) => `${r.figures.deals} / ${r.figures.dealAmount}` },
              ]}
            />
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
