import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './column-types.js';

/** An FAQ entry the office keeps (智能客服, src/helpdesk). Dates are ISO strings. */
export interface HelpdeskFaqTable {
  id: Generated<number>;
  /** Stable key (e.g. FAQ-0012, 演示 entries D001): the evaluation set and imports refer to it. */
  code: string;
  question: string;
  /** 相似问法. */
  variants: ColumnType<string[], string[] | undefined, string[]>;
  answer: string;
  /** Source: a document and article (渝中府办〔2021〕16号, 第6条) or a page of the platform (/calendar). */
  source_document: string | null;
  source_article: string | null;
  source_path: string | null;
  unit_id: number | null;
  valid_from: string | null;
  valid_to: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

/** One group of words that mean the same (开公司 = 开办企业 = 企业设立登记). */
export interface HelpdeskSynonymTable {
  id: Generated<number>;
  words: string[];
  note: string | null;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

/** One row: bumped by every FAQ or synonym change (the index rebuilds when it moves). */
export interface HelpdeskRevisionTable {
  id: number;
  revision: number;
}

export interface HelpdeskTables {
  helpdesk_faq: HelpdeskFaqTable;
  helpdesk_synonym: HelpdeskSynonymTable;
  helpdesk_revision: HelpdeskRevisionTable;
}
