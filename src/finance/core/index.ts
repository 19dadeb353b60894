export * from './labels.js';
export * from './access.js';
export * from './applications.js';
