import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './column-types.js';

export interface AppUserTable {
  id: Generated<number>;
  account: string;
  name: string;
  role: string;
  password_hash: string;
  enterprise_id: number | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: DefaultTimestamp;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  account_hash: string;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  updated_at: DefaultTimestamp;
}

export interface UserUnitTable {
  user_id: number;
  unit_id: number;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  prev_hash: string;
  hash: string;
}

/** Per-unit API tokens (src/auth/api-token-store.ts; the table's name is from its first user, the indicators). */
export interface IndicatorApiTokenTable {
  id: Generated<number>;
  unit_id: number;
  token_hash: string;
  label: Generated<string>;
  created_by: string;
  created_at: DefaultTimestamp;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AuthTables {
  app_user: AppUserTable;
  user_unit: UserUnitTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  login_throttle: LoginThrottleTable;
  indicator_api_token: IndicatorApiTokenTable;
}
