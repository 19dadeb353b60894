import path from 'node:path';
import ts from 'typescript';

/**
 * The public API of each folder of src/: the value names (functions, classes, constants) its
 * index.ts exports, resolved by the TypeScript compiler (`export *` included). Types are left out.
 */
export function publicApi(root = 'src'): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json not readable');
  const indexes = ts.sys.readDirectory(root, ['.ts'], undefined, ['*/index.ts']).filter((f) => /^src\/[^/]+\/index\.ts$/.test(path.relative('.', f)));
  const program = ts.createProgram(indexes, config.options);
  const checker = program.getTypeChecker();
  const out = new Map<string, string[]>();
  for (const file of indexes) {
    const sf = program.getSourceFile(file);
    const symbol = sf && checker.getSymbolAtLocation(sf);
    if (!symbol) continue;
    const names = checker
      .getExportsOfModule(symbol)
      .filter((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return (target.flags & ts.SymbolFlags.Value) !== 0;
      })
      .map((s) => s.name)
      .sort();
    out.set(path.relative(root, path.dirname(file)), names);
  }
  return out;
}

const START = '<!-- public-api:start (npm run gen:docs) -->';
const END = '<!-- public-api:end -->';
export const ARCHITECTURE = 'docs/architecture.md';

/** The public-API section of docs/architecture.md as it should read now. */
export function publicApiSection(): string {
  const lines = [START, '', '| folder | exported from `index.ts` (values; types omitted) |', '|---|---|'];
  for (const [folder, names] of publicApi()) lines.push(`| \`${folder}\` | ${names.map((n) => `\`${n}\``).join(', ')} |`);
  return [...lines, '', END].join('\n');
}

/** docs/architecture.md with its public-API section replaced by the current one. */
export function architectureWithApi(text: string): string {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < 0) throw new Error(`${ARCHITECTURE} has no ${START} … ${END} section`);
  return text.slice(0, a) + publicApiSection() + text.slice(b + END.length);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('test/public-api.ts')) {
  ts.sys.writeFile(ARCHITECTURE, architectureWithApi(ts.sys.readFile(ARCHITECTURE) ?? ''));
  console.log(`updated the public API section of ${ARCHITECTURE}`);
}
