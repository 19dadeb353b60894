export * from './labels.js';
export * from './access.js';
export * from './fit.js';
export * from './matching.js';
export * from './product.js';
export * from './applications.js';
