export * from './labels.js';
export * from './access.js';
