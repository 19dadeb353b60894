/**
 * Errors with an HTTP meaning. Services throw them; the server's error handler turns them into
 * `{ error: { code, message, details } }` responses. Messages are in Chinese: they reach users.
 */
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `未找到：${what}`);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = '请先登录') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = '无权执行此操作') {
    super(403, 'forbidden', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** One problem in an uploaded file or form: names the file, row and field. */
export interface InputProblem {
  file?: string;
  row?: number;
  field?: string;
  message: string;
}

export class InputRejectedError extends AppError {
  constructor(
    message: string,
    public readonly problems: InputProblem[] = [],
  ) {
    super(400, 'input_rejected', message, problems);
  }
}

/** Formats a problem as one line, e.g. "ledger.xlsx 第3行 牵头单位：未知单位“区某局”". */
export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.row !== undefined ? `第${p.row}行` : undefined, p.field].filter(Boolean).join(' ');
  return where ? `${where}：${p.message}` : p.message;
}
