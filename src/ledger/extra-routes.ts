import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../shared/index.js';

/** Bulletins, assessment, dashboard, settings and accounts (registered under the ledger prefix). */
export function extraRoutes(_ctx: AppContext) {
  return async function routes(_app: FastifyInstance) {};
}
