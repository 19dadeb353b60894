import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './column-types.js';

/**
 * 渝中融 (issue 16), second part, owned by src/finance: applications with the bank's deadlines and outcome, consents,
 * the bank's data views, 区金融办's limits and 银企对接 events. Amounts in 万元, rates in % a year; `numeric`
 * columns are converted with Number() by the stores.
 */
type Numeric = ColumnType<string | number, number, number>;
type NullableNumeric = ColumnType<string | number | null, number | null, number | null>;

export interface FinanceLimitTable {
  id: number;
  accept_days: number;
  decide_days: number;
  /** 按时受理率 target (%) set by 区金融办; null: no target (no ledger signal). */
  accept_target: NullableNumeric;
  /** 按时审批率 target (%); null: no target. */
  decide_target: NullableNumeric;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

export interface FinanceApplicationTable {
  id: Generated<number>;
  need_id: number;
  enterprise_id: number;
  product_id: number;
  /** The product version in force when the enterprise applied. */
  product_version_id: number;
  institution_id: number;
  product_type: string;
  /** Requested amount (万元) and term (months), from the need. */
  amount: Numeric;
  term_months: number;
  /** The enterprise's GB/T 4754 section letter and size class when it applied (for the figures). */
  industry_section: string | null;
  size_class: string | null;
  /** The need asked for a first loan (首贷, declared by the enterprise). */
  first_loan_declared: boolean;
  status: 'submitted' | 'accepted' | 'approved' | 'disbursed' | 'declined' | 'withdrawn';
  submitted_on: string;
  accept_due: string;
  accepted_on: string | null;
  decide_due: string | null;
  decided_on: string | null;
  decline_reason: string | null;
  decline_note: string | null;
  credit_amount: NullableNumeric;
  rate: NullableNumeric;
  guarantee: string | null;
  approved_term_months: number | null;
  /** The bank's confirmation that the loan is the enterprise's first bank loan (首贷). */
  first_loan_confirmed: boolean | null;
  renewal_kind: 'none' | 'renewal' | 'no_repayment_renewal' | null;
  disbursed_amount: NullableNumeric;
  disbursed_on: string | null;
  withdrawn_on: string | null;
  is_demo: Generated<boolean>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface FinanceApplicationStepTable {
  id: Generated<number>;
  application_id: number;
  action: string;
  status: string;
  note: string | null;
  actor: string;
  on_day: string;
  at: DefaultTimestamp;
}

export interface FinanceConsentTable {
  id: Generated<number>;
  application_id: number;
  enterprise_id: number;
  institution_id: number;
  items: string[];
  granted_on: string;
  /** Last valid day (inclusive). */
  valid_until: string;
  granted_by: string;
  granted_at: DefaultTimestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
}

export interface FinanceDataViewTable {
  id: Generated<number>;
  application_id: number;
  enterprise_id: number;
  institution_id: number;
  items: string[];
  viewed_by: string;
  viewed_at: DefaultTimestamp;
}

export interface FinanceEventTable {
  id: Generated<number>;
  kind: 'matchmaking' | 'training';
  title: string;
  held_on: string;
  place: string | null;
  note: string | null;
  institution_ids: number[];
  needs_raised: Generated<number>;
  is_demo: Generated<boolean>;
  created_by: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface FinanceEventEnterpriseTable {
  event_id: number;
  enterprise_id: number;
  invited: boolean;
  present: boolean;
}

export interface FinanceEventDealTable {
  id: Generated<number>;
  event_id: number;
  enterprise_id: number;
  institution_id: number;
  amount: Numeric;
}

export interface FinanceApplicationTables {
  finance_limit: FinanceLimitTable;
  finance_application: FinanceApplicationTable;
  finance_application_step: FinanceApplicationStepTable;
  finance_consent: FinanceConsentTable;
  finance_data_view: FinanceDataViewTable;
  finance_event: FinanceEventTable;
  finance_event_enterprise: FinanceEventEnterpriseTable;
  finance_event_deal: FinanceEventDealTable;
}
