/**
 * Evidence files attached to reports (佐证材料): size limit and type check by content (magic bytes), not only by
 * the file name, so that an executable renamed to .pdf is refused.
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const TYPES: Array<{ ext: string[]; mime: string; magic: (b: Buffer) => boolean }> = [
  { ext: ['pdf'], mime: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { ext: ['png'], mime: 'image/png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: ['jpg', 'jpeg'], mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    ext: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  {
    ext: ['xlsx'],
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  { ext: ['txt'], mime: 'text/plain', magic: (b) => !b.includes(0) },
];

export const EVIDENCE_EXTENSIONS = TYPES.flatMap((t) => t.ext);

/** The MIME type of an acceptable evidence file, or a Chinese problem message. */
export function checkEvidence(fileName: string, content: Buffer): { mime: string } | { problem: string } {
  if (content.length === 0) return { problem: '文件为空' };
  if (content.length > MAX_EVIDENCE_BYTES) return { problem: `文件超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB` };
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const t = TYPES.find((x) => x.ext.includes(ext));
  if (!t) return { problem: `不支持的文件类型“.${ext}”，仅限 ${EVIDENCE_EXTENSIONS.join('、')}` };
  if (!t.magic(content)) return { problem: `文件内容与扩展名“.${ext}”不符` };
  return { mime: t.mime };
}

/** A safe display name: no directories, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return base.replace(/[\u0000-\u001f]/g, '').slice(-120) || 'file';
}
