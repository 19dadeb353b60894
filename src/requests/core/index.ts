/** The requests' pure core: lifecycle, categories and limits, deadlines, numbers, masking. */
export * from './lifecycle.js';
export * from './limits.js';
export * from './deadlines.js';
export * from './numbers.js';
export * from './privacy.js';
export * from './routing.js';
export * from './catalogue-seed.js';
export * from './evaluation.js';
export * from './communication.js';
export * from './figures.js';
// ./keywords.js (jieba, a native module) is imported directly by the server: the web imports this index.
export * from './time.js';
export * from './intake.js';
export * from './import-12345.js';
