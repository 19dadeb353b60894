/**
 * SHA-256 (FIPS 180-4, Secure Hash Standard) from @noble/hashes (audited, no dependencies), so that the server, the
 * CLI and the public verification page in the browser compute the same digests synchronously (Web Crypto's digest is
 * async). core.test.ts checks it against node:crypto and the FIPS 180-4 examples.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** The SHA-256 digest (32 bytes) of the bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

export const toHex = (bytes: Uint8Array): string => bytesToHex(bytes);

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error(`not lower-case hex: ${hex.slice(0, 20)}`);
  return hexToBytes(hex);
}

/** SHA-256 of the UTF-8 bytes of a text, in lower-case hex. */
export const sha256Hex = (text: string): string => toHex(sha256(new TextEncoder().encode(text)));
