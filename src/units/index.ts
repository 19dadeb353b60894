/**
 * The unit directory: the offices, collectives and enterprises that plans assign measures to, that
 * accounts belong to and that indicator records are kept by. A leaf module: it imports no capability
 * (only src/db and its own files); plan, auth, ledger and indicators read units through it.
 *
 * Two parts:
 *   - the built-in directory (pure data, directory.ts): canonical names, kinds, aliases, e.g.
 *     `canonicalUnit('区发改委') === '区发展改革委'`, `lookupUnit(name)`, `listUnits()`, `createUnitDirectory(extra)`;
 *   - the stored units (store.ts), which have the ids other tables reference: `listUnitRows`,
 *     `findUnitById`, `findUnitsByIds`, `findUnitsByName`, `ensureUnits` (adds the units a plan names);
 *   - the office's confirmation (issue 13): a name no directory knew is stored as a unit of kind `unknown` with
 *     `confirmed = false` (migration 2026113021); `listUnconfirmedUnits`, `confirmUnitRow` (gives it a kind),
 *     `mergeUnitRow` (records its name as an alias of another unit and removes it, once the caller has moved
 *     every reference), `storedUnitEntries` (the stored directory with the office's aliases, for the parser).
 *     The plan (src/plan/unit-merge.ts) runs these with the other owners' reference moves and the audit entry.
 *
 * Tables: `unit` (id, name, kind, aliases text[]; aliases live in that array column, there is no
 * separate alias table) is owned by this module. It was created by migration `2026112701-plan`,
 * written when the directory was part of the plan; `2026112703-auth-audit` (user_unit) references it.
 * Those migrations are applied on deployed databases and are NOT renamed, split or reordered: the
 * table keeps being created there, for history. Its Kysely types are in src/db/tables/units.ts.
 *
 * @example
 *   import { canonicalUnit, ensureUnits, findUnitsByName } from '../units/index.js';
 *   canonicalUnit('区人社局');                          // '区人力社保局'
 *   const ids = await ensureUnits(trx, ['区财政局']);     // Map { '区财政局' => 4 }
 *   const [unit] = await findUnitsByName(db, ['区财政局']);
 */
export {
  canonicalUnit,
  lookupUnit,
  listUnits,
  createUnitDirectory,
  UNIT_KIND_LABELS,
  CONFIRMED_UNIT_KINDS,
  type UnitEntry,
  type UnitKind,
  type UnitDirectory,
} from './directory.js';
export {
  listUnitRows,
  findUnitById,
  findUnitsByIds,
  findUnitsByName,
  ensureUnits,
  storedUnitEntries,
  listUnconfirmedUnits,
  isUnitConfirmed,
  confirmUnitRow,
  mergeUnitRow,
  type UnitRow,
  type UnconfirmedUnit,
} from './store.js';
