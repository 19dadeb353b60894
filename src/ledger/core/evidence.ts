/**
 * Evidence files attached to reports (佐证材料): size limit and type check by content (magic bytes), not only by
 * the file name, so that an executable renamed to .pdf is refused (the one check of src/shared/file-types.ts).
 */
import { checkFileContent, type FileExtension, safeFileName } from '../../shared/index.js';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const EVIDENCE_EXTENSIONS: FileExtension[] = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx', 'txt'];

/** The MIME type of an acceptable evidence file, or a Chinese problem message. */
export function checkEvidence(fileName: string, content: Uint8Array): { mime: string } | { problem: string } {
  return checkFileContent(fileName, content, { extensions: EVIDENCE_EXTENSIONS, maxBytes: MAX_EVIDENCE_BYTES });
}

export { safeFileName };
