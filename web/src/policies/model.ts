/**
 * The policies pages' types, all from the generated API types (the server's contracts), and the
 * labels the pages share, from the server's pure cores where the server has them.
 */
import { OUTCOME_LABELS } from '../../../src/policies/core/test-cases.js';
import type { ApiBody, ApiResponse } from '../api.js';
import type { components } from '../generated/api.js';

export type Explanation = components['schemas']['PolicyExplanation'];
export type Outcome = CalcResult['outcome'];
export type CalcResult = ApiResponse<'/api/policies/calculator/try', 'post'>['results'][number];
export type Profile = ApiBody<'/api/policies/calculator/try'>;
export type Segment = ApiResponse<'/api/policies/'>['items'][number]['snippet'][number];
export type PolicyHit = ApiResponse<'/api/policies/'>['items'][number];

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
