/**
 * The policies pages' types, all from the generated API types (the server's contracts), and the
 * labels the pages share, from the server's pure cores where the server has them.
 */
import { OUTCOME_LABELS } from '../../../src/policies/core/test-cases.js';
import { queryClient, type ApiBody, type ApiResponse } from '../api.js';
import type { components } from '../generated/api.js';

export type Explanation = components['schemas']['PolicyExplanation'];
export type Outcome = CalcResult['outcome'];
export type CalcResult = ApiResponse<'/api/policies/calculator/try', 'post'>['results'][number];
export type Profile = ApiBody<'/api/policies/calculator/try'>;
export type Segment = ApiResponse<'/api/policies/'>['items'][number]['snippet'][number];
export type PolicyHit = ApiResponse<'/api/policies/'>['items'][number];
export type Policy = ApiResponse<'/api/policies/{id}'>;
export type PolicyItem = Policy['items'][number];
export type RuleVersion = NonNullable<PolicyItem['rule']>;
export type AmountRule = NonNullable<RuleVersion['amount']>;
export type TestCase = ApiBody<'/api/policies/items/{id}/test-cases', 'put'>[number];
export type Preview = ApiResponse<'/api/policies/rules/preview', 'post'>;

// ---------------------------------------------------------------------------------------------
// Conditions. Every variant of the generated union lists the other variants' keys as optional
// (`all?: unknown`), so `'all' in c` does not narrow it: these guards do.

export type Condition = components['schemas']['PolicyCondition'];
export type AllCondition = Extract<Condition, { all: Condition[] }>;
export type AnyCondition = Extract<Condition, { any: Condition[] }>;
export type NotCondition = Extract<Condition, { not: Condition }>;
export type LeafCondition = Extract<Condition, { field: string }>;
export type Field = LeafCondition['field'];
export type NumLeaf = Extract<LeafCondition, { value: number }>;
export type ListLeaf = Extract<LeafCondition, { op: 'in' }>;
export type QualLeaf = Extract<LeafCondition, { op: 'has' }>;
export type DateLeaf = Extract<LeafCondition, { field: 'registered_on' }>;

export const isAll = (c: Condition): c is AllCondition => Array.isArray(c.all);
export const isAny = (c: Condition): c is AnyCondition => Array.isArray(c.any);
export const isNot = (c: Condition): c is NotCondition => c.not !== undefined;
export const isLeaf = (c: Condition): c is LeafCondition => typeof c.field === 'string';
export const isListLeaf = (c: LeafCondition): c is ListLeaf => c.op === 'in';
export const isQualLeaf = (c: LeafCondition): c is QualLeaf => c.op === 'has';
export const isDateLeaf = (c: LeafCondition): c is DateLeaf => c.field === 'registered_on';
export const isNumLeaf = (c: LeafCondition): c is NumLeaf => typeof c.value === 'number';

// ---------------------------------------------------------------------------------------------
// Labels

export const OUTCOME: Record<Outcome, { label: string; color: string }> = {
  eligible: { label: OUTCOME_LABELS.eligible, color: 'green' },
  not_eligible: { label: OUTCOME_LABELS.not_eligible, color: 'default' },
  unknown: { label: `${OUTCOME_LABELS.unknown}（缺少信息）`, color: 'orange' },
};
export const STATUS_LABEL: Record<PolicyHit['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'green' },
  withdrawn: { label: '已废止', color: 'red' },
};

/** After a policy, rule or application changes: every policies answer (library, details, calculator, funnel) is stale. */
export const invalidatePolicies = () =>
  queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[1] === 'string' && q.queryKey[1].startsWith('/api/policies') });
