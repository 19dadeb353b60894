import { App, Button, Card, Form, Input, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { $api, client, queryClient } from '../api.js';
import { hasRole, useSession } from '../auth/session.js';
import { problemsOf } from '../shared/problems.js';
import { errorText, QueryState } from '../shared/query-state.js';
import { type DrawDetail, DrawView, StatusTag } from './draw-view.js';

/** The office's steps after the commitment: witnesses' numbers, then the lottery result, then the run. */
function SeedSteps({ d }: { d: DrawDetail }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [numbers] = Form.useForm<{ n: string[] }>();
  const [lottery] = Form.useForm<{ result: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/draws/{drawId}'] });
  const act = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await f();
      message.success(done);
      await refresh();
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/inspections/draws'] });
    } catch (e) {
      const details = problemsOf(e);
      message.error(details.length ? `${errorText(e)}：${details.map((x) => x.message).join('；')}` : errorText(e), 8);
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { drawId: d.id } } };
  const current = d.status === 'run' ? 3 : d.lotteryResult ? 2 : d.witnessNumbers ? 1 : 0;
  return (
    <Card size="small" title="抽取步骤（营商办）">
      <Steps
        size="small"
        current={current}
        direction="vertical"
        items={[
          {
            title: '监督人录入号码',
            description:
              current === 0 ? (
                <Form form={numbers} layout="inline" style={{ rowGap: 8 }}>
                  {d.witnesses.map((w, i) => (
                    <Form.Item key={w} name={['n', i]} label={w} rules={[{ required: true, pattern: /^[0-9０-９]{1,12}$/, message: '1 至 12 位数字' }]}>
                      <Input maxLength={12} style={{ width: 130 }} data-testid={`witness-${i}`} inputMode="numeric" />
                    </Form.Item>
                  ))}
                  <Button
                    loading={busy}
                    data-testid="save-witnesses"
                    onClick={async () => {
                      const v = await numbers.validateFields();
                      await act(
                        () => client.PUT('/api/inspections/draws/{drawId}/seed-inputs', { ...path, body: { witnessNumbers: v.n } }),
                        '已录入监督人号码',
                      );
                    }}
                  >
                    保存号码
                  </Button>
                </Form>
              ) : (
                '已录入'
              ),
          },
          {
            title: `录入 ${d.lotteryDate} ${d.lotteryName}开奖号码`,
            description:
              current === 1 ? (
                <Form form={lottery} layout="inline" style={{ rowGap: 8 }}>
                  <Form.Item name="result" rules={[{ required: true, message: '请填写开奖号码' }]}>
                    <Input
                      maxLength={100}
                      placeholder="按公布的样子录入，如 03 07 12 19 25 31 + 09"
                      style={{ width: 300, maxWidth: '100%' }}
                      data-testid="lottery"
                    />
                  </Form.Item>
                  <Button
                    loading={busy}
                    data-testid="save-lottery"
                    onClick={async () => {
                      const v = await lottery.validateFields();
                      await act(
                        () => client.PUT('/api/inspections/draws/{drawId}/seed-inputs', { ...path, body: { lotteryResult: v.result } }),
                        '已录入开奖号码',
                      );
                    }}
                  >
                    保存开奖号码
                  </Button>
                </Form>
              ) : current > 1 ? (
                '已录入'
              ) : (
                '监督人号码录入后，开奖后录入'
              ),
          },
          {
            title: '按公开算法抽取',
            description:
              current === 2 ? (
                <Button
                  type="primary"
                  loading={busy}
                  data-testid="run-draw"
                  onClick={() => act(() => client.POST('/api/inspections/draws/{drawId}/run', path), '抽取完成，结果已公开')}
                >
                  抽取对象并选派检查人员
                </Button>
              ) : current > 2 ? (
                '已抽取'
              ) : (
                '种子来源齐全后抽取'
              ),
          },
        ]}
      />
    </Card>
  );
}

/** One draw for staff: the published record, and for the office the steps from commitment to result. */
export function InspectionDrawPage() {
  const drawId = Number(useParams().drawId);
  const { user } = useSession();
  const draw = $api.useQuery('get', '/api/inspections/draws/{drawId}', { params: { path: { drawId } } });
  return (
    <QueryState query={draw}>
      {(d) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {d.number} {d.title} <StatusTag d={d} />
            </Typography.Title>
            <Link to={`/public/inspections/${d.id}`}>公开验证页</Link>
          </Space>
          {hasRole(user, ['office', 'admin']) && d.status !== 'run' && <SeedSteps d={d} />}
          <DrawView d={d} />
        </Space>
      )}
    </QueryState>
  );
}
