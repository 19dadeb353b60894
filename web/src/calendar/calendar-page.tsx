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
import dayjs, { type Dayjs } from 'dayjs';
import { UploadOutlined } from '@ant-design/icons';
import { HOLIDAY_NAMES } from '../../../src/calendar/core/types.js';
import { DateInput } from '../shared/date-input.js';
import { UploadButton } from '../shared/upload-button.js';
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

type YearForm = ApiBody<'/api/calendar/years/form'>;
type HolidayRow = YearForm['holidays'][number];

/** Several days (调休上班日) picked on one calendar, as 'YYYY-MM-DD' strings. A form control. */
function DaysInput({ value, onChange, testId }: { value?: string[]; onChange?: (days: string[]) => void; testId?: string }) {
  return (
    <DatePicker
      multiple
      data-testid={testId}
      style={{ width: '100%' }}
      placeholder="无则不填"
      format="YYYY-MM-DD"
      value={(value ?? []).map((d) => dayjs(d, 'YYYY-MM-DD'))}
      onChange={(xs) => onChange?.((Array.isArray(xs) ? xs : xs ? [xs] : []).map((x) => x.format('YYYY-MM-DD')).sort())}
    />
  );
}

const emptyRows = (): HolidayRow[] => HOLIDAY_NAMES.map((name) => ({ name, firstDay: '', lastDay: '', workdays: [] }));

/**
 * The office enters next year's arrangement from the State Council notice: per holiday the first and last day off
 * and the 调休 working days, or reads the notice's table (.xlsx/.csv) into the form to check; problems name the row
 * (第N项) and the field.
 */
function LoadYear() {
  const { message } = App.useApp();
  const [form] = Form.useForm<YearForm>();
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const year = Form.useWatch('year', form) ?? Number(chinaToday().slice(0, 4)) + 1;
  const submit = async (v: YearForm) => {
    try {
      const holidays = (v.holidays ?? []).filter((h) => h.firstDay || h.lastDay || h.workdays?.length);
      const body = { ...v, holidays: holidays.map((h) => ({ ...h, workdays: h.workdays ?? [] })) };
      const { data: r } = await client.POST('/api/calendar/years/form', { body });
      setProblems(null);
      setNotes([]);
      if (r) message.success(`已载入${r.year}年节假日安排${r.replaced ? '（替换原有数据）' : ''}`);
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/calendar/years'] });
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/calendar/year/{year}'] });
    } catch (e) {
      message.error(errorText(e));
      const found = problemsOf(e);
      setProblems(found.length ? found : null);
    }
  };
  return (
    <Card title="载入新年度节假日安排（营商办）">
      <Typography.Paragraph type="secondary">
        国务院办公厅发布次年部分节假日安排的通知后，按通知逐项填写各节日的放假首日、放假末日和调休上班日，或上传通知附表（Excel/CSV，列：节日、放假时间、调休上班日期）读入后核对。合并放假（如“中秋节、国庆节”）时，国庆节填整段假期，中秋节单列节日当天。校验通过后入库并记入审计日志。
      </Typography.Paragraph>
      <Form<YearForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ year: Number(chinaToday().slice(0, 4)) + 1, notice: { title: '', number: '' }, holidays: emptyRows() }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={6}>
            <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
              <InputNumber min={1950} max={2200} style={{ width: '100%' }} data-testid="year-input" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={18}>
            <Form.Item name={['notice', 'title']} label="通知标题" rules={[{ required: true, message: '请填写通知标题' }]}>
              <Input placeholder={`国务院办公厅关于${year}年部分节假日安排的通知`} data-testid="notice-title" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={['notice', 'number']} label="文号" rules={[{ required: true, message: '请填写文号' }]}>
              <Input placeholder={`国办发明电〔${year - 1}〕X号`} data-testid="notice-number" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name={['notice', 'issued']} label="发布日期">
              <DateInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`第${i + 1}项`}
                  extra={
                    <Button type="link" size="small" onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} sm={5}>
                      <Form.Item name={[f.name, 'name']} label="节日" rules={[{ required: true, message: '请选择节日' }]}>
                        <Select options={HOLIDAY_NAMES.map((n) => ({ value: n, label: n }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={5}>
                      <Form.Item name={[f.name, 'firstDay']} label="放假首日">
                        <DateInput style={{ width: '100%' }} testId={`first-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={5}>
                      <Form.Item name={[f.name, 'lastDay']} label="放假末日">
                        <DateInput style={{ width: '100%' }} testId={`last-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={9}>
                      <Form.Item name={[f.name, 'workdays']} label="调休上班日">
                        <DaysInput testId={`workdays-${i}`} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Space wrap>
                <Button onClick={() => add({ name: '国庆节', firstDay: '', lastDay: '', workdays: [] })}>添加一项</Button>
                <UploadButton<ApiResponse<'/api/calendar/years/table', 'post'>>
                  url={`/api/calendar/years/table?year=${year}`}
                  accept=".xlsx,.csv"
                  onUploaded={(r, file) => {
                    form.setFieldValue('holidays', r.holidays);
                    setNotes(r.notes);
                    setProblems(null);
                    message.success(`已从 ${file.name} 读入 ${r.holidays.length} 项，请核对后载入`);
                  }}
                  onFailed={(e) => {
                    message.error(errorText(e));
                    setProblems(problemsOf(e));
                  }}
                >
                  <Button icon={<UploadOutlined />}>从通知附表读入（Excel/CSV）</Button>
                </UploadButton>
                <Button type="primary" htmlType="submit" data-testid="load-year">
                  校验并载入
                </Button>
              </Space>
            </Space>
          )}
        </Form.List>
      </Form>
      {notes.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          message="请核对"
          description={
            <ul>
              {notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          }
        />
      )}
      {problems && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          message="有误，未载入"
          data-testid="year-problems"
          description={
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {[p.file, p.row !== undefined ? `第${p.row}${p.file ? '行' : '项'}` : undefined, p.field].filter(Boolean).join(' ')}
                  {p.row !== undefined || p.field ? '：' : ''}
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
