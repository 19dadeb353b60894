import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { $api, client, queryClient, type ApiBody, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { chinaToday } from '../shared/today.js';
import { type Problem, problemsOf } from '../shared/problems.js';
import { ErrorAlert, errorText, QueryState } from '../shared/query-state.js';

type YearView = ApiResponse<'/api/calendar/year/{year}'>;
type DayInfo = YearView['days'][number];
type Explanation = ApiResponse<'/api/calendar/add'>;
type Step = Explanation['steps'][number];
type YearData = ApiBody<'/api/calendar/years'>;

const KIND_STYLE: Record<DayInfo['kind'], { bg: string; label: string }> = {
  workday: { bg: '#fff', label: '工作日' },
  weekend: { bg: '#f0f0f0', label: '周末' },
  holiday: { bg: '#ffccc7', label: '节假日' },
  adjusted_workday: { bg: '#bae0ff', label: '调休上班' },
};

const kindTag = (s: Step) => (
  <Tag style={{ background: KIND_STYLE[s.kind].bg }}>
    {KIND_STYLE[s.kind].label}
    {s.holiday ? `·${s.holiday}` : ''}
  </Tag>
);

const stepColumns: TableColumnsType<Step> = [
  { title: '日期', dataIndex: 'date', width: 120 },
  { title: '星期', dataIndex: 'weekday', width: 70 },
  { title: '类型', key: 'kind', width: 140, render: (_, s) => kindTag(s) },
  { title: '计入', key: 'counted', width: 70, render: (_, s) => (s.counted ? s.count : '—') },
  { title: '说明', dataIndex: 'reason' },
];

function MonthGrid({ year, month, days }: { year: number; month: number; days: DayInfo[] }) {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const lead = (first + 6) % 7; // weeks start on Monday
  const cells: Array<DayInfo | null> = [...Array(lead).fill(null), ...days];
  return (
    <Card size="small" title={`${month}月`} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12, textAlign: 'center' }}>
        {['一', '二', '三', '四', '五', '六', '日'].map((w) => (
          <div key={w} style={{ color: '#999' }}>
            {w}
          </div>
        ))}
        {cells.map((d, i) =>
          d ? (
            <div
              key={d.date}
              data-date={d.date}
              data-kind={d.kind}
              title={`${d.date} ${KIND_STYLE[d.kind].label}${d.holiday ? `（${d.holiday}）` : ''}`}
              style={{ background: KIND_STYLE[d.kind].bg, borderRadius: 3, padding: '2px 0', fontWeight: d.kind === 'adjusted_workday' ? 700 : 400 }}
            >
              {Number(d.date.slice(8))}
            </div>
          ) : (
            <div key={`e${i}`} />
          ),
        )}
      </div>
    </Card>
  );
}

function YearCalendar() {
  const years = $api.useQuery('get', '/api/calendar/years');
  const [year, setYear] = useState<number | null>(null);
  const thisYear = Number(chinaToday().slice(0, 4));
  const current = year ?? (years.data ? (years.data.find((y) => y.year === thisYear) ?? years.data[years.data.length - 1])?.year : null) ?? null;
  const view = $api.useQuery('get', '/api/calendar/year/{year}', { params: { path: { year: current ?? 0 } } }, { enabled: current !== null });
  const months = useMemo(() => Array.from({ length: 12 }, (_, i) => (view.data?.days ?? []).filter((d) => Number(d.date.slice(5, 7)) === i + 1)), [view.data]);
  const breaks = useMemo(() => {
    const out: Array<{ name: string; from: string; to: string; days: number }> = [];
    for (const d of view.data?.days ?? []) {
      const last = out[out.length - 1];
      if (d.kind === 'holiday' && d.holiday) {
        if (last && last.name === d.holiday && new Date(`${d.date}T00:00:00Z`).getTime() - new Date(`${last.to}T00:00:00Z`).getTime() === 86400000) {
          last.to = d.date;
          last.days++;
        } else out.push({ name: d.holiday, from: d.date, to: d.date, days: 1 });
      }
    }
    return out;
  }, [view.data]);
  const adjusted = (view.data?.days ?? []).filter((d) => d.kind === 'adjusted_workday');
  return (
    <Card
      title="节假日安排"
      extra={
        <Select
          style={{ width: 120 }}
          value={current ?? undefined}
          onChange={setYear}
          options={(years.data ?? []).map((y) => ({ value: y.year, label: `${y.year}年` }))}
        />
      }
    >
      {years.isError && <ErrorAlert error={years.error} retry={() => void years.refetch()} />}
      {current !== null && (
        <QueryState query={view}>
          {(data) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                依据：{data.notice.title}
                {data.notice.number ? `（${data.notice.number}）` : ''}
                {data.amendments.map((a) => `；${a.title}${a.number ? `（${a.number}）` : ''}`).join('')}
              </Typography.Text>
              <Space wrap>
                {Object.values(KIND_STYLE).map((k) => (
                  <Tag key={k.label} style={{ background: k.bg }}>
                    {k.label}
                  </Tag>
                ))}
              </Space>
              <Space wrap>
                {breaks.map((b) => (
                  <Tag key={b.from} color="red">
                    {b.name} {b.from.slice(5)}～{b.to.slice(5)}（{b.days}天）
                  </Tag>
                ))}
              </Space>
              <Space wrap>
                调休上班：
                {adjusted.map((d) => (
                  <Tag key={d.date} color="blue">
                    {d.date.slice(5)}
                  </Tag>
                ))}
              </Space>
              <Row gutter={[8, 8]}>
                {months.map((days, i) => (
                  <Col key={i} xs={24} sm={12} md={8} lg={6}>
                    <MonthGrid year={data.year} month={i + 1} days={days} />
                  </Col>
                ))}
              </Row>
            </Space>
          )}
        </QueryState>
      )}
    </Card>
  );
}

function DeadlineCalculator() {
  const [result, setResult] = useState<Explanation | null>(null);
  const narrow = !Grid.useBreakpoint().md;
  const [error, setError] = useState<string | null>(null);
  const onFinish = async (v: { from: Dayjs; n: number; unit: Explanation['unit']; businessEnd?: string }) => {
    const query = { from: v.from.format('YYYY-MM-DD'), n: v.n, unit: v.unit, ...(v.businessEnd ? { businessEnd: v.businessEnd } : {}) };
    try {
      const { data } = await client.GET('/api/calendar/add', { params: { query } });
      setResult(data ?? null);
      setError(null);
    } catch (e) {
      setResult(null);
      setError(errorText(e));
    }
  };
  return (
    <Card title="期限计算器">
      <Form layout="inline" onFinish={onFinish} initialValues={{ unit: 'workday', n: 5 }}>
        <Form.Item
          label="起算日"
          name="from"
          rules={[{ required: true, message: '请选择起算日' }]}
          tooltip="受理、收到申请等触发事件的当日；当日不计入期间（民法典第二百零一条）"
        >
          <DatePicker data-testid="calc-from" />
        </Form.Item>
        <Form.Item label="期间" name="n" rules={[{ required: true }]}>
          <InputNumber min={0} max={3660} />
        </Form.Item>
        <Form.Item name="unit">
          <Radio.Group
            options={[
              { value: 'workday', label: '个工作日' },
              { value: 'day', label: '日（自然日）' },
            ]}
          />
        </Form.Item>
        <Form.Item label="业务截止时间" name="businessEnd" tooltip="有业务时间的，停止业务活动的时间为截止时间（民法典第二百零三条）">
          <Input placeholder="如 17:30" style={{ width: 100 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          计算
        </Button>
      </Form>
      {error && <Alert style={{ marginTop: 12 }} type="error" message={error} />}
      {result && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Alert type="success" message={<span data-testid="calc-due">期限届满日：{result.due}</span>} description={result.summary} />
          {result.rules.map((r) => (
            <Typography.Text key={r} type="secondary">
              依据：{r}
            </Typography.Text>
          ))}
          {narrow ? (
            // On a phone each day is a short card, in a box of its own height (the form stays in view).
            <div style={{ maxHeight: 420, overflowY: 'auto' }}>
              <ResponsiveTable<Step>
                rowKey="date"
                pagination={false}
                dataSource={result.steps}
                columns={stepColumns}
                cardTitle={(s) => (
                  <>
                    {s.date}（{s.weekday}） {kindTag(s)}
                  </>
                )}
                cardOmit={['date', 'weekday', 'kind']}
              />
            </div>
          ) : (
            <Table<Step> size="small" rowKey="date" pagination={false} dataSource={result.steps} scroll={{ y: 360 }} columns={stepColumns} />
          )}
        </Space>
      )}
    </Card>
  );
}

function LoadYear() {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const submit = async () => {
    let data: YearData;
    try {
      // Pasted text: the server checks it against the contract and names what is wrong.
      data = JSON.parse(text) as YearData;
    } catch {
      message.error('不是有效的 JSON');
      return;
    }
    try {
      const { data: r } = await client.POST('/api/calendar/years', { body: data });
      setProblems(null);
      if (r) message.success(`已载入${r.year}年节假日安排${r.replaced ? '（替换原有数据）' : ''}`);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/calendar/years'] });
    } catch (e) {
      message.error(errorText(e));
      const found = problemsOf(e);
      setProblems(found.length ? found : null);
    }
  };
  return (
    <Card title="载入新年度节假日安排（营商办）">
      <Typography.Paragraph type="secondary">
        每年国务院办公厅发布次年部分节假日安排的通知后，按通知录入：通知标题与文号、各节日放假日期、调休上班日。系统校验日期是否在当年、是否既放假又上班、节日是否命名等，校验通过后入库并记入审计日志。格式与
        bizenv calendar load 相同。
      </Typography.Paragraph>
      <Input.TextArea
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={
          '{"year":2027,"notice":{"title":"国务院办公厅关于2027年部分节假日安排的通知","number":"国办发明电〔2026〕…号"},"holidays":[{"name":"元旦","days":["2027-01-01"]}],"adjustedWorkdays":[]}'
        }
      />
      <Button style={{ marginTop: 8 }} type="primary" onClick={submit}>
        校验并载入
      </Button>
      {problems && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          message="数据有误，未载入"
          description={
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {p.field ? `${p.field}：` : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Card>
  );
}

export function CalendarPage() {
  const { user } = useSession();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DeadlineCalculator />
      <YearCalendar />
      {user && (user.role === 'office' || user.role === 'admin') && <LoadYear />}
    </Space>
  );
}
