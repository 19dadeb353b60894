/**
 * SHA-256 (FIPS 180-4, Secure Hash Standard) from @noble/hashes (audited, no dependencies), so that the server, the
 * CLI and the public verification page in the browser compute the same digests synchronously (Web Crypto's digest is
 * async). core.test.ts checks it against node:crypto and the FIPS 180-4 examples.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/**
 * Node's own SHA-256 (OpenSSL, about 10× faster on a 10 MB snapshot) when this runs in Node, found without importing
 * a Node built-in (the browser imports this module too): `process.getBuiltinModule` (Node ≥ 20.16). Same digest.
 */
type NodeHash = { update(data: Uint8Array | string, encoding?: 'utf8'): NodeHash; digest(): Uint8Array; digest(enc: 'hex'): string };
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | { createHash(alg: 'sha256'): NodeHash }
  | undefined;

/** The SHA-256 digest (32 bytes) of the bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  return nodeCrypto ? new Uint8Array(nodeCrypto.createHash('sha256').update(data).digest()) : nobleSha256(data);
}
/** The portable implementation (what the browser runs), for tests comparing the two. */
export const portableSha256Hex = (text: string): string => bytesToHex(nobleSha256(new TextEncoder().encode(text)));

export const toHex = (bytes: Uint8Array): string => bytesToHex(bytes);

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error(`not lower-case hex: ${hex.slice(0, 20)}`);
  return hexToBytes(hex);
}

/** SHA-256 of the UTF-8 bytes of a text, in lower-case hex. */
export const sha256Hex = (text: string): string =>
  nodeCrypto ? nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex') : toHex(nobleSha256(new TextEncoder().encode(text)));

/** SHA-256 (hex) of the UTF-8 bytes of the concatenated parts, hashed part by part (no one large string). */
export function sha256HexOfParts(parts: Iterable<string>): string {
  if (nodeCrypto) {
    const h = nodeCrypto.createHash('sha256');
    for (const p of parts) h.update(p, 'utf8');
    return h.digest('hex');
  }
  const h = nobleSha256.create();
  const enc = new TextEncoder();
  for (const p of parts) h.update(enc.encode(p));
  return bytesToHex(h.digest());
}
