import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { $api, type ApiResponse } from '../api.js';
import { withQuery } from '../shared/list-params.js';
import { QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { figureColumns, PeriodPicker, usePeriodQuery, type FigureRow } from './figures-common.js';

type Bulletin = ApiResponse<'/api/requests/bulletin', 'get'>;

/** 诉求办理通报 of a period (office, leaders): the web page of the document, and its Word file. */
export function RequestBulletinPage() {
  const { list, query } = usePeriodQuery();
  const bulletin = $api.useQuery('get', '/api/requests/bulletin', { params: { query } }, { placeholderData: keepPreviousData });
  const years = $api.useQuery('get', '/api/requests/public/figures', { params: { query } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <QueryState query={bulletin}>
        {(b: Bulletin) => {
          const q = { year: b.period.year, period: b.period.kind, index: b.period.kind === 'year' ? undefined : b.period.index };
          return (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <PeriodPicker data={{ years: years.data?.years ?? [b.period.year], period: b.period }} list={list} />
                <Button icon={<DownloadOutlined />} href={withQuery('/api/requests/bulletin.docx', q)} className="no-print" data-testid="bulletin-docx">
                  下载 Word
                </Button>
              </Space>
              <Card>
                <Typography.Title level={3} style={{ textAlign: 'center' }}>
                  {b.title}
                </Typography.Title>
                <Typography.Paragraph>
                  现将{b.period.label}（{b.period.from} 至 {b.period.to}）全区企业诉求办理情况通报如下。
                </Typography.Paragraph>
                <Typography.Title level={5}>一、总体情况</Typography.Title>
                {b.paragraphs.map((p) => (
                  <Typography.Paragraph key={p}>{p}</Typography.Paragraph>
                ))}
                <Typography.Title level={5}>二、各单位办理情况</Typography.Title>
                <ResponsiveTable<FigureRow>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  columns={figureColumns('单位', b.definitions)}
                  dataSource={b.units}
                  cardTitle={(r, i) => <Typography.Text strong>{`${i + 1}. ${r.label}`}</Typography.Text>}
                  cardOmit={['label']}
                  data-testid="bulletin-units"
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  三、需改进的单位
                </Typography.Title>
                {b.lagging.length ? (
                  <Alert
                    type="warning"
                    message={b.lagging.map((l) => (
                      <div key={l.unit}>
                        {l.unit}：{l.reasons}
                      </div>
                    ))}
                  />
                ) : (
                  <Typography.Paragraph>本期各单位按时办结率、按时签收率均不低于 90%，满意率均不低于 80%。</Typography.Paragraph>
                )}
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  四、诉求热点
                </Typography.Title>
                <Typography.Paragraph>
                  按事项类别（派单目录）：{b.hotCategories.map((c) => `${c.category} ${c.count} 件（上期 ${c.previous} 件）`).join('，')}。
                </Typography.Paragraph>
                <Typography.Paragraph>
                  {b.risingKeywords.length
                    ? `上升较快的关键词：${b.risingKeywords.map((k) => `“${k.word}”${k.count} 件（上期 ${k.previous} 件）`).join('，')}。`
                    : '本期无明显上升的关键词。'}
                </Typography.Paragraph>
                <Typography.Title level={5}>五、指标说明</Typography.Title>
                {b.definitions.map((d) => (
                  <Typography.Paragraph key={d.key} type="secondary">
                    {d.label}：{d.definition}
                  </Typography.Paragraph>
                ))}
                <Typography.Paragraph style={{ textAlign: 'right' }}>
                  {b.issuer}
                  <br />
                  （数据截至 {b.asOf}）
                </Typography.Paragraph>
              </Card>
            </Space>
          );
        }}
      </QueryState>
    </Space>
  );
}
