import { promisify } from 'node:util';
import zlib from 'node:zlib';

const inflateRaw = promisify(zlib.inflateRaw) as (buf: Buffer, opts: zlib.ZlibOptions) => Promise<Buffer>;
import { InputRejectedError } from '../shared/index.js';

/** Limits of a zip-based upload (.xlsx, .docx) before any parser sees it. */
export interface ZipLimits {
  /** Entries in the archive. */
  maxEntries: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
}

/** Enough for a 50,000-row worksheet or a long plan; far below what would strain the server. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxTotalBytes: 64 * 1024 * 1024 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks a zip-based file before it is parsed: the number of entries and their uncompressed size,
 * first as declared in the central directory (PKWARE APPNOTE 4.3.12/4.3.16), then by inflating
 * every entry with zlib's `maxOutputLength` set to its declared size, since a crafted archive may
 * declare small sizes: one that inflates past its declaration is refused at that byte. So a "zip bomb" costs at most `maxTotalBytes` of native
 * inflation (off the main thread) and is refused with a Chinese message naming the file, instead of freezing or crashing
 * the server inside exceljs or mammoth. ZIP64 archives (Office files over 4 GB) are refused.
 *
 * @example
 *   await checkZip(buffer, 'ledger.xlsx'); // rejects with InputRejectedError: ledger.xlsx：解压后超过 64 MB …
 */
export async function checkZip(data: Uint8Array, fileName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const reject = (message: string) => new InputRejectedError(`${fileName}：${message}`, [{ file: fileName, message }]);
  const tooBig = () => reject(`解压后超过 ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB，不予处理（请拆分文件，或大批数据改用 CSV）`);
  const invalid = () => reject('不是有效的 Office 文件（压缩结构无法读取或已损坏）');
  const lying = () => reject('压缩包内文件的实际大小与声明不符（文件已损坏或被篡改），不予处理');
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // End of central directory: the last 22 bytes, or earlier by a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid();
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw reject('不支持 ZIP64 格式的文件');
  if (count > limits.maxEntries) throw reject(`压缩包内文件过多（超过 ${limits.maxEntries} 个），不予处理`);
  const entries: Array<{ method: number; compressed: number; size: number; offset: number }> = [];
  let declared = 0;
  for (let i = 0, p = cdOffset; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw invalid();
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    if (compressed === 0xffffffff || size === 0xffffffff) throw reject('不支持 ZIP64 格式的文件');
    declared += size;
    if (declared > limits.maxTotalBytes) throw tooBig();
    entries.push({ method, compressed, size, offset: buf.readUInt32LE(p + 42) });
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  let left = limits.maxTotalBytes;
  for (const e of entries) {
    const h = e.offset;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL) throw invalid();
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const body = buf.subarray(start, start + e.compressed);
    if (body.length !== e.compressed) throw invalid();
    if (e.method === 0) left -= body.length;
    else if (e.method === 8) {
      // Inflated no further than the entry's declared size (already counted against the budget): an
      // entry that inflates past what it declares is a crafted archive, refused at that point.
      let out: Buffer;
      try {
        out = await inflateRaw(body, { maxOutputLength: e.size + 1 }); // in libuv's thread pool: the event loop stays free
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw lying();
        throw invalid();
      }
      if (out.length !== e.size) throw lying();
      left -= out.length;
    } else throw reject(`不支持的压缩方式（${e.method}）`);
    if (left < 0) throw tooBig();
  }
}
