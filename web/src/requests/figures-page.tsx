import { FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Segmented, Space, Tag, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { Chart, rowLabels, rowsHeight } from '../shared/chart.js';
import { ExportButton, withQuery } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { DefinitionNotes, figureColumns, PeriodPicker, RateCards, TrendChart, usePeriodQuery, type FigureRow } from './figures-common.js';

type Figures = ApiResponse<'/api/requests/figures', 'get'>;
type Keyword = Figures['hotKeywords'][number];

const DIMENSIONS = [
  { value: 'units', label: '按单位', first: '承办单位' },
  { value: 'categories', label: '按类别', first: '类别' },
  { value: 'channels', label: '按渠道', first: '渠道' },
] as const;

function Keywords({ rows, rising }: { rows: Keyword[]; rising?: boolean }) {
  if (!rows.length) return <Typography.Text type="secondary">{rising ? '本期无明显上升的关键词' : '暂无'}</Typography.Text>;
  return (
    <Space wrap size={[6, 8]}>
      {rows.map((k) => (
        <Tag key={k.word} color={rising ? 'volcano' : 'blue'}>
          {k.word} {k.count}
          {rising ? `（上期 ${k.previous}）` : ''}
        </Tag>
      ))}
    </Space>
  );
}

/** 诉求办理统计 (office, leaders): the district's rates, per unit, category and channel, trend, hot spots. */
export function RequestFiguresPage() {
  const { list, query } = usePeriodQuery();
  const [dim, setDim] = useState<(typeof DIMENSIONS)[number]['value']>('units');
  const figures = $api.useQuery('get', '/api/requests/figures', { params: { query } }, { placeholderData: keepPreviousData });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        诉求办理统计
      </Typography.Title>
      <QueryState query={figures}>
        {(f: Figures) => {
          const q = { year: f.period.year, period: f.period.kind, index: f.period.kind === 'year' ? undefined : f.period.index };
          const d = DIMENSIONS.find((x) => x.value === dim)!;
          const rows: FigureRow[] = f[dim];
          return (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <PeriodPicker data={f} list={list} />
                <Space wrap className="no-print">
                  <ExportButton href={withQuery('/api/requests/figures.xlsx', q)} />
                  <Link to={withQuery('/requests/figures/bulletin', q)}>
                    <Button icon={<FileTextOutlined />}>诉求办理通报</Button>
                  </Link>
                </Space>
              </Space>
              <Typography.Text type="secondary">
                {f.period.label}（{f.period.from} 至 {f.period.to}），数据截至 {f.asOf}；与{f.previous.label}比较。
              </Typography.Text>
              <RateCards data={f} />
              <Row gutter={[12, 12]}>
                <Col xs={24} lg={14}>
                  <Card size="small" title={`${f.period.year}年各月受理量与按时办结率、满意率`}>
                    {f.months.length ? <TrendChart months={f.months} /> : <Empty description="本年尚无数据" />}
                  </Card>
                </Col>
                <Col xs={24} lg={10}>
                  <Card size="small" title="热点类别（派单目录事项类别）" data-testid="hot-categories">
                    <HotNote data={f} k="hotCategories" />
                    <Chart
                      height={rowsHeight(f.hotCategories.length)}
                      option={(w) => ({
                        tooltip: { trigger: 'axis' },
                        legend: { top: 0 },
                        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
                        xAxis: { type: 'value', minInterval: 1 },
                        yAxis: { type: 'category', inverse: true, data: f.hotCategories.map((c) => c.category), axisLabel: rowLabels(w) },
                        series: [
                          { name: '本期', type: 'bar', data: f.hotCategories.map((c) => c.count) },
                          { name: '上期', type: 'bar', data: f.hotCategories.map((c) => c.previous) },
                        ],
                      })}
                    />
                  </Card>
                </Col>
              </Row>
              <Row gutter={[12, 12]}>
                <Col xs={24} md={12}>
                  <Card size="small" title="热点关键词（诉求标题分词）" data-testid="hot-keywords">
                    <HotNote data={f} k="hotKeywords" />
                    <Keywords rows={f.hotKeywords} />
                  </Card>
                </Col>
                <Col xs={24} md={12}>
                  <Card size="small" title={`上升关键词（较${f.previous.label}）`} data-testid="rising-keywords">
                    <HotNote data={f} k="risingKeywords" />
                    <Keywords rows={f.risingKeywords} rising />
                  </Card>
                </Col>
              </Row>
              <Card
                size="small"
                title="分项统计"
                extra={<Segmented value={dim} onChange={(v) => setDim(v)} options={DIMENSIONS.map((x) => ({ value: x.value, label: x.label }))} />}
              >
                <ResponsiveTable<FigureRow>
                  data-testid="figure-table"
                  rowKey="key"
                  size="small"
                  pagination={false}
                  columns={figureColumns(d.first, f.definitions)}
                  dataSource={rows}
                  cardTitle={(r) => <Typography.Text strong>{r.label}</Typography.Text>}
                  cardOmit={['label']}
                />
              </Card>
              <DefinitionNotes definitions={f.definitions} />
            </Space>
          );
        }}
      </QueryState>
    </Space>
  );
}

/** The definition of a hot spot (热点类别, 热点关键词, 上升关键词), from the server's core. */
function HotNote({ data, k }: { data: Figures; k: Figures['hotDefinitions'][number]['key'] }) {
  const d = data.hotDefinitions.find((x) => x.key === k);
  return d ? (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
      {d.definition}
    </Typography.Paragraph>
  ) : null;
}
