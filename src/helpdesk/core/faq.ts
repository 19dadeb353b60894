/**
 * The office's FAQ entries, pure: the limits, the check of one entry (Chinese messages naming the field) and the
 * Excel columns of import and export (the same table both ways: export, edit, import).
 */
export const FAQ_LIMITS = { question: 200, answer: 4000, variants: 30, variant: 200, source: 200, path: 300, code: 40, rows: 5000 } as const;

export interface FaqFields {
  code: string;
  question: string;
  variants: string[];
  answer: string;
  sourceDocument: string | null;
  sourceArticle: string | null;
  sourcePath: string | null;
  unitName: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
export const FAQ_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function validIso(s: string): boolean {
  if (!ISO.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Problems of an entry (empty when it may be stored). */
export function faqProblems(f: FaqFields): FieldProblem[] {
  const p: FieldProblem[] = [];
  const at = (field: string, message: string) => p.push({ field, message });
  if (!FAQ_CODE.test(f.code) || f.code.length > FAQ_LIMITS.code) at('编号', `“${f.code}”应为字母、数字、-、_（最多${FAQ_LIMITS.code}位）`);
  if (!f.question.trim()) at('问题', '不能为空');
  if (f.question.length > FAQ_LIMITS.question) at('问题', `最多${FAQ_LIMITS.question}字`);
  if (!f.answer.trim()) at('答案', '不能为空');
  if (f.answer.length > FAQ_LIMITS.answer) at('答案', `最多${FAQ_LIMITS.answer}字`);
  if (f.variants.length > FAQ_LIMITS.variants) at('相似问法', `最多${FAQ_LIMITS.variants}条`);
  for (const v of f.variants) if (v.length > FAQ_LIMITS.variant) at('相似问法', `“${v.slice(0, 10)}…”超过${FAQ_LIMITS.variant}字`);
  if (f.sourcePath !== null && !/^\/[A-Za-z0-9/_\-?=&.%]*$/.test(f.sourcePath)) at('平台页面', `“${f.sourcePath}”应为本平台的页面路径，以 / 开头`);
  if (!f.sourceDocument && !f.sourcePath) at('来源', '请填写来源文件（及条款）或本平台页面');
  if (f.sourceArticle && !f.sourceDocument) at('来源条款', '填写条款时请同时填写来源文件');
  for (const [field, v] of [
    ['生效日期', f.validFrom],
    ['失效日期', f.validTo],
  ] as const)
    if (v !== null && !validIso(v)) at(field, `“${v}”不是 YYYY-MM-DD 日期`);
  if (f.validFrom && f.validTo && validIso(f.validFrom) && validIso(f.validTo) && f.validTo < f.validFrom) at('失效日期', '不能早于生效日期');
  return p;
}

/** Whether an entry is in force on a day (no dates: always). */
export const faqInForce = (f: { validFrom: string | null; validTo: string | null }, day: string) =>
  (f.validFrom === null || f.validFrom <= day) && (f.validTo === null || f.validTo >= day);

/** Columns of the Excel import and export, in order; variants one per line in one cell. */
export const FAQ_COLUMNS = ['编号', '问题', '相似问法', '答案', '来源文件', '来源条款', '平台页面', '责任单位', '生效日期', '失效日期'] as const;

/** Splits the 相似问法 cell (one per line, or separated by ；/|). */
export const splitVariants = (cell: string) =>
  cell
    .split(/[\n\r；;|]+/u)
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** An entry from a row of cells under FAQ_COLUMNS (dates as written; 2021/9/30 and 2021.9.30 accepted). */
export function faqFromCells(cells: readonly string[]): FaqFields {
  const c = (i: number) => (cells[i] ?? '').trim();
  const orNull = (s: string) => (s === '' ? null : s);
  const date = (s: string) => orNull(s.replace(/[/.]/g, '-').replace(/-(\d)(?=-|$)/g, '-0$1'));
  return {
    code: c(0),
    question: c(1),
    variants: splitVariants(cells[2] ?? ''),
    answer: c(3),
    sourceDocument: orNull(c(4)),
    sourceArticle: orNull(c(5)),
    sourcePath: orNull(c(6)),
    unitName: orNull(c(7)),
    validFrom: date(c(8)),
    validTo: date(c(9)),
  };
}
