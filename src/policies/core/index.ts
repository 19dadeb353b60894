export * from './rules.js';
export * from './compile.js';
export * from './test-cases.js';
export * from './search-text.js';
export * from './access.js';
export * from './batch.js';
