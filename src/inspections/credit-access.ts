import type { Role } from '../auth/index.js';

/**
 * Who may read and change credit classes. The classification is an internal reference for allocating
 * supervision (国市监信发〔2022〕6号: “不是对企业的信用评价”), so enterprises and the public never see it; the
 * departments (unit staff) read it to plan their draws; the office edits it.
 */
export const CREDIT_READERS: Role[] = ['office', 'admin', 'leader', 'unit_staff'];
export const CREDIT_EDITORS: Role[] = ['office', 'admin'];
/** The 免罚清单 is public (包容审慎监管 lists are published); the office edits it. */
export const EXEMPTION_EDITORS: Role[] = ['office', 'admin'];
