import { describe, expect, it } from 'vitest';
import { cliProgress } from './cli-progress.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, out: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
};

describe('CLI progress', () => {
  it('prints plain lines every 10 % when not on a terminal', () => {
    const { written, out } = stream(false);
    const bar = cliProgress('导入', out);
    for (let i = 0; i <= 100; i++) bar.update(i * 100, 10_000);
    bar.end();
    expect(written).toHaveLength(11);
    expect(written.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(written[5]).toMatch(/^导入 \[█{10}░{10}\] {2}50% {2}5,000 \/ 10,000 行 {2}剩余 /);
  });

  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const { written, out } = stream(true);
    const bar = cliProgress('导入', out);
    bar.update(10, 100);
    bar.update(20, 100); // within 100 ms: not redrawn
    bar.end();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\r导入 .* 10 \/ 100 行/);
    expect(written[1]).toMatch(/^\r导入 .* 20 \/ 100 行.*\n$/);
  });
});
