import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;

/** scrypt (RFC 7914) with a random salt; stored as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(key, expected);
}

/** Minimum length (GB/T 22239-2019 等保2.0 requires complexity and periodic change; we require length first). */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Passwords that head every leaked-password list (and their obvious variants): refused whatever
 * their length. Compared case-insensitively after removing digits and symbols at the end, so
 * "Password2024!" counts as "password".
 */
const COMMON = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'abc',
  'abcd',
  'abcdef',
  'abcdefg',
  'iloveyou',
  'woaini',
  'woaini1314',
  'admin',
  'administrator',
  'root',
  'welcome',
  'letmein',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'batman',
  'trustno',
  'whatever',
  'shadow',
  'michael',
  'qazwsx',
  'qweasd',
  'qweasdzxc',
  '1qaz2wsx',
  'zaq1xsw2',
  'aaaaaa',
  'test',
  'guest',
  'changeme',
  'default',
  'zhangwei',
  'wangwei',
  'china',
  'beijing',
  'chongqing',
  'yuzhong',
  'bizenv',
  'yingshang',
  'zhengwu',
  'gov',
  'user',
]);

/**
 * Why a new password is refused, or null: at least 12 characters with letters and digits, not a
 * common password (or one with digits and symbols added), not containing the account name.
 *
 * @example passwordProblem('Passw0rd1234') // '密码过于常见，请换一个'
 */
export function passwordProblem(password: string, account?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`;
  if (password.length > 200) return '密码不能超过200位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^a-z]+$/, '').replace(/^[^a-z]+/, '');
  if (COMMON.has(stem) || COMMON.has(lower) || /^(.)\1+$/.test(stem)) return '密码过于常见，请换一个';
  if (account && account.length >= 3 && lower.includes(account.toLowerCase())) return '密码不能包含账号名';
  return null;
}
