import { useState } from 'react';
import { Alert, App, Button, Flex, Input, Pagination, Space, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { $api, client, queryClient, type ApiResponse } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { UploadButton } from '../shared/upload-button.js';
import { ResultForm, type ResultTarget } from './result-form.js';

type Check = ApiResponse<'/api/inspections/checks/mine'>['checks'][number];
type Result = ApiResponse<'/api/inspections/checks/results'>['items'][number];
type State = 'unpublished' | 'overdue' | 'published';

/** 我的检查任务: the objects the inspector was sent to, per item of the inspector's department, with 录入. */
export function InspectionChecksPage() {
  const mine = $api.useQuery('get', '/api/inspections/checks/mine');
  const [target, setTarget] = useState<ResultTarget | null>(null);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的检查任务
      </Typography.Title>
      <QueryState query={mine}>
        {(m) =>
          !m.linked ? (
            <Alert type="info" showIcon message="当前账号尚未关联执法检查人员名录库中的检查人员，请联系本单位或营商办在名录库中设置登录账号。" />
          ) : (
            <ResponsiveTable<Check>
              data-testid="my-checks"
              size="small"
              rowKey={(r) => `${r.drawId}-${r.objectKey}`}
              dataSource={m.checks}
              pagination={false}
              emptyText="暂无选派给您的检查对象"
              cardTitle={(r) => r.objectName}
              cardOmit={['object']}
              columns={[
                { key: 'object', title: '检查对象', dataIndex: 'objectName' },
                { key: 'draw', title: '抽查任务', render: (_, r) => `${r.drawNumber} ${r.drawTitle}` },
                {
                  key: 'items',
                  title: '抽查事项与结果',
                  render: (_, r) => (
                    <Space direction="vertical" size={4}>
                      {r.items.map((i) => (
                        <Flex key={i.itemId} gap={8} wrap align="center">
                          <span>{i.itemName}</span>
                          {i.categoryLabel && <Tag color={i.published ? 'green' : 'blue'}>{i.categoryLabel}</Tag>}
                          {i.published ? (
                            <Tag>已公示</Tag>
                          ) : (
                            <Button
                              size="small"
                              type={i.resultId ? 'default' : 'primary'}
                              data-testid={`record-${r.drawId}-${r.objectKey}-${i.itemId}`}
                              onClick={() => setTarget({ mode: 'record', drawId: r.drawId, objectKey: r.objectKey, itemId: i.itemId, title: r.objectName })}
                            >
                              {i.resultId ? '重新录入' : '录入结果'}
                            </Button>
                          )}
                        </Flex>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </QueryState>
      {target && <ResultForm target={target} onClose={() => setTarget(null)} />}
    </Space>
  );
}

/** 检查结果与公示: the department's results, the 20-working-day deadline, 更正 before publication, 公示, evidence. */
export function InspectionResultsPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const state = (['unpublished', 'overdue', 'published'] as const).find((s) => s === params.get('state')) ?? 'unpublished';
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const [target, setTarget] = useState<ResultTarget | null>(null);
  const results = $api.useQuery('get', '/api/inspections/checks/results', { params: { query: { state, page, pageSize: 20, q: q || undefined } } });
  const canAct = hasRole(user, ['office', 'admin', 'unit_staff']);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/checks/results'] });
  const publish = async (ids: number[]) => {
    try {
      const { data } = await client.POST('/api/inspections/checks/results/publish', { body: { ids } });
      message.success(`已公示 ${data?.published ?? ids.length} 条结果`);
      setSelected([]);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const setState = (s: State) => {
    setPage(1);
    setSelected([]);
    setParams({ state: s });
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        检查结果与公示
      </Typography.Title>
      <Typography.Text type="secondary">
        抽查检查结果应自产生之日起 20 个工作日内公示（《企业信息公示暂行条例》第六条第二款）；公示前本部门可更正，公示后不可修改。
      </Typography.Text>
      <QueryState query={results}>
        {(r) => (
          <>
            {r.overdue > 0 && (
              <Alert
                type="error"
                showIcon
                data-testid="overdue-alert"
                message={`${r.overdue} 条结果已超过 20 个工作日未公示`}
                action={
                  <Button size="small" onClick={() => setState('overdue')}>
                    查看
                  </Button>
                }
              />
            )}
            <Tabs
              activeKey={state}
              onChange={(k) => setState(k as State)}
              items={[
                { key: 'unpublished', label: `未公示（${r.unpublished}）` },
                { key: 'overdue', label: `逾期未公示（${r.overdue}）` },
                { key: 'published', label: '已公示' },
              ]}
            />
            <Flex gap={8} wrap>
              <Input.Search
                allowClear
                placeholder="检查对象名称"
                style={{ maxWidth: 280 }}
                onSearch={(v) => {
                  setQ(v.trim());
                  setPage(1);
                }}
              />
              {canAct && state !== 'published' && (
                <Button type="primary" data-testid="publish-selected" disabled={!selected.length} onClick={() => publish(selected)}>
                  公示所选（{selected.length}）
                </Button>
              )}
            </Flex>
            <ResponsiveTable<Result>
              data-testid="result-table"
              size="small"
              rowKey={(x) => String(x.id)}
              dataSource={r.items}
              pagination={false}
              emptyText="暂无结果"
              cardTitle={(x) => x.objectName}
              cardOmit={['object']}
              columns={[
                {
                  key: 'pick',
                  title: '选择',
                  render: (_, x) =>
                    x.canEdit ? (
                      <input
                        type="checkbox"
                        aria-label={`选择 ${x.objectName}`}
                        checked={selected.includes(x.id)}
                        onChange={(e) => setSelected((s) => (e.target.checked ? [...s, x.id] : s.filter((i) => i !== x.id)))}
                      />
                    ) : null,
                },
                {
                  key: 'object',
                  title: '检查对象',
                  render: (_, x) => (
                    <>
                      {x.objectName} {x.isDemo && <Tag>演示</Tag>}
                    </>
                  ),
                },
                { key: 'item', title: '抽查事项', render: (_, x) => `${x.itemName}（${x.unitName}）` },
                {
                  key: 'category',
                  title: '结果',
                  render: (_, x) => (
                    <Space direction="vertical" size={0}>
                      <span>{x.categoryLabel}</span>
                      {x.notes && <Typography.Text type="secondary">{x.notes}</Typography.Text>}
                      {x.rectifyDue && (
                        <Typography.Text type="secondary">
                          责令 {x.rectifyDays} 个工作日内改正（至 {x.rectifyDue}）
                        </Typography.Text>
                      )}
                      {x.transferUnitName && (
                        <Typography.Text type="secondary">
                          移交{x.transferUnitName}
                          {x.transferNote ? `：${x.transferNote}` : ''}
                        </Typography.Text>
                      )}
                      {x.exemptionText && <Tag color="blue">{x.exemptionText}</Tag>}
                    </Space>
                  ),
                },
                { key: 'inspector', title: '录入人员', render: (_, x) => x.inspectorName ?? '—' },
                { key: 'produced', title: '产生日期', dataIndex: 'producedOn' },
                {
                  key: 'due',
                  title: '公示',
                  render: (_, x) =>
                    x.publishedOn ? (
                      <Tag color={x.overdue ? 'orange' : 'green'}>{x.overdue ? `逾期公示 ${x.publishedOn}` : `已公示 ${x.publishedOn}`}</Tag>
                    ) : x.overdue ? (
                      <Tag color="red">
                        逾期 {-(x.workingDaysLeft ?? 0)} 个工作日（应于 {x.due} 前）
                      </Tag>
                    ) : (
                      <Tag>
                        剩 {x.workingDaysLeft} 个工作日（{x.due}）
                      </Tag>
                    ),
                },
                {
                  key: 'files',
                  title: '证据',
                  render: (_, x) => (
                    <Space direction="vertical" size={0}>
                      {x.files.map((f) => (
                        <a key={f.id} href={`/api/inspections/checks/results/${x.id}/files/${f.id}`}>
                          {f.fileName}
                        </a>
                      ))}
                      {x.canEdit && (
                        <UploadButton<{ id: number }>
                          url={`/api/inspections/checks/results/${x.id}/files`}
                          accept=".pdf,.jpg,.png,.docx,.xlsx"
                          onUploaded={async () => {
                            message.success('证据已上传');
                            await refresh();
                          }}
                          onFailed={(e) => message.error(errorText(e))}
                        >
                          <Button size="small">上传证据</Button>
                        </UploadButton>
                      )}
                    </Space>
                  ),
                },
                {
                  key: 'actions',
                  title: '操作',
                  render: (_, x) =>
                    x.canEdit ? (
                      <Space wrap>
                        <Button
                          size="small"
                          onClick={() =>
                            setTarget({
                              mode: 'correct',
                              resultId: x.id,
                              title: x.objectName,
                              initial: {
                                category: x.category as never,
                                notes: x.notes,
                                rectifyDays: x.rectifyDays,
                                transferUnitId: x.transferUnitId,
                                transferNote: x.transferNote,
                                exemptionId: x.exemptionId,
                              },
                            })
                          }
                        >
                          更正
                        </Button>
                        <Button size="small" type="primary" data-testid={`publish-${x.id}`} onClick={() => publish([x.id])}>
                          公示
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
            <Pagination current={r.page} pageSize={r.pageSize} total={r.total} onChange={setPage} showSizeChanger={false} size="small" />
          </>
        )}
      </QueryState>
      {target && <ResultForm target={target} onClose={() => setTarget(null)} />}
    </Space>
  );
}
