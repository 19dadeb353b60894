/**
 * Requests from outside the platform's accounts: anonymous visitors (name and mainland mobile number, a query code
 * to follow the request), attachments, and the Open311 GeoReport v2 mapping of services and statuses.
 */
import type { FileExtension } from '../../shared/index.js';
import { REQUEST_CATEGORIES, type RequestCategory } from './limits.js';
import type { RequestStage } from './lifecycle.js';

/**
 * A mainland mobile number: 11 digits, 1 then 3–9 (the public mobile number segments 13x–19x of the 工业和信息化部
 * 《电信网编号计划（2017年版）》). An anonymous visitor is called back on it, so a fixed line is not accepted here.
 */
export function mobileProblem(phone: string): string | null {
  return /^1[3-9]\d{9}$/.test(phone.trim()) ? null : '请填写正确的手机号码（11 位，以 13–19 开头）';
}

/** The query code's alphabet: no 0/O or 1/I look-alikes; 32 symbols, so a random byte maps evenly. */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 8;

/** A query code (查询码) from random bytes (at least 8): 8 symbols of 32, 40 bits; shown once, stored hashed. */
export function queryCode(random: Uint8Array): string {
  if (random.length < QUERY_CODE_LENGTH) throw new RangeError('need 8 random bytes');
  let s = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) s += QUERY_CODE_ALPHABET[random[i]! % 32];
  return s;
}

/** A query code as typed: case, spaces and dashes do not matter. */
export function normalizeQueryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Attachments to a request: types checked by content (src/shared/file-types.ts), at most 5 files of 5 MB, 10 MB in all. */
export const ATTACHMENT_EXTENSIONS: FileExtension[] = ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'xlsx'];
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 10 * 1024 * 1024;

/**
 * Open311 GeoReport v2 services (https://wiki.open311.org/GeoReport_v2/): one per request category, with an ASCII
 * service_code (codes travel in URLs and form fields). See docs/open311.md.
 */
export const OPEN311_SERVICE_CODES = ['consult', 'resolve', 'complaint', 'suggest'] as const;
export type Open311ServiceCode = (typeof OPEN311_SERVICE_CODES)[number];
export const OPEN311_SERVICES: Record<RequestCategory, { code: Open311ServiceCode; description: string }> = {
  咨询: { code: 'consult', description: '政策、办事流程等咨询（1 个工作日内答复）' },
  求决: { code: 'resolve', description: '请求解决具体困难或问题（5 个工作日内答复）' },
  投诉举报: { code: 'complaint', description: '对部门、单位或工作人员的投诉举报（10 个工作日内答复）' },
  建议: { code: 'suggest', description: '对优化营商环境的意见建议' },
};

export function categoryOfServiceCode(code: string): RequestCategory | null {
  return REQUEST_CATEGORIES.find((c) => OPEN311_SERVICES[c].code === code) ?? null;
}

/** Open311 status: `closed` once the request is 办结, `open` at every other stage. */
export function open311Status(stage: RequestStage): 'open' | 'closed' {
  return stage === '办结' ? 'closed' : 'open';
}
