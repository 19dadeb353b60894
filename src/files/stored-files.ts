import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Uploaded files kept on disk under `BIZENV_DATA_DIR/<folder>/<sha256>` (content-addressed: the same bytes are
 * stored once), written to a temporary name and moved into place. Callers write a file last inside the
 * transaction that records it, so a refused upload writes nothing; a file left by a commit that failed after the
 * move is removed by `sweepStoredFiles` (run at start with the names the database knows). Used by the ledger's
 * evidence (`evidence/`) and the requests' attachments (`request-files/`).
 */
export function storeFile(dataDir: string, folder: string, content: Uint8Array): string {
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  const dir = path.join(dataDir, folder);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stored = path.join(dir, sha256);
  if (fs.existsSync(stored)) return sha256;
  const tmp = `${stored}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, stored);
  return sha256;
}

/** The SHA-256 (hex) a stored file gets, computed before storing (for the row written first). */
export const fileSha256 = (content: Uint8Array): string => crypto.createHash('sha256').update(content).digest('hex');

/** The bytes of a stored file. */
export function readStoredFile(dataDir: string, folder: string, storedName: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(storedName)) throw new Error(`not a stored file name: ${storedName}`);
  return fs.readFileSync(path.join(dataDir, folder, storedName));
}

/**
 * Removes files of `folder` that no row refers to (`known`) and stale temporary files, older than `minAgeMs` so
 * that an upload in progress is never touched. Returns the count removed.
 */
export function sweepStoredFiles(dataDir: string, folder: string, known: ReadonlySet<string>, minAgeMs = 3_600_000): number {
  const dir = path.join(dataDir, folder);
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const f of fs.readdirSync(dir)) {
    const full = path.join(dir, f);
    if (known.has(f) || Date.now() - fs.statSync(full).mtimeMs < minAgeMs) continue;
    fs.rmSync(full, { force: true });
    removed++;
  }
  return removed;
}
