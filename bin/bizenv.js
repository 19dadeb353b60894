#!/usr/bin/env node
// The `bizenv` command. Runs the TypeScript sources through tsx (no build step for the server).
// Everything the platform writes (database files, evidence, uploads, keys) is for its owner only.
process.umask(0o077);
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
