/**
 * Traditional-script tolerance for the recognisers: many reposts of plans are in traditional characters
 * (issue 13). The conversion is OpenCC's (opencc-js, the JavaScript build of Open Chinese Convert), not a
 * table of our own. Text is never converted in the output: the parser keeps the original characters;
 * its patterns accept both forms (`re`, `tolerant`), and the extractors read a simplified shadow of the
 * text of the same length (`toSimplified`), so that positions found there cut the original text.
 */
import * as OpenCC from 'opencc-js';

type Convert = (s: string) => string;
let t2s: Convert | undefined;
let s2t: Convert | undefined;
/** The converters load OpenCC's dictionaries (~0.4 s), so they are made on first use. */
const toCn = (s: string) => (t2s ??= OpenCC.Converter({ from: 't', to: 'cn' }))(s);
const toT = (s: string) => (s2t ??= OpenCC.Converter({ from: 'cn', to: 't' }))(s);

/**
 * Traditional characters → simplified, of the same length (a phrase conversion that would change the
 * length is done character by character instead).
 *
 * @example
 *   toSimplified('壓縮至3個工作日以內') // '压缩至3个工作日以内'
 */
export function toSimplified(s: string): string {
  const whole = toCn(s);
  if (whole.length === s.length) return whole;
  let out = '';
  for (const c of s) {
    const x = toCn(c);
    out += x.length === c.length ? x : c;
  }
  return out;
}

const variants = new Map<string, string>();
/** The traditional form of a simplified character ('' when it has none). */
function traditionalOf(c: string): string {
  const known = variants.get(c);
  if (known !== undefined) return known;
  const x = /[\u4e00-\u9fff]/.test(c) ? toT(c) : c;
  const t = x !== c && x.length === c.length ? x : '';
  variants.set(c, t);
  return t;
}

/**
 * A regex source whose simplified characters also match their traditional forms: outside a character
 * class `区` becomes `[区區]`, inside one `区` becomes `区區`. Escapes are left alone.
 *
 * @example
 *   new RegExp(tolerant('牵头单位')).test('牽頭單位') // true
 */
export function tolerant(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    const t = traditionalOf(c);
    if (t) out += inClass ? c + t : `[${c}${t}]`;
    else out += c;
  }
  return out;
}

/** `new RegExp(tolerant(source), flags)`. */
export function re(source: string, flags?: string): RegExp {
  return new RegExp(tolerant(source), flags);
}
