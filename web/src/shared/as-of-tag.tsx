import { useState } from 'react';
import { App, Button, Input, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { $api, client, queryClient } from '../api.js';
import { useSession } from '../auth/session.js';
import { errorText } from './query-state.js';
import { chineseDate } from '../../../src/plan/core/as-of.js';

/**
 * The one "as of" date of a plan, stated on every page that shows the plan's figures:
 * 「数据截至 2021年12月31日（方案年度已结束）」. The office changes it here (for every page at once) or returns
 * to the default. `planId`, or `year` (the plan of that year, e.g. on the indicator pages). `shown`: the date the
 * page's own data carries, when it may differ from the plan's (a bulletin is compiled as of its own day;
 * a year without a plan); `shownLabel` says why.
 */
export function AsOfTag({ planId, year, shown, shownLabel }: { planId?: number; year?: number; shown?: string; shownLabel?: string }) {
  const { user } = useSession();
  const plans = $api.useQuery('get', '/api/plan/plans', {}, { enabled: planId === undefined && year !== undefined });
  const id = planId ?? plans.data?.find((p) => p.year === year)?.id;
  const asOf = $api.useQuery('get', '/api/plan/plans/{planId}/as-of', { params: { path: { planId: id ?? 0 } } }, { enabled: id !== undefined });
  const a = asOf.data;
  const canChange = !!a && (user?.role === 'office' || user?.role === 'admin');
  const differs = !!shown && !!a && shown !== a.asOf;
  // Wait for the plan's date (a page never states a fallback it would then replace).
  const resolving = (id === undefined && planId === undefined && year !== undefined && plans.isPending) || (id !== undefined && asOf.isPending);
  if (resolving || (!a && !shown)) return null;
  const text = differs || !a ? `数据截至 ${chineseDate(shown!)}（${shownLabel ?? '本页所选日期'}）` : a.text;
  return (
    <Space size={4} wrap data-testid="as-of-tag">
      <Tooltip title={a?.setBy ? `由${a.setBy}于 ${new Date(a.setAt!).toLocaleString('zh-CN')} 指定；默认为 ${chineseDate(a.defaultAsOf)}` : undefined}>
        <Tag icon={<CalendarOutlined />} color={a?.reason === 'office' && !differs ? 'gold' : 'blue'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          <span data-testid="as-of-text" data-as-of={differs || !a ? shown : a.asOf}>
            {text}
          </span>
        </Tag>
      </Tooltip>
      {differs && a && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          （全平台{a.text}）
        </Typography.Text>
      )}
      {canChange && <AsOfChanger planId={a.planId} current={a.asOf} office={a.reason === 'office'} defaultAsOf={a.defaultAsOf} />}
    </Space>
  );
}

/** The office's form: another date for every page, or back to the default. */
function AsOfChanger({ planId, current, office, defaultAsOf }: { planId: number; current: string; office: boolean; defaultAsOf: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(current);
  const [busy, setBusy] = useState(false);
  const save = async (asOf: string | null) => {
    setBusy(true);
    try {
      const { data } = await client.PUT('/api/plan/plans/{planId}/as-of', { params: { path: { planId } }, body: { asOf } });
      message.success(data ? `已改为${data.text}` : '已保存');
      setOpen(false);
      // Every figure of the plan changes with the date.
      await queryClient.invalidateQueries();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setValue(current);
      }}
      trigger="click"
      title="数据截至日期（各页面统一）"
      content={
        <Space direction="vertical" style={{ maxWidth: 280 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            默认：方案年度进行中按今天，年度结束后按 12月31日（现为 {chineseDate(defaultAsOf)}）。
          </Typography.Text>
          <Input type="date" value={value} onChange={(e) => setValue(e.target.value)} data-testid="as-of-input" aria-label="数据截至日期" />
          <Space wrap>
            <Button type="primary" size="small" loading={busy} disabled={!value || value === current} onClick={() => save(value)} data-testid="as-of-save">
              保存
            </Button>
            {office && (
              <Button size="small" loading={busy} onClick={() => save(null)} data-testid="as-of-reset">
                恢复默认
              </Button>
            )}
          </Space>
        </Space>
      }
    >
      <Button size="small" type="link" data-testid="as-of-change">
        修改
      </Button>
    </Popover>
  );
}
