export * from './errors.js';
export { canonicalJson } from './canonical-json.js';
export type { AppContext } from './app-context.js';
export { StringEnum, Nullable, Id, IdParams, IsoDate, Timestamp, Ok, ErrorBody, ERROR_RESPONSES, PageQuery } from './contract.js';
export { seededRandom } from './random.js';
