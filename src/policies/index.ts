export * from './core/index.js';
export * from './policy-store.js';
export * from './matching.js';
export { policyRoutes } from './routes.js';
export { matchJob, policyJobs, startMatch, MATCH_JOB } from './match-job.js';
export { seedPolicyDemo, DEMO_POLICIES, type DemoResult } from './demo.js';
export { registerPolicyCommands } from './cli.js';
// The rule language's contract schemas, for other capabilities that keep rules in it (src/finance).
export {
  PolicySharedSchemas as RuleSharedSchemas,
  Condition as RuleConditionSchema,
  Explanation as RuleExplanationSchema,
  TestCase as RuleTestCaseSchema,
  TestResult as RuleTestResultSchema,
} from './api.js';
