import { STAFF_ROLES, type Role } from '../auth/index.js';

/** Who may call the indicators' routes. */
export const READ: readonly Role[] = STAFF_ROLES; // office, unit staff, leader, admin
export const OFFICE: readonly Role[] = ['office', 'admin'];
export const UPLOAD: readonly Role[] = ['office', 'admin', 'unit_staff'];
