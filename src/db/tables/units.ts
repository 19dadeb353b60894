import type { ColumnType, Generated } from 'kysely';

/**
 * The unit directory's table (owned by src/units). Created by migration 2026112701-plan, before units
 * became a module of their own; that migration is applied on deployed databases and stays as it is.
 */
export interface UnitTable {
  id: Generated<number>;
  name: string;
  kind: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  /** False for a unit a plan named that no directory knew, until the office confirms or merges it (2026113021). */
  confirmed: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface UnitTables {
  unit: UnitTable;
}
