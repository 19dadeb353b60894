/**
 * Which institution rows a bank account acts for: its own row, and when that row is a head office (no parent),
 * the head office's branches too. `rows` are the institutions as id → parent id.
 */
export function actsFor(staffInstitutionId: number, rows: ReadonlyMap<number, number | null>): number[] {
  const ids = [staffInstitutionId];
  if ((rows.get(staffInstitutionId) ?? null) === null) for (const [id, parent] of rows) if (parent === staffInstitutionId) ids.push(id);
  return ids;
}

/** Whether a bank account linked to `staffInstitutionId` may act on something of `institutionId`. */
export function mayActFor(staffInstitutionId: number, institutionId: number, rows: ReadonlyMap<number, number | null>): boolean {
  return institutionId === staffInstitutionId || (rows.get(institutionId) ?? null) === staffInstitutionId;
}
