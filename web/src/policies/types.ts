export type Outcome = 'eligible' | 'not_eligible' | 'unknown';
export type Status = 'held' | 'failed' | 'missing';
export interface Explanation {
  text: string;
  status: Status;
  detail?: string;
  supply?: string;
  children?: Explanation[];
}
export interface Segment {
  text: string;
  hit?: boolean;
}
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: string; value?: number | string; value2?: number; values?: string[] };
export type AmountRule =
  | { kind: 'fixed'; amount: number }
  | { kind: 'rate'; field: string; rate: number; cap?: number; floor?: number }
  | { kind: 'tiered'; field: string; tiers: Array<{ min: number; amount: number }> };
export interface Qualification {
  tag: string;
  validFrom?: string | null;
  validTo?: string | null;
}
export interface Profile {
  street?: string | null;
  industryCode?: string | null;
  sizeClass?: string | null;
  registeredOn?: string | null;
  registeredCapital?: number | null;
  revenue?: number | null;
  employees?: number | null;
  assets?: number | null;
  rdRatio?: number | null;
  creditGrade?: string | null;
  legalForm?: string | null;
  qualifications?: Qualification[] | null;
}
export interface CalcResult {
  outcome: Outcome;
  amount: number | null;
  amountText: string | null;
  explanation: Explanation;
  missing: Array<{ text: string; supply: string }>;
  itemId: number;
  itemName: string;
  kind: string;
  amountStated: string | null;
  policyId: number;
  policyTitle: string;
  docNumber: string | null;
  issuer: string;
  ruleVersion: number;
  conditionText: string;
}
export interface RuleVersion {
  id: number;
  itemId: number;
  version: number;
  condition: Condition;
  amount: AmountRule | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: 'draft' | 'published';
  createdBy: string;
  publishedAt: string | null;
  conditionText: string;
  amountRuleText: string | null;
}
export interface TestCase {
  name: string;
  asOf: string;
  profile: Profile;
  expected: Outcome;
  expectedAmount?: number | null;
}
export interface PolicyItem {
  id: number;
  seq: number;
  name: string;
  kind: string;
  kindLabel: string;
  amountText: string | null;
  description: string;
  testCases?: TestCase[];
  rule: RuleVersion | null;
  versions?: RuleVersion[];
}
export interface Policy {
  id: number;
  title: string;
  docNumber: string | null;
  issuer: string;
  publishedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  body: string;
  interpretation: string;
  topics: string[];
  attachments: Array<{ name: string; url: string }>;
  status: 'draft' | 'published' | 'withdrawn';
  isDemo: boolean;
  items: PolicyItem[];
}
export const OUTCOME: Record<Outcome, { label: string; color: string }> = {
  eligible: { label: '符合', color: 'green' },
  not_eligible: { label: '不符合', color: 'default' },
  unknown: { label: '无法判断（缺少信息）', color: 'orange' },
};
export const STATUS_LABEL: Record<string, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'green' },
  withdrawn: { label: '已废止', color: 'red' },
};
export const STAFF = ['office', 'unit_staff', 'leader', 'admin'];
export const EDITORS = ['office', 'unit_staff', 'admin'];
export const PUBLISHERS = ['office', 'admin'];
