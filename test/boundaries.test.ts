import fs from 'node:fs';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

/**
 * The layout rules of docs/architecture.md as tests: the import rules in .dependency-cruiser.cjs
 * (no cycles, only index.ts across capability folders, leaves import no capability, the web uses
 * pure server modules only), and "no capability reads another capability's tables".
 */

const SRC = path.resolve('src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/**
 * Table name → owning folder of src/, read from src/db/tables/<owner>.ts or <owner>-<part>.ts (`interface …Tables { name: … }`;
 * e.g. inspections-credit.ts belongs to src/inspections).
 */
export function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  const dir = path.join(SRC, 'db/tables');
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const block of text.matchAll(/export interface \w+Tables(?: extends [^{]+)? \{([^}]*)\}/g)) {
      for (const m of block[1]!.matchAll(/^\s+([a-z_]+)\s*:/gm)) owners.set(m[1]!, f.replace(/\.ts$/, '').replace(/-.*$/, ''));
    }
  }
  // Tables declared next to their capability's store rather than in src/db/tables.
  owners.set('calendar', 'calendar');
  owners.set('calendar_year', 'calendar');
  owners.set('audit_log', 'audit');
  // pg-boss's own schema (its queue tables, created by pg-boss at start): only the job system reads it.
  owners.set('pgboss', 'jobs');
  return owners;
}

/**
 * Reference tables: small directories that set-based SQL of other capabilities joins (as Citus would
 * replicate them to every node): the unit directory (names, for display and sorting) and the working-
 * day calendar (ordinals, to count legal periods over a million records in one statement). Others may
 * read them in SQL, never write them.
 */
const REFERENCE_TABLES = new Set(['unit', 'calendar']);

const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('boundaries', () => {
  it('follows the import rules (.dependency-cruiser.cjs)', async () => {
    const config = (await import(path.resolve('.dependency-cruiser.cjs'))).default;
    const r = await cruise(['src', 'web/src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
    const out = r.output as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string; cycle?: Array<{ name: string }> }> } };
    const violations = out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
    expect(violations).toEqual([]);
  });

  it('no capability reads or writes another capability’s tables (reference tables: read only)', () => {
    const owners = tableOwners();
    expect(owners.get('plan')).toBe('plan');
    expect(owners.get('ledger_task')).toBe('ledger');
    expect(owners.get('job_run')).toBe('jobs');
    const problems: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const folder = path.relative(SRC, file).split(path.sep)[0]!;
      // The database layer (migrations, table types) and test fixtures are exempt.
      if (folder === 'db' || file.endsWith(`${path.sep}testing.ts`)) continue;
      const code = stripComments(fs.readFileSync(file, 'utf8'));
      const reads = new Set<string>();
      const writes = new Set<string>();
      for (const m of code.matchAll(
        /\b(selectFrom|updateTable|insertInto|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|with)\(\s*'([a-z_]+)(?:\s+as\s+\w+)?'/g,
      )) {
        (/^(updateTable|insertInto|deleteFrom)$/.test(m[1]!) ? writes : reads).add(m[2]!);
      }
      for (const m of code.matchAll(/\b(from|join|into|update|truncate)\s+([a-z_]+)\b/gi)) {
        (/^(into|update|truncate)$/i.test(m[1]!) ? writes : reads).add(m[2]!);
      }
      for (const t of new Set([...reads, ...writes])) {
        const owner = owners.get(t);
        if (!owner || owner === folder || (owner === 'auth' && folder === 'audit')) continue;
        if (REFERENCE_TABLES.has(t) && !writes.has(t)) continue;
        problems.push(`${path.relative('.', file)} ${writes.has(t) ? 'writes' : 'uses'} ${t} (owned by ${owner})`);
      }
    }
    expect(problems.sort()).toEqual([]);
  });
});

describe('advisory locks', () => {
  it('are taken only through the registry (src/db/locks.ts), whose keys are distinct', async () => {
    const { LOCKS } = await import('../src/db/index.js');
    const keys = Object.values(LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
    const direct = sourceFiles(SRC).filter((f) => !f.endsWith(path.join('db', 'locks.ts')) && /pg_advisory/.test(fs.readFileSync(f, 'utf8')));
    expect(direct.map((f) => path.relative('.', f))).toEqual([]);
  });
});
