export * from './errors.js';
export { canonicalJson } from './canonical-json.js';
export type { AppContext } from './app-context.js';
