export * from './record-types.js';
export * from './validate-rows.js';
export * from './definitions.js';
export * from './rollup.js';
