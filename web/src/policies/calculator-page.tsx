import { Alert, Button, Card, Col, DatePicker, Empty, Form, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { STAFF_ROLES } from '../../../src/auth/roles.js';
import { DISTRICT_STREETS } from '../../../src/enterprises/core/streets.js';
import { $api, client } from '../api.js';
import { EnterpriseSelect } from '../enterprises/enterprise-select.js';
import { hasRole, useSession } from '../auth/session.js';
import { errorText, QueryState, QueryError } from '../shared/query-state.js';
import { ExplanationTree } from './explanation.js';
import { OUTCOME, type CalcResult, type Profile } from './model.js';

export function useIndustryOptions() {
  const query = $api.useQuery('get', '/api/enterprises/reference', {}, { staleTime: Number.POSITIVE_INFINITY });
  const data = query.data;
  const options = data
    ? data.sections.map((s) => ({
        label: `${s.code} ${s.name}`,
        options: [
          { value: s.code, label: `${s.code} ${s.name}（整个门类）` },
          ...data.divisions.filter((d) => d.section === s.code).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
        ],
      }))
    : [];
  return { options, reference: data, query };
}

function Results({ results, highlight }: { results: CalcResult[]; highlight?: number }) {
  const [showAll, setShowAll] = useState(false);
  const shown = results.filter((r) => showAll || r.outcome !== 'not_eligible');
  const eligible = results.filter((r) => r.outcome === 'eligible');
  const total = eligible.reduce((s, r) => s + (r.amount ?? 0), 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={eligible.length ? 'success' : 'info'}
        showIcon
        data-testid="calc-summary"
        message={`可享受 ${eligible.length} 项政策${total ? `，可计算的金额合计约 ${total.toLocaleString('zh-CN')} 万元` : ''}；${results.filter((r) => r.outcome === 'unknown').length} 项因信息不全无法判断`}
      />
      {shown.map((r) => (
        <Card
          key={r.itemId}
          size="small"
          data-testid="calc-result"
          data-outcome={r.outcome}
          data-item={r.itemId}
          style={highlight === r.itemId ? { borderColor: '#1677ff' } : undefined}
          title={
            <Space wrap>
              <Tag color={OUTCOME[r.outcome].color}>{OUTCOME[r.outcome].label}</Tag>
              <span>{r.itemName}</span>
            </Space>
          }
          extra={
            r.amount !== null ? (
              <Typography.Text strong data-testid="calc-amount">
                {r.amount.toLocaleString('zh-CN')} 万元
              </Typography.Text>
            ) : (
              r.amountStated
            )
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            <Link to={`/policies/${r.policyId}`}>{r.policyTitle}</Link>
            {r.docNumber ? `（${r.docNumber}）` : ''} · {r.issuer} · 规则第 {r.ruleVersion} 版
          </Typography.Paragraph>
          <ExplanationTree e={r.explanation} />
          {r.amountText && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>金额计算：{r.amountText}</Typography.Paragraph>}
          {r.outcome === 'unknown' && r.missing.length > 0 && (
            <Alert style={{ marginTop: 8 }} type="warning" message={`补充以下信息后可判断：${r.missing.map((m) => m.supply).join('；')}`} />
          )}
        </Card>
      ))}
      {results.length === 0 && <Empty description="当前没有生效的政策事项" />}
      {results.some((r) => r.outcome === 'not_eligible') && (
        <Button type="link" onClick={() => setShowAll(!showAll)}>
          {showAll ? '隐藏不符合的事项' : `显示不符合的 ${results.filter((r) => r.outcome === 'not_eligible').length} 项及原因`}
        </Button>
      )}
    </Space>
  );
}

interface TryValues {
  industryCode?: string;
  street?: string;
  employees?: number | null;
  revenue?: number | null;
  assets?: number | null;
  rdRatio?: number | null;
  creditGrade?: string;
  registeredOn?: Dayjs | null;
  qualifications?: string[];
}

/** The anonymous short form: a few facts, no account. */
function TryForm() {
  const { options, reference, query: referenceQuery } = useIndustryOptions();
  const [results, setResults] = useState<CalcResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onFinish = async (v: TryValues) => {
    const profile: Profile = {
      industryCode: v.industryCode || null,
      street: v.street || null,
      employees: v.employees ?? null,
      revenue: v.revenue ?? null,
      assets: v.assets ?? null,
      rdRatio: v.rdRatio ?? null,
      creditGrade: v.creditGrade || null,
      registeredOn: v.registeredOn ? v.registeredOn.format('YYYY-MM-DD') : null,
      qualifications: (v.qualifications ?? []).map((tag) => ({ tag })),
    };
    try {
      const { data } = await client.POST('/api/policies/calculator/try', { body: profile });
      setResults(data?.results ?? null);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Card title="免登录试算：填写企业简要信息" size="small">
          <QueryError query={referenceQuery} />
          <Form<TryValues> layout="vertical" onFinish={onFinish} data-testid="try-form">
            <Form.Item name="industryCode" label="所属行业（GB/T 4754-2017）">
              <Select showSearch allowClear options={options} optionFilterProp="label" placeholder="如 65 软件和信息技术服务业" />
            </Form.Item>
            <Form.Item name="street" label="所在街道">
              <Select allowClear options={DISTRICT_STREETS.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="employees" label="从业人员（人）">
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="revenue" label="上年营业收入（万元）">
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="assets" label="资产总额（万元）">
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="rdRatio" label="研发投入占比（%）">
                <InputNumber min={0} max={100} />
              </Form.Item>
            </Space>
            <Form.Item name="registeredOn" label="成立日期">
              <DatePicker />
            </Form.Item>
            <Form.Item name="qualifications" label="已获资质（有效期内）">
              <Select mode="tags" options={(reference?.qualificationTags ?? []).map((t) => ({ value: t, label: t }))} />
            </Form.Item>
            <Form.Item name="creditGrade" label="信用等级">
              <Select allowClear options={(reference?.creditGrades ?? []).map((g) => ({ value: g, label: g }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              试算
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            试算结果仅供参考；登录企业账号后按企业档案计算并推送政策。
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {error && <Alert type="error" message={error} />}
        {results ? <Results results={results} /> : <Empty description="填写企业信息后试算" />}
      </Col>
    </Row>
  );
}

export function CalculatorPage() {
  const { user, loading } = useSession();
  const [params] = useSearchParams();
  const [enterpriseId, setEnterpriseId] = useState<number | null>(null);
  const isStaff = hasRole(user, STAFF_ROLES);
  useEffect(() => {
    const e = Number(params.get('enterprise'));
    if (e) setEnterpriseId(e);
  }, [params]);
  const own = user?.role === 'enterprise';
  const calc = $api.useQuery(
    'get',
    '/api/policies/calculator',
    { params: { query: own ? {} : { enterpriseId: enterpriseId ?? undefined } } },
    { enabled: own || (isStaff && !!enterpriseId) },
  );
  if (loading) return null;
  return (
    <Card title={<span data-testid="calculator-title">政策计算器</span>}>
      {!user && <TryForm />}
      {isStaff && (
        <Space wrap style={{ marginBottom: 16 }}>
          代企业查询：
          <EnterpriseSelect style={{ width: 360, maxWidth: '100%' }} value={enterpriseId} onChange={(v) => setEnterpriseId(v)} />
        </Space>
      )}
      {(own || (isStaff && !!enterpriseId)) && (
        <QueryState query={calc}>
          {(data) => (
            <>
              <Typography.Paragraph>
                <b>{data.enterprise.name}</b>（{data.enterprise.sizeClass ?? '规模未定'}）· 按 {data.asOf} 生效的规则计算 ·{' '}
                <Link to={own ? '/enterprises/mine' : `/enterprises/${data.enterprise.id}`}>查看/完善企业档案</Link>
              </Typography.Paragraph>
              <Results results={data.results} highlight={Number(params.get('item')) || undefined} />
            </>
          )}
        </QueryState>
      )}
    </Card>
  );
}
