/**
 * Uploaded documents (a report's 佐证材料, a request's attachments): the type is checked by the content (magic
 * bytes), not only by the file name, so that an executable renamed to .pdf is refused. Pure (bytes in, verdict out),
 * so cores and the web may use it; storing the bytes is src/files (`storeFile`).
 */
export type FileExtension = 'pdf' | 'png' | 'jpg' | 'jpeg' | 'docx' | 'xlsx' | 'txt';

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));
const startsWith = (b: Uint8Array, bytes: number[]) => bytes.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OOXML package names its parts in plain text in the zip's headers: `word/…` for .docx, `xl/…` for .xlsx. */
function zipHasPart(b: Uint8Array, prefix: string): boolean {
  if (!startsWith(b, ZIP)) return false;
  const needle = [...prefix].map((c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export const FILE_TYPES: Record<FileExtension, { mime: string; magic: (b: Uint8Array) => boolean }> = {
  pdf: { mime: 'application/pdf', magic: (b) => ascii(b, 0, 5) === '%PDF-' },
  png: { mime: 'image/png', magic: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mime: 'image/jpeg', magic: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  jpeg: { mime: 'image/jpeg', magic: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: (b) => zipHasPart(b, 'word/') },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: (b) => zipHasPart(b, 'xl/') },
  txt: { mime: 'text/plain', magic: (b) => !b.includes(0) },
};

/**
 * The MIME type of an acceptable file, or a Chinese problem message: empty, over `maxBytes`, an extension not in
 * `extensions`, or content that is not what the extension says.
 *
 * @example
 *   checkFileContent('营业执照.pdf', bytes, { extensions: ['pdf', 'jpg'], maxBytes: 5 << 20 }) // { mime: 'application/pdf' }
 */
export function checkFileContent(
  fileName: string,
  content: Uint8Array,
  o: { extensions: readonly FileExtension[]; maxBytes: number },
): { mime: string } | { problem: string } {
  if (content.length === 0) return { problem: '文件为空' };
  if (content.length > o.maxBytes) return { problem: `文件超过 ${Math.round((o.maxBytes / 1024 / 1024) * 10) / 10} MB` };
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (!(o.extensions as readonly string[]).includes(ext)) return { problem: `不支持的文件类型“.${ext}”，仅限 ${o.extensions.join('、')}` };
  const t = FILE_TYPES[ext as FileExtension];
  if (!t.magic(content)) return { problem: `文件内容与扩展名“.${ext}”不符` };
  return { mime: t.mime };
}

/** A safe display name: no directories, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return base.replace(/[\u0000-\u001f]/g, '').slice(-120) || 'file';
}
