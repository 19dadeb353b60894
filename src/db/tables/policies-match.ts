import type { ColumnType, Generated } from 'kysely';

/** A set of rule versions whose results policy_match_firm rows hold (migration 2026113078). */
export interface PolicyMatchCoverTable {
  id: Generated<number>;
  versions: number[];
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Per firm: its eligible results over a cover, `versionId:amount,…` by version id. */
export interface PolicyMatchFirmTable {
  enterprise_id: number;
  cover_id: number;
  results: string;
}

export interface PolicyMatchStateTables {
  policy_match_cover: PolicyMatchCoverTable;
  policy_match_firm: PolicyMatchFirmTable;
}
