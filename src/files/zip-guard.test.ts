import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InputRejectedError } from '../shared/index.js';
import { checkZip } from './zip-guard.js';

/** A zip whose single entry inflates to `bytes` zeros (compressed ~1000:1). */
function bomb(bytes: number): Uint8Array {
  return zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(bytes) }, { level: 9 });
}

/** The same bomb with its declared sizes patched to 1 byte, as a crafted archive would. */
function lyingBomb(bytes: number): Uint8Array {
  const z = bomb(bytes);
  const view = new DataView(z.buffer, z.byteOffset, z.byteLength);
  for (let i = 0; i < z.length - 4; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, 1, true); // local header: uncompressed size
    if (sig === 0x02014b50) view.setUint32(i + 24, 1, true); // central directory: uncompressed size
  }
  return z;
}

describe('checkZip', () => {
  it('passes an ordinary archive', async () => {
    await expect(checkZip(zipSync({ 'a.xml': strToU8('<a/>'.repeat(1000)) }), 'ok.xlsx')).resolves.toBeUndefined();
  });

  it('refuses an archive that declares too much, naming the file, without inflating it', async () => {
    await expect(checkZip(bomb(100 * 1024 * 1024), '台账.xlsx')).rejects.toThrow(/台账\.xlsx：解压后超过 64 MB/);
  });

  it('refuses an archive that lies about its sizes, stopping at the limit', async () => {
    const z = lyingBomb(100 * 1024 * 1024);
    expect(z.length).toBeLessThan(1024 * 1024);
    let err: unknown;
    try {
      await checkZip(z, 'plan.docx');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputRejectedError);
    expect((err as Error).message).toContain('plan.docx：压缩包内文件的实际大小与声明不符');
  });

  it('refuses too many entries and what is not a zip', async () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2001; i++) many[`f${i}.xml`] = strToU8('x');
    await expect(checkZip(zipSync(many), 'many.xlsx')).rejects.toThrow(/文件过多/);
    await expect(checkZip(strToU8('not a zip at all'), 'fake.xlsx')).rejects.toThrow(/fake\.xlsx：不是有效的 Office 文件/);
  });
});
