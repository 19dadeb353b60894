import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DatabaseInUseError } from '../../src/db/connect.js';
import { openEmbedded } from '../../src/db/index.js';

/** Inodes of the TCP sockets this process is listening on (Linux /proc). */
function listeningTcpInodes(): Set<string> {
  const mine = new Set<string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`));
      if (m) mine.add(m[1]!);
    } catch {
      /* closed meanwhile */
    }
  }
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && mine.has(cols[9]!)) listening.add(cols[9]!);
    }
  }
  return listening;
}

function templateCopy(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizenv-sec-'));
  fs.cpSync(path.join(inject('pgliteTemplate'), 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe.skipIf(process.platform !== 'linux')('the embedded database is reachable by this process only', () => {
  it('listens on no TCP port; its socket and data directories are owner-only', async () => {
    const dataDir = templateCopy();
    const before = listeningTcpInodes();
    const h = await openEmbedded(path.join(dataDir, 'pgdata'));
    try {
      expect([...listeningTcpInodes()].filter((i) => !before.has(i))).toEqual([]);
      const socketDir = new URLSearchParams(h.connectionString.split('?')[1]).get('host')!;
      expect(mode(socketDir)).toBe(0o700);
      expect(mode(path.join(socketDir, '.s.PGSQL.5432'))).toBe(0o600);
      expect(mode(path.join(dataDir, 'pgdata'))).toBe(0o700);
      expect(mode(path.join(dataDir, 'pgdata.lock-secret'))).toBe(0o600);
      expect((await h.pool.query('select 1 as one')).rows[0].one).toBe(1);
    } finally {
      await h.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a second opener is refused while the first runs, and the lock dies with a killed process', async () => {
    const dataDir = templateCopy();
    const dir = path.join(dataDir, 'pgdata');
    try {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `const { openEmbedded } = await import(${JSON.stringify(path.resolve('src/db/index.ts'))}); await openEmbedded(${JSON.stringify(dir)}); console.log('open'); setInterval(() => {}, 1000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d) => String(d).includes('open') && resolve());
        child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
      });
      const refused = await openEmbedded(dir).then(
        async (h) => {
          await h.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(DatabaseInUseError);
      expect(String((refused as Error).message)).toContain(`process ${child.pid}`);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      // No stale lock: the kernel released it with the process. A lock file of the old kind naming a
      // live, unrelated process (a reused pid) does not block either.
      fs.writeFileSync(`${dir}.lock`, String(process.ppid));
      const h = await openEmbedded(dir);
      await h.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
