export * from './core/index.js';
export * from './policy-store.js';
export * from './matching.js';
export { policyRoutes } from './routes.js';
