export * from './errors.js';
export { canonicalJson } from './canonical-json.js';
export type { AppContext } from './app-context.js';
export { StringEnum, Nullable, Id, IdParams, IsoDate, Timestamp, Ok, ErrorBody, ERROR_RESPONSES, PageQuery } from './contract.js';
export { seededRandom } from './random.js';
export { checkFileContent, safeFileName, FILE_TYPES, type FileExtension } from './file-types.js';
export { publicRead, userRead, READ_DOMAINS, type ReadDomain, type PublicReadConfig } from './read-cache.js';
