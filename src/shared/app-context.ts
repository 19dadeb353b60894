import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** What every capability's routes receive from the server. */
export interface AppContext {
  db: Kysely<Database>;
  /** BIZENV_DATA_DIR: the embedded database and stored files (evidence, uploads) live here. */
  dataDir: string;
  /** The address people use (BIZENV_PUBLIC_URL), if configured: https makes cookies Secure. */
  publicUrl?: URL;
  /** The audit checkpoints' key file (BIZENV_AUDIT_KEY_FILE), if configured elsewhere than the data dir. */
  auditKeyFile?: string;
}
