/**
 * Roles (see docs/architecture.md, "People and access"):
 * - office: 营商办 — sets up the ledger, reviews, supervises;
 * - unit_staff: staff of one or more units — change only their units' tasks and reports;
 * - leader: read everything, change nothing;
 * - admin: system administrator — accounts and settings;
 * - enterprise: an enterprise account — sees only its own data;
 * - supervisor: a 营商环境监督员 or consultant expert (顾问专家) registered by the office (src/requests) — files reports
 *   (requests with the channel 监督员 or 专家) and sees only its own reports;
 * - bank: staff of a financial institution (金融机构, src/finance) — linked to one institution row (head office or
 *   branch) in src/finance; sees its institution's products and what is addressed to it, nothing else.
 */
export const ROLES = ['office', 'unit_staff', 'leader', 'admin', 'enterprise', 'supervisor', 'bank'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  office: '营商办',
  unit_staff: '单位工作人员',
  leader: '领导',
  admin: '系统管理员',
  enterprise: '企业',
  supervisor: '监督员/专家',
  bank: '金融机构',
};

/** Staff roles: everyone on the government side. */
export const STAFF_ROLES: Role[] = ['office', 'unit_staff', 'leader', 'admin'];

export interface SessionUser {
  id: number;
  account: string;
  name: string;
  role: Role;
  unitIds: number[];
  enterpriseId: number | null;
  /** The initial (or reset) password must be changed before anything else. */
  mustChangePassword: boolean;
}
