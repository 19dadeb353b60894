/** The requests' pure core: lifecycle, categories and limits, deadlines, numbers, masking. */
export * from './lifecycle.js';
export * from './limits.js';
export * from './deadlines.js';
export * from './numbers.js';
export * from './privacy.js';
export * from './intake.js';
export * from './import-12345.js';
