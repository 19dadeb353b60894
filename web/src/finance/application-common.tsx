import { Tag, Typography } from 'antd';
import type { ApiResponse } from '../api.js';
import { queryClient } from '../api.js';

export type ApplicationItem = ApiResponse<'/api/finance/applications', 'get'>['items'][number];
export type ApplicationDetail = ApiResponse<'/api/finance/applications/{applicationId}', 'get'>;

const STATUS_COLOR: Record<ApplicationItem['status'], string> = {
  submitted: 'gold',
  accepted: 'blue',
  approved: 'cyan',
  disbursed: 'green',
  declined: 'red',
  withdrawn: 'default',
};

export function StatusTag({ a }: { a: Pick<ApplicationItem, 'status' | 'statusLabel'> }) {
  return <Tag color={STATUS_COLOR[a.status]}>{a.statusLabel}</Tag>;
}

/** The step the bank owes and its deadline, red when overdue. */
export function PendingText({ a }: { a: Pick<ApplicationItem, 'pending' | 'overdue'> }) {
  if (!a.pending) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text type={a.overdue ? 'danger' : undefined}>
      {a.pending.step}期限 {a.pending.due}
      {a.overdue ? '（已超期）' : ''}
    </Typography.Text>
  );
}

export const wan = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('zh-CN')} 万元`);

export async function refreshApplications() {
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/applications'] });
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/applications/{applicationId}'] });
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/consents'] });
  await queryClient.invalidateQueries({ queryKey: ['get', '/api/finance/figures'] });
}
