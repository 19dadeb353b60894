import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Empty, Space, Tag, Tooltip } from 'antd';
import { $api, type ApiResponse } from '../api.js';
import { problemsOf } from '../shared/problems.js';
import { useSession } from '../auth/session.js';
import { NeedLoginPage } from '../shared/access.js';
import { QueryState, errorText as requestErrorText } from '../shared/query-state.js';
import { useChosenPlan } from '../plan/plan-choice.js';
import { LIGHT_LABELS } from '../../../src/ledger/core/flags.js';
import { STATUS_INFO, TASK_STATUSES } from '../../../src/ledger/core/status.js';

export { OP_SIGNS } from '../../../src/ledger/core/assessment.js';
export { ORDER_ACTIONS, ORDER_STAGES } from '../../../src/ledger/core/orders.js';

export type Task = ApiResponse<'/api/ledger/tasks/{taskId}'>;
export type Flag = Task['flags'][number];
export type Cycle = ApiResponse<'/api/ledger/plans/{planId}/cycles'>[number];
export type ReportRow = ApiResponse<'/api/ledger/reports'>[number];
export type Report = ApiResponse<'/api/ledger/reports/{reportId}'>;
export type Order = ApiResponse<'/api/ledger/orders'>[number];
type LightCode = Task['light'];
type ReportState = ReportRow['state'];

/** Task statuses for selects (the server's codes and labels). */
export const STATUS_OPTIONS = TASK_STATUSES.map((s) => ({ value: s, label: STATUS_INFO[s].label }));
export const statusLabel = (s: Task['status']) => STATUS_INFO[s].label;

/** Light names (the server's) and their colours. */
export const LIGHTS: Record<LightCode, { label: string; color: string }> = {
  green: { label: LIGHT_LABELS.green, color: '#52c41a' },
  yellow: { label: LIGHT_LABELS.yellow, color: '#faad14' },
  red: { label: LIGHT_LABELS.red, color: '#f5222d' },
  grey: { label: LIGHT_LABELS.grey, color: '#bfbfbf' },
};
/** The lights in the order the pages list them. */
export const LIGHT_CODES: LightCode[] = ['green', 'yellow', 'red', 'grey'];

/** Review states of a report: name and tag colour. */
export const STATE_LABELS: Record<ReportState, { label: string; color: string }> = {
  submitted: { label: '待审核', color: 'processing' },
  returned: { label: '已退回', color: 'warning' },
  accepted: { label: '已通过', color: 'success' },
};

/** The plan the ledger pages show: the one chosen in the plan bar (`?plan=ID`), by default the current plan. */
export function usePlan() {
  const { plan, query } = useChosenPlan();
  return { plan, query };
}

/**
 * What a ledger page shows instead of itself while the plan loads, when it fails (with retry) or when
 * none is imported yet; null once there is a plan. (Queries that need the plan wait for it: without
 * this they would stay pending.)
 */
export function planWaiting({ plan, query }: ReturnType<typeof usePlan>): ReactNode {
  if (query.isError || query.isPending) return <QueryState query={query}>{() => null}</QueryState>;
  if (!plan) return <Empty description="尚未导入实施方案" />;
  return null;
}

/** Units (id and canonical name) for selects. */
export function useUnits(enabled = true) {
  return $api.useQuery('get', '/api/plan/units', {}, { enabled });
}

export function useRoles() {
  const { user } = useSession();
  const isOffice = !!user && (user.role === 'office' || user.role === 'admin');
  const isUnit = user?.role === 'unit_staff';
  return { user, isOffice, isUnit, unitIds: user?.unitIds ?? [] };
}

export function Light({ light }: { light: LightCode }) {
  const l = LIGHTS[light];
  return <Badge color={l.color} text={l.label} data-testid={`light-${light}`} />;
}

const FLAG_COLORS: Partial<Record<Flag['kind'], string>> = { milestone_overdue: 'red', off_track: 'red', report_missing: 'volcano' };

/**
 * The task's flags as tags, one per kind (a task off track on four indicators shows 偏离目标 once): the messages of
 * that kind, each once, on hover; a kind whose flags all point to one page (an indicator) links to it.
 */
export function Flags({ flags }: { flags: Flag[] }) {
  const kinds = [...new Set(flags.map((f) => f.kind))];
  return (
    <Space size={[0, 4]} wrap>
      {kinds.map((kind) => {
        const ofKind = flags.filter((f) => f.kind === kind);
        const messages = [...new Set(ofKind.map((f) => f.message))];
        const links = [...new Set(ofKind.map((f) => f.link).filter((l): l is string => !!l))];
        const tag = (
          <Tag color={FLAG_COLORS[kind] ?? 'gold'} data-testid={`flag-${kind}`}>
            {ofKind[0]!.label}
          </Tag>
        );
        return (
          <Tooltip
            key={kind}
            title={
              <div>
                {messages.map((m) => (
                  <div key={m}>{m}</div>
                ))}
              </div>
            }
          >
            {links.length === 1 ? (
              <Link to={links[0]!} onClick={(e) => e.stopPropagation()}>
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

export function NeedLogin() {
  return <NeedLoginPage page="改革台账" />;
}

/** A failed request's message with its request id, and the problems it names (row, field). */
export function errorText(e: unknown): string {
  const base = requestErrorText(e);
  const d = problemsOf(e)
    .map((p) => `${p.row ? `第${p.row}行 ` : ''}${p.field ? `${p.field}：` : ''}${p.message}`)
    .join('；');
  return d ? `${base}（${d}）` : base;
}
