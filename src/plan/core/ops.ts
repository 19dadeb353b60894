import type { TargetOp } from './types.js';

/** The comparisons of a quantitative target, as stored (`measure_target.op`). */
export const TARGET_OPS = ['<=', '<', '>=', '>', '='] as const satisfies readonly TargetOp[];

/** How a comparison is written for people: "≤ 9 工作日". Pure: the web imports it. */
export const OP_SIGNS: Record<TargetOp, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };
