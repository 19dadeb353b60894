import type { SessionUser } from '../auth/index.js';
import { ForbiddenError } from '../shared/index.js';
import type { Uploader } from './record-store.js';

/** Who reads and changes what: unit staff see and file only their units' indicators and records. */
export const isUnitStaff = (u: SessionUser) => u.role === 'unit_staff';

/** Units whose results a user may see: neither field = all (office, leader, admin). */
export function visibleUnits(u: SessionUser, requested?: number): { unitIds?: number[]; unitId?: number } {
  if (!isUnitStaff(u)) return requested ? { unitId: requested } : {};
  if (requested !== undefined && !u.unitIds.includes(requested)) throw new ForbiddenError('只能查看本单位的指标');
  return requested !== undefined ? { unitId: requested } : { unitIds: u.unitIds };
}

/** The units of a visibility as a list (undefined: every unit). */
export const unitList = (v: { unitIds?: number[]; unitId?: number }): number[] | undefined => (v.unitId !== undefined ? [v.unitId] : v.unitIds);

/** A logged-in user as the writer of records: unit staff only for their units. */
export const uploaderOf = (u: SessionUser): Uploader => ({ actor: u.account, unitIds: isUnitStaff(u) ? u.unitIds : undefined });
