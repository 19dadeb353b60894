import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? [p, ...walk(p)] : [p];
  });
}

describe('files the platform writes', () => {
  it('are out of reach of other accounts: owner-only, or inside an owner-only directory (database files)', () => {
    // A data directory that does not exist yet: the platform creates it.
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-modes-')), 'data');
    try {
      execFileSync(process.execPath, ['bin/bizenv.js', 'plan', 'import', 'samples/plans/yuzhong-2021-business-environment-plan.txt'], {
        env: { ...process.env, BIZENV_DATA_DIR: dataDir, DATABASE_URL: '' },
        stdio: 'pipe',
      });
      const files = walk(dataDir);
      expect(files.length).toBeGreaterThan(100);
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      const shut = (d: string) => (fs.statSync(d).mode & 0o011) === 0; // others cannot enter it
      const reachable = files.filter((f) => {
        if ((fs.statSync(f).mode & 0o077) === 0) return false;
        for (let d = path.dirname(f); d.startsWith(dataDir); d = path.dirname(d)) if (shut(d)) return false;
        return true;
      });
      expect(reachable).toEqual([]);
      // Files the platform creates itself follow the umask of bin/bizenv.js.
      expect(fs.statSync(path.join(dataDir, 'pgdata.lock-secret')).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});
