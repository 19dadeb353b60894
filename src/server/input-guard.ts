import type { FastifyInstance } from 'fastify';
import { InputRejectedError } from '../shared/index.js';

/** Deepest nesting of a JSON request (a policy rule of 20 levels is far below it). */
export const MAX_INPUT_DEPTH = 40;

/**
 * Refuses, before schema validation, what no route can take and what would otherwise fail deep
 * inside (PostgreSQL refuses NUL in text; recursion over a 10,000-deep object overflows the stack):
 * a string with a NUL character anywhere in params, query or body, and a body nested deeper than
 * MAX_INPUT_DEPTH. Both are a 400 with a Chinese message naming the field.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const problem = inspect(value, part, 0);
      if (problem) throw new InputRejectedError(`请求内容有误：${problem.message}`, [{ field: problem.field, message: problem.message }]);
    }
  });
}

function inspect(v: unknown, at: string, depth: number): { field: string; message: string } | null {
  if (typeof v === 'string') return v.includes('\u0000') ? { field: at, message: `${at} 含有不允许的空字符（NUL）` } : null;
  if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return null;
  if (depth >= MAX_INPUT_DEPTH) return { field: at, message: `嵌套层级过深（超过 ${MAX_INPUT_DEPTH} 层）` };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = inspect(v[i], `${at}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const k of Object.keys(v)) {
    if (k.includes('\u0000')) return { field: at, message: `${at} 的字段名含有不允许的空字符（NUL）` };
    const p = inspect((v as Record<string, unknown>)[k], `${at}.${k}`, depth + 1);
    if (p) return p;
  }
  return null;
}
