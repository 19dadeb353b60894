export * from './core/index.js';
export * from './policy-store.js';
export * from './matching.js';
export { policyRoutes } from './routes.js';
export { seedPolicyDemo, DEMO_POLICIES, type DemoResult } from './demo.js';
export { registerPolicyCommands } from './cli.js';
