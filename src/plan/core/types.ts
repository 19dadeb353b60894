/**
 * The structure a plan document of the genre (Chinese government implementation plans: sections 一、,
 * subsections （一）, numbered measures 1.) is parsed into. `bizenv plan parse FILE --json` prints it.
 */

/** Comparison of a quantitative commitment: "不超过9个工作日" is `<=` 9 工作日. */
export type TargetOp = '<=' | '<' | '>=' | '>' | '=';

/** One quantitative commitment in a measure. */
export interface Target {
  /** The phrase as it stands in the measure, e.g. "不超过9个工作日", "20日内", "30%以上", "100户". */
  text: string;
  /** What is measured, a readable phrase from the sentence, e.g. "获得用水一般项目用户全流程总用时". */
  metric: string;
  op: TargetOp;
  value: number;
  /** 工作日, 日, 小时, %, 户, 项, 家, 名, 万元 … ("个工作日" is 工作日, "天" is 日). */
  unit: string;
}

/** A completion date named in a measure, resolved against the plan year. */
export interface Deadline {
  /** The phrase as written, e.g. "今年10月底前", "2021年12月底", "年内". */
  text: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
}

export interface ParsedMeasure {
  /**
   * Running ordinal of the task through the plan (1, 2, …), whatever the document's numbering: the
   * ledger, the indicators and the routes address a measure by it. Equal to the document's own number
   * when the plan numbers its tasks 1. 2. … through the whole plan.
   */
  number: number;
  /**
   * The task's numbering as written, for people: "3" when numbered through the plan, "（一）3" when the
   * numbering restarts under each heading, "（二）" when the tasks are the （一） items, "★" for an
   * unnumbered marked task.
   */
  code: string;
  /** The short heading before the first 。 (or the first clause when the measure has no heading). */
  title: string;
  /** The measure's text after its heading (the whole text when it has no heading), units removed. */
  text: string;
  /** Canonical unit names (see units.ts), inherited from the subsection unless the measure names its own. */
  leadUnits: string[];
  responsibleUnits: string[];
  /** The unit list ended with 等相关部门 (or 等相关单位 / 等有关部门 …). */
  relatedDepartments: boolean;
  targets: Target[];
  deadlines: Deadline[];
}

export interface ParsedSubsection {
  /**
   * 1 for （一）, 2 for （二）…; 0 for the implicit, untitled subsection holding what stands directly
   * under a section heading before any （一） (introductory text, or measures of a section without subsections).
   */
  number: number;
  title: string;
  /** Text after the heading (sections like 五、保障措施 carry their content here), '' when none. */
  text: string;
  leadUnits: string[];
  responsibleUnits: string[];
  measures: ParsedMeasure[];
}

export interface ParsedSection {
  /** 1 for 一、, 2 for 二、… */
  number: number;
  title: string;
  subsections: ParsedSubsection[];
}

/** Something the parser kept but a person should look at; a warning never fails the parse. */
export interface PlanWarning {
  /**
   * unknown-unit: a unit not in the directory (kept as written under the name the plan uses);
   * no-year: nothing gives the plan year (relative deadlines left undated); numbering: a gap or repeat
   * in the document's numbering (read as written); no-title: no plan title before the first item.
   */
  code: 'unknown-unit' | 'no-year' | 'numbering' | 'no-title';
  /** 1-based line of the decoded text (paragraph for .docx). */
  line: number;
  message: string;
}

export interface ParsedPlan {
  /** The plan body's title, e.g. 渝中区2021年深化“放管服”改革优化营商环境实施方案. */
  title: string;
  /** e.g. 渝中府办〔2021〕16号, brackets normalised to 〔〕; null when the document has none. */
  docNumber: string | null;
  /** The issuing office (signature of the notice), null when absent. */
  issuer: string | null;
  /** ISO date of the date line (2021年7月23日 → 2021-07-23), null when absent. */
  issuedOn: string | null;
  /**
   * The plan year: from the title, else the date line, the `year` option, the 文号 (〔2021〕) or the
   * years of the deadlines in the text; null when none gives one (a `no-year` warning; relative
   * deadlines such as 年底前 are then left out). Deadlines are resolved against it.
   */
  year: number | null;
  sections: ParsedSection[];
  warnings: PlanWarning[];
}
