import { Alert, Button, Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type ApiResponse, client } from '../api.js';
import { ErrorAlert } from '../shared/query-state.js';
import { ResponsiveTable } from '../shared/responsive-table.js';
import { ALGORITHM, verifyDraw, type VerifyCheck } from '../../../src/inspections/core/index.js';

export type DrawDetail = ApiResponse<'/api/inspections/public/draws/{drawId}'>;
type Pick = DrawDetail['picks'][number];

const when = (t: string | null) => (t ? new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
/** A hash shown whole but breakable (64 hex digits never widen a phone's page). */
export const HashText = ({ value }: { value: string | null }) =>
  value ? (
    <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
      {value}
    </Typography.Text>
  ) : (
    <>—</>
  );

export const StatusTag = ({ d }: { d: { status: string; statusLabel: string } }) => <Tag color={d.status === 'run' ? 'green' : 'gold'}>{d.statusLabel}</Tag>;

/** The draw as published: commitment, seed's sources, result (the same for staff and the public). */
export function DrawView({ d }: { d: DrawDetail }) {
  // Public proofs name neutral strata (第1层 …); staff also see the credit class each stands for.
  const classOf = new Map(d.stratumNames.map((x) => [x.stratum, x.className]));
  const layer = (s: string) => (classOf.has(s) && classOf.get(s) !== s ? `${s}（${classOf.get(s)}）` : s);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={1} title="一、公开承诺（抽取前）">
        <Descriptions.Item label="发起部门">{d.leadUnitName}</Descriptions.Item>
        <Descriptions.Item label="参与部门">{d.jointUnitNames.join('、') || '无（单部门抽查）'}</Descriptions.Item>
        <Descriptions.Item label="抽查事项">{d.items.map((i) => `${i.name}（${i.method}）`).join('；')}</Descriptions.Item>
        <Descriptions.Item label="检查对象名录快照">
          {d.objectCount} 个对象（分层日期 {d.classDate}）
          <br />
          <HashText value={d.objectsHash} />
        </Descriptions.Item>
        <Descriptions.Item label="执法检查人员名录快照">
          {d.inspectorCount} 人
          <br />
          <HashText value={d.inspectorsHash} />
        </Descriptions.Item>
        <Descriptions.Item label="抽查比例">
          {[...d.shares.map((s) => `${layer(s.stratum)} ${s.percent}%`), `其他各层 ${d.defaultPercent}%`].join('；')}（每层向上取整，不免抽）
        </Descriptions.Item>
        <Descriptions.Item label="每个对象的检查人员">
          {d.perDepartment === 2 ? '本部门随机选派 2 名' : '每个部门各随机选派 1 名'}；申报回避和该对象上次检查的人员不选派
          {d.field ? `；须具备“${d.field}”专长` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="种子来源">
          监督人 {d.witnesses.join('、')} 各自录入的号码，与 {d.lotteryDate} {d.lotteryName}开奖号码，按公开规则合成
        </Descriptions.Item>
        <Descriptions.Item label="承诺值">
          <HashText value={d.commitment} />
          <br />
          承诺时间 {when(String(d.committedAt))}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions size="small" bordered column={1} title="二、种子（承诺之后产生）">
        <Descriptions.Item label="监督人号码">
          {d.witnessNumbers ? d.witnesses.map((w, i) => `${w}：${d.witnessNumbers![i]}`).join('；') : '待录入'}
          {d.witnessesAt ? `（${when(String(d.witnessesAt))} 录入）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="开奖号码">
          {d.lotteryResult ?? '待开奖后录入'}
          {d.lotteryAt ? `（${when(String(d.lotteryAt))} 录入）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="种子">
          <HashText value={d.seed} />
        </Descriptions.Item>
      </Descriptions>
      {d.status === 'run' && (
        <Card size="small" title={`三、抽取结果：${d.picked} 个对象`}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <span>
              结果 SHA-256：
              <HashText value={d.resultHash} />
            </span>
            <Table
              size="small"
              pagination={false}
              rowKey="stratum"
              dataSource={d.strata}
              scroll={{ x: true }}
              columns={[
                { title: '分层', dataIndex: 'stratum', render: (s: string) => layer(s) },
                { title: '对象数', dataIndex: 'population' },
                { title: '比例', key: 'p', render: (_, s) => `${s.percent}%` },
                { title: '抽中', dataIndex: 'drawn' },
              ]}
            />
            <ResponsiveTable<Pick>
              size="small"
              rowKey={(p) => String(p.position)}
              data-testid="pick-table"
              dataSource={d.picks}
              pagination={false}
              cardTitle={(p) => `${p.position}. ${p.objectName}`}
              cardOmit={['position', 'objectName']}
              columns={[
                { title: '序号', dataIndex: 'position' },
                { title: '检查对象', dataIndex: 'objectName' },
                { title: '分层', dataIndex: 'stratum', render: (s: string) => layer(s) },
                {
                  title: '检查人员（执法证号）',
                  key: 'team',
                  render: (_, p) => p.team.map((t) => `${t.name}（${t.unitName}，${t.certNo}）`).join('；'),
                },
              ]}
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}

/** Downloads the published inputs and recomputes the whole draw in this browser (the same pure core as the server). */
export function VerifyPanel({ drawId }: { drawId: number }) {
  const [checks, setChecks] = useState<{ ok: boolean; checks: VerifyCheck[]; ran: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await client.GET('/api/inspections/public/draws/{drawId}/proof', { params: { path: { drawId } } });
      if (!data) return;
      setChecks({ ...verifyDraw(data), ran: data.result !== null });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="自行验证">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          下载本次抽查公开的全部输入（两库快照、参数、监督人号码、开奖号码），在您的浏览器中按公开算法 {ALGORITHM}（SHA-256 计数器模式随机流、拒绝采样的
          Fisher–Yates 抽样）重新计算，并与公布的结果逐项比对。也可下载
          <a href={`/api/inspections/public/draws/${drawId}/proof`} target="_blank" rel="noreferrer">
            {' '}
            验证数据（JSON）{' '}
          </a>
          用独立程序核对。
        </Typography.Paragraph>
        <Button type="primary" onClick={run} loading={busy} data-testid="verify-draw">
          重新计算并比对
        </Button>
        {error ? <ErrorAlert error={error} /> : null}
        {checks && (
          <>
            <Alert
              type={checks.ok ? 'success' : 'error'}
              showIcon
              data-testid="verify-result"
              message={
                checks.ok
                  ? checks.ran
                    ? '验证通过：重新计算的结果与公布的结果完全一致'
                    : '承诺一致：尚未抽取'
                  : '验证未通过：公布的数据与重新计算的结果不一致'
              }
            />
            <List
              size="small"
              dataSource={checks.checks}
              renderItem={(c) => (
                <List.Item>
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    <span>
                      {c.ok ? <Tag color="green">一致</Tag> : <Tag color="red">不一致</Tag>}
                      {c.label}
                    </span>
                    {!c.ok && (
                      <Typography.Text type="secondary" style={{ wordBreak: 'break-all', fontSize: 12 }}>
                        公布：{c.expected}；重算：{c.actual}
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
