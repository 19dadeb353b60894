import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { $api, client, queryClient, type ApiAccepted, type ApiResponse } from '../api.js';
import { UploadButton } from '../shared/upload-button.js';
import { useSession } from '../auth/session.js';
import { errorText, QueryState, QueryError } from '../shared/query-state.js';
import { useUnits } from './records-page.js';
import { problemsOf, type Problem } from '../shared/problems.js';
import { invalidateIndicators } from './shared.js';
import { downloadProblems, RunProgress } from '../jobs/run-progress.js';

type Started = ApiAccepted<'/api/indicators/records/{type}/upload'>;
type TokenRow = ApiResponse<'/api/indicators/tokens'>[number];

/** 案件记录上传: CSV/XLSX of one record type, checked row by row, all or nothing, updating by external id. */
export function UploadPage() {
  const { user } = useSession();
  const typesQuery = $api.useQuery('get', '/api/indicators/record-types', {}, { enabled: !!user });
  const [type, setType] = useState('utility');
  // The import runs in the background: its run is followed here (and stays at /jobs/runs/:runId).
  const [runId, setRunId] = useState<number | null>(null);
  const [result, setResult] = useState<{ file: string; error?: string; problems?: Problem[] } | null>(null);
  if (!user) return <Alert type="info" showIcon message="请先登录" />;
  const types = typesQuery.data;
  const t = types?.find((x) => x.type === type);
  if (!types || !t)
    return (
      <QueryState query={typesQuery} loading={<Card loading />}>
        {() => null}
      </QueryState>
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        案件记录上传
      </Typography.Title>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>记录类型</span>
            <Select
              style={{ width: 240 }}
              value={type}
              onChange={(v) => {
                setType(v);
                setResult(null);
                setRunId(null);
              }}
              options={types.map((x) => ({ value: x.type, label: x.label }))}
              data-testid="record-type"
            />
            <a href={`/api/indicators/record-types/${type}/template.csv`}>下载模板（CSV）</a>
            <Link to={`/indicators/records?type=${type}`} data-testid="browse-records">
              查看与修改已有记录
            </Link>
            <UploadButton<Started>
              url={`/api/indicators/records/${encodeURIComponent(type)}/upload`}
              accept=".csv,.xlsx"
              onUploaded={(started) => {
                setResult(null);
                setRunId(started.runId);
              }}
              onFailed={(e, file) => {
                setRunId(null);
                setResult({ file: file.name, error: errorText(e), problems: problemsOf(e) });
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} data-testid="upload-button">
                上传 CSV / Excel 文件
              </Button>
            </UploadButton>
          </Space>
          <Typography.Text type="secondary">
            整表校验：任何一行有误则整个文件不导入；按“{t.idLabel}”识别记录，重复上传只更新、不重复。
            {user.role === 'unit_staff' ? '只能上传本单位的记录；“责任单位”留空即为本单位。' : '“责任单位”留空时由措施牵头单位负责。'}
          </Typography.Text>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'h', label: '列', children: t.header.join('、') },
              ...t.fields.filter((f) => f.values).map((f) => ({ key: f.key, label: f.label, children: f.values!.join(' / ') })),
              { key: 'd', label: '日期格式', children: 'YYYY-MM-DD（也接受 2021/10/8、2021年10月8日）；是/否列填“是”或“否”；金额单位万元' },
            ]}
          />
        </Space>
      </Card>
      {runId !== null && <RunProgress runId={runId} onFinished={() => void invalidateIndicators()} />}
      {result?.error && (
        <Card
          size="small"
          title={<span data-testid="upload-error">{result.error}</span>}
          extra={
            result.problems?.length ? (
              <Button onClick={() => downloadProblems(result.file.replace(/\.[^.]+$/, ''), result.problems!)}>下载错误报告</Button>
            ) : null
          }
        >
          <Table<Problem>
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={{ pageSize: 20 }}
            dataSource={result.problems}
            data-testid="problem-table"
            columns={[
              { title: '行', dataIndex: 'row', width: 70 },
              { title: '列', dataIndex: 'field', width: 200 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
      {(user.role === 'office' || user.role === 'admin') && <TokenCard />}
    </Space>
  );
}

/** 营商办: per-unit API tokens for the JSON record API (POST /api/indicators/records/:type, Authorization: Bearer …). */
export function TokenCard() {
  const tokens = $api.useQuery('get', '/api/indicators/tokens');
  const unitsQuery = useUnits();
  const units = unitsQuery.data ?? [];
  const { message } = App.useApp();
  const reload = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/indicators/tokens'] });
  const [unitId, setUnitId] = useState<number | undefined>();
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  return (
    <Card size="small" title="单位 API 令牌（供业务系统通过 JSON 接口报送记录）">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            style={{ width: 220 }}
            placeholder="单位"
            showSearch
            optionFilterProp="label"
            value={unitId}
            onChange={setUnitId}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
          <input placeholder="用途（如：采购系统）" value={label} onChange={(e) => setLabel(e.target.value)} style={{ width: 200, padding: 4 }} />
          <Button
            disabled={!unitId}
            onClick={async () => {
              if (!unitId) return;
              try {
                const { data: r } = await client.POST('/api/indicators/tokens', { body: { unitId, label } });
                setIssued(r?.token ?? null);
                await reload();
              } catch (e) {
                message.error(errorText(e));
              }
            }}
          >
            签发令牌
          </Button>
        </Space>
        {issued && (
          <Alert
            type="warning"
            showIcon
            message={
              <span>
                新令牌（只显示这一次，请妥善转交）：
                <Typography.Text copyable code>
                  {issued}
                </Typography.Text>
              </span>
            }
          />
        )}
        <Typography.Text type="secondary">
          调用：POST /api/indicators/records/类型，请求头 Authorization: Bearer 令牌，正文 {'{"records": [{"externalId": "…", "申请日期": "2021-10-08", …}]}'}
          ；只能报送本单位记录。
        </Typography.Text>
        <QueryError query={tokens} />
        <QueryError query={unitsQuery} />
        <Table<TokenRow>
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          pagination={false}
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '用途', dataIndex: 'label' },
            { title: '签发人', dataIndex: 'createdBy' },
            { title: '签发时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
            {
              title: '状态',
              render: (_, r) =>
                r.revokedAt ? (
                  '已停用'
                ) : (
                  <Button
                    size="small"
                    danger
                    onClick={async () => {
                      try {
                        await client.DELETE('/api/indicators/tokens/{id}', { params: { path: { id: r.id } } });
                        await reload();
                      } catch (e) {
                        message.error(errorText(e));
                      }
                    }}
                  >
                    停用
                  </Button>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
