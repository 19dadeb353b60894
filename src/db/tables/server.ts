/**
 * Tables of the server's read cache (src/server/read-cache.ts; migration 2026113061-read-revisions).
 * Written only by triggers: a statement on a domain's tables bumps that domain's revision at commit.
 */
export interface ReadRevisionTable {
  domain: string;
  revision: number;
  changed_at: Date;
}

export interface ServerTables {
  read_revision: ReadRevisionTable;
  read_revision_change: { domain: string };
}
