/**
 * A document that is not a plan of the genre, or is damaged. The message (Chinese, it reaches users)
 * says what was expected and at which line, e.g. "第12行：应为措施编号“13.”，实际为“14.”".
 */
export class PlanParseError extends Error {
  /** 1-based line of the decoded text (paragraph for .docx) where the problem was found. */
  readonly line: number;
  /** The message without the "第N行：" prefix. */
  readonly reason: string;

  constructor(line: number, reason: string) {
    super(`第${line}行：${reason}`);
    this.name = 'PlanParseError';
    this.line = line;
    this.reason = reason;
  }
}
