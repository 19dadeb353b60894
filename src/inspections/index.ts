/**
 * 双随机、一公开 inspections (issue 15): the only door other folders use. See README.md.
 *
 *   import { setCreditClassSource } from '../inspections/index.js';
 *   setCreditClassSource({ classOn: (db, date, ids) => creditClassesOn(db, date, ids) }); // strata of the next draws
 */
export { inspectionRoutes } from './routes.js';
export {
  createObject,
  updateObject,
  listObjects,
  objectNames,
  createInspector,
  updateInspector,
  listInspectors,
  importInspectors,
  createItem,
  updateItem,
  listItems,
  enterpriseKey,
  otherKey,
  INSPECTOR_COLUMNS,
  type ObjectInput,
  type InspectorBody,
  type ItemBody,
} from './directory-store.js';
export {
  commitDraw,
  setSeedInputs,
  runStoredDraw,
  listDraws,
  getDraw,
  drawProof,
  drawProofByNumber,
  setCreditClassSource,
  type CreditClassSource,
  type CommitBody,
  type DrawScope,
} from './draw-store.js';
export { registerInspectionCommands } from './cli.js';
export { verifyDraw, ALGORITHM, UNCLASSIFIED, OBJECT_KINDS, INSPECTION_METHODS, type PublishedDraw } from './core/index.js';
