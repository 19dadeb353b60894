/**
 * The HTTP contract of logging in and out: the TypeBox schema of every route's input and answer.
 * The OpenAPI document and the web's generated types come from these (`npm run gen:api`).
 */
import { Type } from '@sinclair/typebox';
import { Id, Nullable, StringEnum, Timestamp } from '../shared/index.js';
import { ROLES } from './roles.js';

export const RoleSchema = StringEnum(ROLES, {
  description:
    'office 营商办；unit_staff 单位工作人员；leader 领导；admin 系统管理员；enterprise 企业；supervisor 营商环境监督员或顾问专家；bank 金融机构工作人员',
});

/** The logged-in user as the session knows it. */
export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  account: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  unitIds: Type.Array(Type.Integer(), { description: '所属单位（单位工作人员）' }),
  enterpriseId: Nullable(Type.Integer({ description: '所属企业（企业账号）' })),
  mustChangePassword: Type.Boolean({ description: '须先修改初始密码' }),
});

export const LoginBody = Type.Object({
  account: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export const LoginResult = Type.Object({ user: SessionUserSchema, expiresAt: Type.String({ format: 'date-time' }) });
export const Me = Type.Object({ user: Nullable(SessionUserSchema) });

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 1, maxLength: 200, description: '至少12位，须含字母和数字，不能是常见密码或包含账号名' }),
});
export const UnlockBody = Type.Object({ account: Type.String({ minLength: 1, maxLength: 64 }) });
export const Unlocked = Type.Object({ unlocked: Type.Integer({ description: '解除锁定的来源地址数' }) });

/** Account administration (accounts-routes.ts). */
export const RoleCode = RoleSchema;

export const AccountRow = Type.Object({
  id: Type.Integer(),
  account: Type.String({ description: '登录账号' }),
  name: Type.String({ description: '姓名' }),
  role: RoleCode,
  active: Type.Boolean({ description: '启用（停用的账号不能登录）' }),
  locked_until: Nullable(Timestamp),
  created_at: Timestamp,
  mustChangePassword: Type.Boolean({ description: '下次登录须修改密码（初始或重置的密码）' }),
  units: Type.Array(Type.String(), { description: '所属单位名称' }),
  enterprise: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), creditCode: Type.String() }, { description: '所属企业（企业账号）' })),
});
const UnitNames = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, description: '所属单位名称（单位工作人员）', title: '所属单位' });
const EnterpriseRef = Nullable(Type.Integer({ minimum: 1, description: '所属企业（企业账号），由企业搜索选择', title: '所属企业' }));
export const NewAccountBody = Type.Object(
  {
    account: Type.String({ maxLength: 64, description: '3–32 位字母、数字或 _ . -', title: '账号' }),
    name: Type.String({ minLength: 1, maxLength: 50, title: '姓名' }),
    role: RoleCode,
    password: Type.Optional(Type.String({ maxLength: 200, description: '初始密码；不填则生成一次性密码（只显示一次）', title: '初始密码' })),
    units: Type.Optional(UnitNames),
    enterpriseId: Type.Optional(EnterpriseRef),
  },
  { additionalProperties: false },
);
export const CreatedAccount = Type.Object({
  user: SessionUserSchema,
  oneTimePassword: Nullable(Type.String({ description: '生成的一次性密码（只返回这一次；首次登录须修改）' })),
});
export const AccountBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50, title: '姓名' }),
    role: RoleCode,
    units: Type.Optional(UnitNames),
    enterpriseId: Type.Optional(EnterpriseRef),
  },
  { additionalProperties: false },
);
export const ActiveBody = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });
export const UserParams = Type.Object({ userId: Id });
export const PasswordReset = Type.Object({ oneTimePassword: Type.String({ description: '一次性密码（只显示这一次；下次登录须修改）' }) });
