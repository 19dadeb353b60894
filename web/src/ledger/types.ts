export interface Unit {
  id: number;
  name: string;
}
/** kind: milestone_overdue | milestone_due_soon | report_missing | behind_schedule | off_track (偏离目标, from a breached indicator: source, key and link). */
export interface Flag {
  kind: string;
  label: string;
  message: string;
  date: string;
  milestoneId?: number;
  cycleId?: number;
  source?: string;
  key?: string;
  link?: string;
}
export interface Milestone {
  id: number;
  title: string;
  dueOn: string;
  doneOn: string | null;
  source: string;
}
export interface Target {
  id: number;
  text: string;
  metric: string;
  op: string;
  value: number;
  unit: string;
}
export interface Task {
  id: number;
  planId: number;
  measureId: number;
  measureNumber: number;
  measureTitle: string;
  sectionNumber: number;
  sectionTitle: string;
  seq: number;
  code: string;
  title: string;
  description: string;
  weight: number;
  status: string;
  statusLabel: string;
  statusColor: string;
  progress: number;
  startOn: string;
  completedOn: string | null;
  leadUnits: Unit[];
  responsibleUnits: Unit[];
  targets: Target[];
  milestones: Milestone[];
  light: 'green' | 'yellow' | 'red' | 'grey';
  flags: Flag[];
  expectedProgress: number | null;
}
export interface Cycle {
  id: number;
  label: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  reports: Record<string, number>;
}
export interface ReportRow {
  id: number;
  taskId: number;
  code: string;
  taskTitle: string;
  cycleId: number;
  cycleLabel: string;
  state: string;
  version: number;
  returns: number;
  firstSubmittedOn: string;
  dueOn: string;
  onTime: boolean;
  demo: boolean;
}
export interface ReportContent {
  status: string;
  progress: number;
  done: string;
  problems: string;
  nextSteps: string;
  actuals: Array<{ targetId: number; value: number }>;
}
export interface Report {
  id: number;
  taskId: number;
  taskTitle: string;
  planId: number;
  cycleId: number;
  cycleLabel: string;
  dueOn: string;
  state: string;
  version: number;
  returns: number;
  firstSubmittedOn: string;
  onTime: boolean;
  demo: boolean;
  versions: Array<{
    version: number;
    unit: string | null;
    content: ReportContent;
    submittedBy: string;
    submittedAt: string;
    outcome: string | null;
    reviewComment: string | null;
    reviewedBy: string | null;
    reviewedAt: string | null;
  }>;
  evidence: Array<{ id: number; version: number; fileName: string; mime: string; size: number; uploadedBy: string; uploadedAt: string }>;
}
export interface Order {
  id: number;
  planId: number;
  number: string;
  taskId: number;
  taskTitle: string;
  unitId: number;
  unitName: string;
  reason: string;
  requirement: string;
  stage: string;
  replyDays: number;
  issuedOn: string | null;
  replyDue: string | null;
  repliedOn: string | null;
  reply: string | null;
  escalations: number;
  overdue: boolean;
  events?: Array<{ action: string; stage: string; note: string | null; actor: string; at: string }>;
}
export const STATE_LABELS: Record<string, { label: string; color: string }> = {
  submitted: { label: '待审核', color: 'processing' },
  returned: { label: '已退回', color: 'warning' },
  accepted: { label: '已通过', color: 'success' },
};
export const LIGHTS: Record<string, { label: string; color: string }> = {
  green: { label: '绿灯', color: '#52c41a' },
  yellow: { label: '黄灯', color: '#faad14' },
  red: { label: '红灯', color: '#f5222d' },
  grey: { label: '暂停', color: '#bfbfbf' },
};
export const STATUSES = [
  { code: 'not_started', label: '未启动', color: '#8c8c8c' },
  { code: 'in_progress', label: '推进中', color: '#1677ff' },
  { code: 'done', label: '已完成', color: '#52c41a' },
  { code: 'lagging', label: '滞后', color: '#f5222d' },
  { code: 'paused', label: '已暂停', color: '#fa8c16' },
];
export const OP_SIGNS: Record<string, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };
