import { Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';

type PublicTask = ApiResponse<'/api/inspections/public/plans/{year}'>['tasks'][number];

/**
 * 一公开: the year's joint plan as published (latest version), its tasks and the draws made for them, and the
 * version history with what changed. No inspector data; credit classes (an internal reference) are not named.
 */
export function PublicPlanPage() {
  const [params, setParams] = useSearchParams();
  const years = $api.useQuery('get', '/api/inspections/public/plans', {});
  return (
    <QueryState query={years}>
      {(ys) => {
        const year = Number(params.get('year')) || ys[0];
        if (!year) return <Card title="年度联合抽查计划">{<Empty description="尚未发布年度联合抽查计划" />}</Card>;
        return <PublicPlanOfYear year={year} years={ys} onYear={(y) => setParams({ year: String(y) })} />;
      }}
    </QueryState>
  );
}

function PublicPlanOfYear({ year, years, onYear }: { year: number; years: number[]; onYear: (y: number) => void }) {
  const plan = $api.useQuery('get', '/api/inspections/public/plans/{year}', { params: { path: { year } } });
  return (
    <QueryState query={plan}>
      {(p) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            title={<span style={{ whiteSpace: 'normal' }}>{p.title}</span>}
            extra={<Select value={year} onChange={onYear} options={years.map((y) => ({ value: y, label: `${y} 年度` }))} style={{ width: 110 }} />}
          >
            <Space wrap>
              <Tag color="green">第 {p.version} 版</Tag>
              <Typography.Text type="secondary">发布于 {new Date(p.publishedAt).toLocaleDateString('zh-CN')}</Typography.Text>
              {p.isDemo ? <Tag>演示数据</Tag> : null}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              依据国发〔2019〕5号统筹制定年度联合抽查工作计划并向社会公开。各任务按企业信用风险分类差异化确定抽查比例；每次抽取的承诺、种子与结果见“抽查”一栏，任何人可以重新计算核对。
            </Typography.Paragraph>
          </Card>
          <Card title={`抽查任务（${p.tasks.length}）`}>
            <ResponsiveTable<PublicTask>
              size="small"
              rowKey={(r) => String(r.id)}
              data-testid="public-plan-tasks"
              dataSource={p.tasks}
              pagination={false}
              emptyText="暂无任务"
              cardTitle={(r) => `${r.seq}. ${r.title}`}
              cardOmit={['title']}
              columns={[
                { title: '任务', dataIndex: 'title', render: (_, r) => `${r.seq}. ${r.title}` },
                { title: '牵头部门', dataIndex: 'leadUnitName' },
                { title: '参与部门', key: 'joint', render: (_, r) => r.jointUnitNames.join('、') || '—' },
                { title: '抽查事项', key: 'items', render: (_, r) => r.itemNames.join('；') },
                { title: '抽查对象', dataIndex: 'scopeText' },
                { title: '时间安排', key: 'window', render: (_, r) => `${r.windowFrom} 至 ${r.windowTo}` },
                {
                  title: '抽查',
                  key: 'draws',
                  render: (_, r) =>
                    r.draws.length ? (
                      <Space direction="vertical" size={0}>
                        {r.draws.map((d) => (
                          <Link key={d.id} to={`/public/inspections/${d.id}`}>
                            {d.number}（{d.statusLabel}
                            {d.picked !== null ? `，抽中 ${d.picked} 户` : ''}）
                          </Link>
                        ))}
                      </Space>
                    ) : (
                      '尚未抽取'
                    ),
                },
              ]}
            />
          </Card>
          <Card title="版本记录">
            <List
              size="small"
              dataSource={p.versions}
              renderItem={(v) => (
                <List.Item>
                  <List.Item.Meta
                    title={`第 ${v.version} 版 · ${new Date(v.publishedAt).toLocaleDateString('zh-CN')}${v.note ? ` · ${v.note}` : ''}`}
                    description={v.summary.join('；') || '无变化'}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Space>
      )}
    </QueryState>
  );
}
