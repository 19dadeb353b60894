import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './column-types.js';

/**
 * 渝中融 (issue 16), owned by src/finance (see src/finance/README.md). Amounts in 万元, terms in months, rates in %
 * a year. Dates are ISO strings (China dates); `numeric` columns are read as numbers (src/db/connect.ts).
 */
type Numeric = number;
type Json<T> = ColumnType<T, string, string>;

/** A financial institution, or one of its branches (`parent_id` the head office's row). */
export interface FinanceInstitutionTable {
  id: Generated<number>;
  /** The institution's name, e.g. 重庆农村商业银行. */
  name: string;
  /** 银行, 担保, 小贷, 融资租赁, 保理, 其他 (FINANCE_INSTITUTION_KINDS). */
  kind: string;
  /** The branch, e.g. 渝中支行; null for the head office row. */
  branch: string | null;
  parent_id: number | null;
  contact: string | null;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_by: string;
  created_at: DefaultTimestamp;
}

/** A bank staff account (role `bank`) and the institution row (head office or branch) it acts for. */
export interface FinanceBankStaffTable {
  user_id: number;
  institution_id: number;
  linked_by: string;
  linked_at: DefaultTimestamp;
}

export interface FinanceProductTable {
  id: Generated<number>;
  institution_id: number;
  /** draft: never published; published: `current_version_id` in force; withdrawn: no longer offered. */
  status: Generated<'draft' | 'published' | 'withdrawn'>;
  /** The version in force (published), or null. */
  current_version_id: number | null;
  withdrawn_on: string | null;
  is_demo: Generated<boolean>;
  created_by: string;
  created_at: DefaultTimestamp;
}

/** One version of a product's terms and eligibility rule. The latest unpublished version is the draft. */
export interface FinanceProductVersionTable {
  id: Generated<number>;
  product_id: number;
  version: number;
  name: string;
  /** FINANCE_PRODUCT_TYPES (信用贷, 抵押贷 …). */
  type: string;
  amount_min: Numeric;
  amount_max: Numeric;
  term_min: number;
  term_max: number;
  rate_min: Numeric;
  rate_max: Numeric;
  /** FINANCE_REPAYMENTS. */
  repayment: string[];
  /** Accepted collateral (FINANCE_COLLATERALS); empty: none needed (信用). */
  collateral: string[];
  collateral_note: string | null;
  description: string;
  /** The eligibility rule: a `Condition` of src/policies/core/rules.ts. */
  condition: Json<unknown>;
  /** `RuleTestCase[]` of src/policies/core/test-cases.ts. */
  test_cases: Json<unknown>;
  /** Name, type, institution and description, lower-cased, for the catalogue search. */
  search_text: string;
  /** Set when published; `valid_to` when a later version replaced it or the product was withdrawn. */
  valid_from: string | null;
  valid_to: string | null;
  published_by: string | null;
  published_at: Timestamp | null;
  created_by: string;
  created_at: DefaultTimestamp;
}

/** An enterprise's financing need. */
export interface FinanceNeedTable {
  id: Generated<number>;
  enterprise_id: number;
  amount: Numeric;
  term_months: number;
  purpose: string;
  /** Collateral on offer (FINANCE_COLLATERALS); empty: none (信用). */
  collateral: string[];
  collateral_note: string | null;
  /** 首贷, 续贷, 其他. */
  loan_kind: string;
  /** 一般, 较急, 紧急. */
  urgency: string;
  status: Generated<'open' | 'closed'>;
  closed_reason: string | null;
  posted_on: string;
  /** First time the need had an eligible product (for the figures). */
  matched_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** An open need against a product version in force: eligible or cannot tell (not-eligible pairs are not stored). */
export interface FinanceMatchTable {
  need_id: number;
  product_version_id: number;
  outcome: 'eligible' | 'unknown';
  /** Fit score 0–100 (src/finance/core/fit.ts). */
  fit: Numeric;
  matched_at: DefaultTimestamp;
}

/** 区金融办's follow-up notes on a need (by hand, for needs without an eligible product). */
export interface FinanceNeedFollowupTable {
  id: Generated<number>;
  need_id: number;
  note: string;
  recorded_by: string;
  recorded_at: DefaultTimestamp;
}

export interface FinanceTables {
  finance_institution: FinanceInstitutionTable;
  finance_bank_staff: FinanceBankStaffTable;
  finance_product: FinanceProductTable;
  finance_product_version: FinanceProductVersionTable;
  finance_need: FinanceNeedTable;
  finance_match: FinanceMatchTable;
  finance_need_followup: FinanceNeedFollowupTable;
}
