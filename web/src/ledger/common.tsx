import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Badge, Input, Space, Tag, Tooltip } from 'antd';
import { useSession } from '../auth/session.js';
import { useFetch } from '../shared/use-fetch.js';
import { LIGHTS, type Flag } from './types.js';

/** The plan the ledger pages show: the latest imported one. */
export function usePlan() {
  const plans = useFetch<Array<{ id: number; title: string; doc_number: string; year: number }>>('/api/plan/plans');
  return { plan: plans.data?.[0] ?? null, loading: plans.loading || plans.data === null, error: plans.error };
}

export function useRoles() {
  const { user } = useSession();
  const isOffice = !!user && (user.role === 'office' || user.role === 'admin');
  const isUnit = user?.role === 'unit_staff';
  return { user, isOffice, isUnit, unitIds: user?.unitIds ?? [] };
}

export function Light({ light }: { light: string }) {
  const l = LIGHTS[light] ?? LIGHTS.grey!;
  return <Badge color={l.color} text={l.label} data-testid={`light-${light}`} />;
}

const FLAG_COLORS: Record<string, string> = { milestone_overdue: 'red', off_track: 'red', report_missing: 'volcano' };

/** The task's flags as tags (message on hover); an off-track flag links to its indicator. */
export function Flags({ flags }: { flags: Flag[] }) {
  return (
    <Space size={[0, 4]} wrap>
      {flags.map((f, i) => {
        const tag = (
          <Tag color={FLAG_COLORS[f.kind] ?? 'gold'} data-testid={`flag-${f.kind}`}>
            {f.label}
          </Tag>
        );
        return (
          <Tooltip key={i} title={f.message}>
            {f.link ? (
              <Link to={f.link} onClick={(e) => e.stopPropagation()}>
                {tag}
              </Link>
            ) : (
              tag
            )}
          </Tooltip>
        );
      })}
    </Space>
  );
}

export function StatusTag({ label, color }: { label: string; color: string }) {
  return <Tag color={color}>{label}</Tag>;
}

/** Day of reference for flags and lights (default today). */
export function useAsOf(): [string, (v: string) => void, React.ReactNode] {
  const [asOf, setAsOf] = useState('');
  const picker = (
    <Space>
      <span>参照日期</span>
      <Input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} style={{ width: 160 }} allowClear data-testid="as-of" />
    </Space>
  );
  return [asOf, setAsOf, picker];
}

export function NeedLogin() {
  return <Alert type="info" showIcon message="请先登录后查看改革台账" />;
}

export function errorText(e: unknown): string {
  const x = e as { message?: string; details?: Array<{ row?: number; field?: string; message: string }> };
  const d = Array.isArray(x.details) ? x.details.map((p) => `${p.row ? `第${p.row}行 ` : ''}${p.field ? `${p.field}：` : ''}${p.message}`).join('；') : '';
  return d ? `${x.message ?? '操作失败'}（${d}）` : (x.message ?? '操作失败');
}
