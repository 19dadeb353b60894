import { Card, Col, Empty, Row, Space, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { $api } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { DefinitionNotes, figureColumns, PeriodPicker, RateCards, TrendChart, usePeriodQuery, type FigureRow, type PublicFigures } from './figures-common.js';

/** 诉求办理公开 (anyone, no login): the district's figures only — no unit, no enterprise, no person. */
export function PublicRequestFiguresPage() {
  const { list, query } = usePeriodQuery();
  const figures = $api.useQuery('get', '/api/requests/public/figures', { params: { query } }, { placeholderData: keepPreviousData });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        企业诉求办理情况公开
      </Typography.Title>
      <QueryState query={figures}>
        {(f: PublicFigures) => (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <PeriodPicker data={f} list={list} />
            <Typography.Text type="secondary">
              全区{f.period.label}企业诉求办理情况（{f.period.from} 至 {f.period.to}），数据截至 {f.asOf}。
            </Typography.Text>
            <RateCards data={f} />
            <Card size="small" title={`${f.period.year}年各月受理量与按时办结率、满意率`}>
              {f.months.length ? <TrendChart months={f.months} /> : <Empty description="本年尚无数据" />}
            </Card>
            <Row gutter={[12, 12]}>
              {(
                [
                  ['按诉求类别', '类别', f.categories],
                  ['按受理渠道', '渠道', f.channels],
                ] as const
              ).map(([title, first, rows]) => (
                <Col key={title} xs={24} xl={12}>
                  <Card size="small" title={title}>
                    <ResponsiveTable<FigureRow>
                      rowKey="key"
                      size="small"
                      pagination={false}
                      columns={figureColumns(first, f.definitions)}
                      dataSource={rows}
                      cardTitle={(r) => <Typography.Text strong>{r.label}</Typography.Text>}
                      cardOmit={['label']}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <DefinitionNotes definitions={f.definitions} />
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
