import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Tag, Typography } from 'antd';
import { DISTRICT_STREETS } from '../../../src/enterprises/core/streets.js';
import type { ApiBody, ApiResponse } from '../api.js';
import { useIndustryOptions } from '../policies/calculator-page.js';
import { OUTCOME } from '../policies/model.js';
import { DateInput } from '../shared/date-input.js';
import { QueryError } from '../shared/query-state.js';
import { chinaToday } from '../shared/today.js';

type TestCase = ApiBody<'/api/finance/manage/products'>['testCases'][number];
type Profile = TestCase['profile'];
type TestRun = ApiResponse<'/api/finance/manage/test-run', 'post'>;

const SIZES = ['大型', '中型', '小型', '微型'] as const;

/** A new case: today, expected 符合, no facts (every fact left empty is missing data to the rule). */
export const newTestCase = (n: number): TestCase => ({ name: `测试用例 ${n}`, asOf: chinaToday(), profile: {}, expected: 'eligible' });

/**
 * The facts a case sets, without the empty ones: a fact left empty is "not on file" to the rule (无法判断), as in the
 * registry; an empty string or an empty list must not pass as a value.
 */
export function cleanTestCases(cases: readonly TestCase[]): TestCase[] {
  return cases.map((c) => {
    const profile: Profile = {};
    for (const [k, v] of Object.entries(c.profile ?? {}) as Array<[keyof Profile, Profile[keyof Profile]]>) {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      Object.assign(profile, { [k]: v });
    }
    return { name: c.name.trim(), asOf: c.asOf, profile, expected: c.expected, ...(c.expectedAmount != null ? { expectedAmount: c.expectedAmount } : {}) };
  });
}

/**
 * The product's test cases as a form inside the product form (`Form.List` of `testCases`): each case a sample
 * enterprise (size, founding date, revenue, credit grade, industry, …) and the result the rule must give it. The
 * cases run with the policies' rule engine on the server (试运行, and again on publishing); the same fields as the
 * policies' test cases (`RuleTestCase`), entered by hand because a bank cannot pick registry firms.
 */
export function ProductTestCases({ run }: { run: TestRun | null }) {
  const { options: industries, reference, query: referenceQuery } = useIndustryOptions();
  const passed = new Map((run?.results ?? []).map((r) => [r.name, r]));
  return (
    <Form.List name="testCases">
      {(fields, { add, remove }) => (
        <div data-testid="product-test-cases">
          <QueryError query={referenceQuery} />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            每个用例是一家示例企业及规则应给出的结果；未填写的信息视为企业档案中没有（通常得出“无法判断”）。
          </Typography.Paragraph>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 8 }}
              data-testid="product-test-case"
              title={
                <Form.Item name={[field.name, 'name']} noStyle rules={[{ required: true, whitespace: true, message: '请填写用例名称' }]}>
                  <Input maxLength={200} placeholder="用例名称" aria-label={`用例 ${i + 1} 名称`} style={{ maxWidth: 360 }} />
                </Form.Item>
              }
              extra={<Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除用例 ${i + 1}`} />}
            >
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const r = passed.get(String(getFieldValue(['testCases', field.name, 'name']) ?? ''));
                  return r ? (
                    <div style={{ marginBottom: 8 }}>
                      <Tag color={r.passed ? 'green' : 'red'}>{r.passed ? '试运行通过' : '试运行未通过'}</Tag>
                      <Typography.Text type="secondary">实际结果：{OUTCOME[r.actual].label}</Typography.Text>
                    </div>
                  ) : null;
                }}
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'expected']} label="期望结果" rules={[{ required: true, message: '请选择期望结果' }]}>
                    <Select options={Object.entries(OUTCOME).map(([value, o]) => ({ value, label: o.label }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'asOf']} label="判断日期" rules={[{ required: true, message: '请选择判断日期' }]}>
                    <DateInput allowClear={false} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'sizeClass']} label="企业规模">
                    <Select allowClear placeholder="未填" options={SIZES.map((s) => ({ value: s, label: s }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'registeredOn']} label="成立日期">
                    <DateInput placeholder="未填" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'revenue']} label="上年营收（万元）">
                    <InputNumber min={0} placeholder="未填" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'employees']} label="从业人员（人）">
                    <InputNumber min={0} precision={0} placeholder="未填" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'assets']} label="资产总额（万元）">
                    <InputNumber min={0} placeholder="未填" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'registeredCapital']} label="注册资本（万元）">
                    <InputNumber min={0} placeholder="未填" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'creditGrade']} label="信用等级">
                    <Select allowClear placeholder="未填" options={(reference?.creditGrades ?? []).map((g) => ({ value: g, label: g }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'profile', 'industryCode']} label="所属行业">
                    <Select showSearch allowClear placeholder="未填" options={industries} optionFilterProp="label" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'street']} label="所在街道">
                    <Select allowClear placeholder="未填" options={DISTRICT_STREETS.map((s) => ({ value: s, label: s }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name={[field.name, 'profile', 'rdRatio']} label="研发占比（%）">
                    <InputNumber min={0} max={100} placeholder="未填" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    name={[field.name, 'profile', 'qualifications']}
                    label="已获资质（有效期内）"
                    getValueProps={(v: Profile['qualifications']) => ({ value: (v ?? []).map((q) => q.tag) })}
                    normalize={(tags: string[]) => tags.map((tag) => ({ tag }))}
                  >
                    <Select mode="tags" placeholder="未填" options={(reference?.qualificationTags ?? []).map((t) => ({ value: t, label: t }))} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(newTestCase(fields.length + 1))} data-testid="product-test-add">
            添加测试用例
          </Button>
        </div>
      )}
    </Form.List>
  );
}
