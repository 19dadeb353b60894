import { keepPreviousData } from '@tanstack/react-query';
import { Card, Empty, Space, Typography } from 'antd';
import { $api } from '../api.js';
import { QueryState } from '../shared/query-state.js';
import { PeriodPicker, usePeriodQuery } from '../requests/figures-common.js';
import { FinanceCards, FinanceDefinitions, FinanceTrend } from './figures-common.js';

/** 渝中融融资对接情况 (public, visitors too): district totals only — no bank, no enterprise. */
export function PublicFinanceFiguresPage() {
  const { list, query } = usePeriodQuery();
  const figures = $api.useQuery('get', '/api/finance/public/figures', { params: { query } }, { placeholderData: keepPreviousData });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        “渝中融”融资对接情况
      </Typography.Title>
      <QueryState query={figures}>
        {(f) => (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <PeriodPicker data={f} list={list} />
            <Typography.Text type="secondary">
              全区合计，{f.period.label}（{f.period.from} 至 {f.period.to}），数据截至 {f.asOf}。
            </Typography.Text>
            <FinanceCards data={f} />
            <Card size="small" title={`${f.period.year}年各月申请、放款与按时审批率`}>
              {f.months.length ? <FinanceTrend months={f.months} /> : <Empty description="本年尚无数据" />}
            </Card>
            <FinanceDefinitions definitions={f.definitions} />
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
