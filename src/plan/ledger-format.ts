import { OP_SIGNS } from './core/ops.js';
import type { Deadline, Target } from './core/types.js';

/**
 * Text forms of targets and deadlines in the Excel ledger, one per line, so that an office can
 * read and edit them and the import can parse them back exactly:
 *   量化目标: "获得用水一般项目用户全流程总用时 ≤ 9 工作日"
 *   完成时限: "2021-12-31（2021年12月底）"
 */
const SIGN_TO_OP: Record<string, Target['op']> = { '≤': '<=', '<=': '<=', '<': '<', '≥': '>=', '>=': '>=', '>': '>', '=': '=' };

export function formatTarget(t: Pick<Target, 'metric' | 'op' | 'value' | 'unit'>): string {
  return `${t.metric} ${OP_SIGNS[t.op]} ${t.value} ${t.unit}`;
}

/** Parses one 量化目标 line; returns an error message (Chinese) when it is not of the form. */
export function parseTargetLine(line: string): Omit<Target, 'text'> | string {
  const m = /^(.+?)\s*(≤|<=|≥|>=|<|>|=)\s*(\d+(?:\.\d+)?)\s*(\S+)$/.exec(line.trim());
  if (!m) return `“${line}”不是“指标 ≤ 数值 单位”的格式`;
  return { metric: m[1].trim(), op: SIGN_TO_OP[m[2]], value: Number(m[3]), unit: m[4] };
}

export function formatDeadline(d: Deadline): string {
  return d.text ? `${d.date}（${d.text}）` : d.date;
}

export function parseDeadlineLine(line: string): Deadline | string {
  const m = /^(\d{4}-\d{2}-\d{2})\s*(?:[（(](.*)[）)])?$/.exec(line.trim());
  if (!m) return `“${line}”不是“YYYY-MM-DD（原文）”的格式`;
  const d = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[1]) return `日期不存在：${m[1]}`;
  return { date: m[1], text: m[2] ?? '' };
}

export function splitLines(cell: string): string[] {
  return cell
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Units cell: names separated by 、，, or new lines. */
export function splitUnits(cell: string): string[] {
  return cell
    .split(/[、，,;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
