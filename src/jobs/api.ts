/**
 * The job system's HTTP contract (`/api/jobs`, office and admin): schedules, runs, start by hand, cancel.
 */
import { Type } from '@sinclair/typebox';
import { Id, Nullable, StringEnum, Timestamp } from '../shared/index.js';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const JobName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9.-]*$', description: '任务名，如 ledger.reminders' });
export const NameParams = Type.Object({ name: JobName });

export const Summary = Type.Object({
  text: Type.String({ description: '做了什么（或为何未做）' }),
  notified: Type.Optional(Type.Integer({ minimum: 0, description: '送达的消息数' })),
  recipients: Type.Optional(Type.Array(Type.Object({ name: Type.String({ description: '单位名称' }), count: Type.Integer({ minimum: 0 }) }))),
  counts: Type.Optional(
    Type.Array(Type.Object({ label: Type.String({ description: '如 新增、更新' }), value: Type.Number() }), { description: '后台任务的统计数' }),
  ),
  problems: Type.Optional(
    Type.Array(Type.Object({ row: Type.Optional(Type.Integer()), field: Type.Optional(Type.String()), message: Type.String() }), {
      description: '导入被拒绝时的逐行问题（最多 1000 条）',
    }),
  ),
  problemCount: Type.Optional(Type.Integer({ minimum: 0, description: '问题总数' })),
  links: Type.Optional(Type.Array(Type.Object({ label: Type.String(), href: Type.String({ description: '网页路径' }) }))),
});

export const Run = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  label: Type.String({ description: '任务的中文名称' }),
  kind: StringEnum(['scheduled', 'background'] as const, { description: 'scheduled 定时；background 手动或后台' }),
  slot: Nullable(Timestamp),
  status: StringEnum(RUN_STATUSES),
  progressDone: Type.Integer({ minimum: 0 }),
  progressTotal: Nullable(Type.Integer({ minimum: 0 })),
  cancelRequested: Type.Boolean(),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
  result: Nullable(Summary),
  error: Nullable(Type.String()),
  startedBy: Nullable(Type.String({ description: '手动运行者的姓名；定时运行为空' })),
});

export const Schedule = Type.Object({
  name: Type.String(),
  label: Type.String(),
  defined: Type.Boolean({ description: '本服务器是否有此任务' }),
  cron: Type.String({ description: '执行时间（cron，北京时间）' }),
  time: Nullable(Type.String({ description: '每天执行的时刻 HH:MM（非每天执行时为空）' })),
  timeText: Type.String({ description: '执行时间的文字说明，如 每天 08:30' }),
  enabled: Type.Boolean(),
  updatedAt: Timestamp,
  updatedBy: Nullable(Type.String()),
  nextRunAt: Nullable(Timestamp),
  lastRun: Nullable(Run),
});

export const Overview = Type.Object({
  schedules: Type.Array(Schedule),
  runs: Type.Array(Run),
});

export const RunsQuery = Type.Object({
  name: Type.Optional(JobName),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const ScheduleUpdate = Type.Object({
  cron: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '执行时间（cron，北京时间），如 30 8 * * *' })),
  enabled: Type.Optional(Type.Boolean()),
});

export const RunParams = Type.Object({ runId: Id });
export const Started = Type.Object({ runId: Type.Integer() });
