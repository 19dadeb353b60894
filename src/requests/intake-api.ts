/**
 * The HTTP contract of requests from every channel: anonymous filing and following, attachments, the 12345 import,
 * and Open311 GeoReport v2 (field mapping in docs/open311.md).
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, StringEnum } from '../shared/index.js';
import { OPEN311_SERVICE_CODES, MAX_ATTACHMENTS, REQUEST_CATEGORIES, REQUEST_STAGES } from './core/index.js';

const Category = StringEnum(REQUEST_CATEGORIES);
const Stage = StringEnum(REQUEST_STAGES);

/** A file sent with a filing: its name and its content in base64 (5 MB of content at most). */
export const AttachmentUpload = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200, description: '文件名（pdf、jpg、png、docx、xlsx）' }),
    contentBase64: Type.String({ maxLength: 7_000_000, description: '文件内容（base64，单个文件不超过 5 MB）' }),
  },
  { additionalProperties: false },
);
export const Attachments = Type.Optional(Type.Array(AttachmentUpload, { maxItems: MAX_ATTACHMENTS, description: '附件（最多 5 个，合计不超过 10 MB）' }));

export const PublicRequestBody = Type.Object(
  {
    category: Category,
    subject: Type.String({ maxLength: 100, description: '诉求标题' }),
    description: Type.String({ maxLength: 5000, description: '诉求内容' }),
    contactName: Type.String({ maxLength: 50, description: '姓名' }),
    contactPhone: Type.String({ maxLength: 20, description: '手机号码（11 位）' }),
    attachments: Attachments,
  },
  { additionalProperties: false },
);
export const PublicFiled = Type.Object({
  number: Type.String({ description: '诉求编号' }),
  queryCode: Type.String({ description: '查询码（只显示这一次，凭编号和查询码查询办理进度）' }),
});

export const FollowBody = Type.Object(
  { number: Type.String({ maxLength: 40, description: '诉求编号' }), code: Type.String({ maxLength: 20, description: '查询码' }) },
  { additionalProperties: false },
);
export const AttachmentInfo = Type.Object({ id: Type.Integer(), fileName: Type.String(), mime: Type.String(), size: Type.Integer() });
export const PublicView = Type.Object({
  number: Type.String(),
  category: Category,
  subject: Type.String(),
  description: Type.String(),
  contactName: Type.String({ description: '脱敏' }),
  contactPhone: Type.String({ description: '脱敏' }),
  stage: Stage,
  stageLabel: Type.String(),
  waitingFor: Type.String(),
  filedOn: IsoDate,
  unitName: Nullable(Type.String()),
  answerDue: Nullable(IsoDate),
  answer: Nullable(Type.String()),
  timeline: Type.Array(Type.Object({ label: Type.String(), onDay: IsoDate, unitName: Nullable(Type.String()), note: Nullable(Type.String()) })),
  attachments: Type.Array(AttachmentInfo),
});
export const PublicAttachmentParams = Type.Object({ attachmentId: Id });
export const AttachmentParams = Type.Object({ requestId: Id, attachmentId: Id });
export const FileDownload = Type.Unsafe<Buffer>(Type.String({ format: 'binary', description: '附件文件' }));

/** A checked 12345 file queued for writing: follow it at GET /api/jobs/runs/:runId (progress, cancel, result). */
export const ImportStarted = Type.Object({ runId: Type.Integer({ description: '后台任务的运行编号' }) });

// ---- Open311 GeoReport v2 ----

export const Open311Error = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));
export const Open311ErrorResponses = { '4xx': Open311Error, '5xx': Open311Error } as const;

const ServiceCode = StringEnum(OPEN311_SERVICE_CODES, { description: '咨询 consult；求决 resolve；投诉举报 complaint；建议 suggest' });
export const Open311Service = Type.Object({
  service_code: ServiceCode,
  service_name: StringEnum(REQUEST_CATEGORIES),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.Literal('realtime'),
  keywords: Type.String(),
  group: Type.String(),
});
export const Open311KeyQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
  api_key: Type.Optional(Type.String({ maxLength: 200, description: '单位 API 令牌（也可用 Authorization: Bearer）' })),
});
export const Open311NewRequest = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 200 })),
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
  service_code: Type.String({ maxLength: 40 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  first_name: Type.Optional(Type.String({ maxLength: 40 })),
  last_name: Type.Optional(Type.String({ maxLength: 40 })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  address_string: Type.Optional(Type.String({ maxLength: 200 })),
  address_id: Type.Optional(Type.String({ maxLength: 100 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  device_id: Type.Optional(Type.String({ maxLength: 200 })),
  account_id: Type.Optional(Type.String({ maxLength: 200 })),
  media_url: Type.Optional(Type.String({ maxLength: 1000 })),
});
export const Open311Filed = Type.Array(Type.Object({ service_request_id: Type.String(), service_notice: Type.String(), account_id: Type.Null() }), {
  maxItems: 1,
});
export const Open311ListQuery = Type.Object({
  ...Open311KeyQuery.properties,
  service_request_id: Type.Optional(Type.String({ maxLength: 2000, description: '多个以逗号分隔' })),
  service_code: Type.Optional(Type.String({ maxLength: 40 })),
  start_date: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601' })),
  end_date: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601' })),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open、closed（可逗号分隔）' })),
});
export const Open311RequestParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: StringEnum(['open', 'closed']),
  status_notes: Type.String(),
  service_name: StringEnum(REQUEST_CATEGORIES),
  service_code: ServiceCode,
  description: Type.String(),
  agency_responsible: Nullable(Type.String()),
  service_notice: Type.String(),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Nullable(Type.String()),
  address: Nullable(Type.String()),
  address_id: Type.Null(),
  zipcode: Type.Null(),
  lat: Type.Null(),
  long: Type.Null(),
  media_url: Type.Null(),
  request_number: Type.String({ description: '诉求编号（本平台扩展字段）' }),
});
export const Open311Requests = Type.Array(Open311Request);
