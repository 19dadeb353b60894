import { fromHex, sha256 } from './sha256.js';

/**
 * The draw's random stream: SHA-256 in counter mode over the seed (the published rule, README "The algorithm").
 *
 *   block(i) = SHA-256( seed (32 bytes) ‖ i as an unsigned 64-bit big-endian integer ),  i = 0, 1, 2, …
 *   the stream = block(0) ‖ block(1) ‖ …, read as unsigned 32-bit big-endian words, in order.
 *
 * `below(n)` is an unbiased integer in [0, n) by rejection sampling (no modulo bias): with
 * limit = 2^32 − (2^32 mod n), words w ≥ limit are discarded and the next word is read; the answer is w mod n.
 * Every value of [0, n) then has exactly limit / n preimages among the accepted words.
 */
export class DrawStream {
  private readonly input = new Uint8Array(40);
  private block: Uint8Array = new Uint8Array(0);
  private word = 8;
  private counter = 0;
  /** Words read so far (consumed, accepted or rejected): part of the golden vectors. */
  wordsRead = 0;

  constructor(seedHex: string) {
    const seed = fromHex(seedHex);
    if (seed.length !== 32) throw new Error('种子应为 64 位十六进制（SHA-256）');
    this.input.set(seed);
  }

  /** The next unsigned 32-bit word of the stream. */
  nextWord(): number {
    if (this.word === 8) {
      // Counter as a 64-bit big-endian integer in bytes 32..39 (draws never need 2^53 blocks).
      let c = this.counter++;
      for (let i = 39; i >= 32; i--) {
        this.input[i] = c % 256;
        c = Math.floor(c / 256);
      }
      this.block = sha256(this.input);
      this.word = 0;
    }
    const j = this.word++ * 4;
    const b = this.block;
    this.wordsRead++;
    return ((b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!) >>> 0;
  }

  /** An unbiased integer in [0, n), 1 ≤ n ≤ 2^32, by rejection sampling. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000) throw new Error(`below(${n}): n must be an integer in [1, 2^32]`);
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const w = this.nextWord();
      if (w < limit) return w % n;
    }
  }
}

/**
 * Partial Fisher–Yates (Durstenfeld, from the front): the first `k` items of a uniformly random permutation of
 * `items` (every ordered k-subset equally likely). For i = 0 … k−1: j = i + below(n − i), swap items i and j.
 * Returns a new array; the input is not changed.
 */
export function drawFirst<T>(items: readonly T[], k: number, stream: DrawStream): T[] {
  const a = items.slice();
  const n = a.length;
  const take = Math.min(k, n);
  for (let i = 0; i < take; i++) {
    const j = i + stream.below(n - i);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, take);
}
