/**
 * The import rules of docs/architecture.md, checked by `npm run lint` and test/boundaries.test.ts:
 * no cycles; across capability folders only through `index.ts`; `shared`, `db` and `config` are
 * leaves; the web reaches the server's code only through pure modules (cores, contracts' labels).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles make the load order fragile and the layers meaningless.',
      from: { path: '^(src|web/src)/' },
      to: { circular: true },
    },
    {
      name: 'only-index-across-capabilities',
      severity: 'error',
      comment:
        'Another folder of src/ is reached only through its index.ts (its public API); a pure core may use another pure core through its core/index.ts; ' +
        'table row types (src/db/tables) may be imported directly; the composition roots (cli, server) may use the server folder.',
      from: { path: '^src/([^/]+)/', pathNot: ['\\.test\\.ts$', '^src/([^/]+)/testing\\.ts$'] },
      to: {
        path: '^src/([^/]+)/',
        pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/[^/]+/core/index\\.ts$', '^src/db/tables/', '^src/server/'],
      },
    },
    {
      name: 'only-roots-import-server-and-cli',
      severity: 'error',
      comment: 'server and cli compose the capabilities; no capability imports them.',
      from: { path: '^src/', pathNot: ['^src/(server|cli)/', '\\.test\\.ts$'] },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'leaves-import-no-capability',
      severity: 'error',
      comment: 'shared, db, config and files are leaves: they import nothing of ours but each other.',
      from: { path: '^src/(shared|db|config|files)/' },
      to: { path: '^src/', pathNot: '^src/(shared|db|config|files)/' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'src/shared is imported by pure cores and through them by the web: no Node built-ins, no I/O (file handling lives in src/files).',
      from: { path: '^src/shared/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-uses-pure-server-modules-only',
      severity: 'error',
      comment: 'The web imports from src/ only pure modules (a core, or a contract label): never a store, route or node code.',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: ['^src/[^/]+/core/', '^src/[^/]+/roles\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'web/dist', 'web/src/generated'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
