import type { FastifyInstance } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** A response that does not match its route's declared schema: a contract drift, never the user's fault. */
export class ResponseContractError extends Error {
  constructor(route: string, status: number, problems: string[]) {
    super(`response ${status} of ${route} does not match its schema: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'ResponseContractError';
  }
}

/**
 * Checks every JSON response against its route's declared response schema, as the client will
 * receive it (after JSON serialization): a field of the wrong type, a missing required field, or a
 * field the schema does not declare (which the serializer would silently drop) is a 500 with a
 * `ResponseContractError` in the log. On in tests and development (config `checkResponses`), so the
 * contracts, the OpenAPI document and the web's generated types cannot drift from what routes send.
 */
export function installResponseCheck(app: FastifyInstance, sharedSchemas: object[] = []): void {
  const strict = addFormats(new Ajv({ allErrors: true, strict: false, removeAdditional: 'all' }));
  const shared = new Set<string>();
  const addShared = (s: object) => {
    const id = (s as { $id?: unknown }).$id;
    if (typeof id === 'string' && !shared.has(id)) {
      shared.add(id);
      strict.addSchema(s);
    }
  };
  for (const s of sharedSchemas) addShared(s);
  const cache = new WeakMap<object, ValidateFunction>();
  app.addHook('preSerialization', async (req, reply, payload) => {
    const route = `${req.method} ${req.routeOptions.url ?? req.url}`;
    const responses = req.routeOptions.schema?.response as Record<string, object> | undefined;
    const status = reply.statusCode;
    const key = [String(status), `${String(status)[0]}xx`, 'default'].find((k) => responses && Object.hasOwn(responses, k));
    // Routes without a response schema are caught by the contract test over the OpenAPI document.
    if (!responses) return payload;
    if (!key) throw new ResponseContractError(route, status, ['no schema declared for this status']);
    const schema = responses[key]!;
    let validate = cache.get(schema);
    if (!validate) {
      // Schemas a capability shares with `app.addSchema` (e.g. recursive ones, used by `$ref`).
      for (const s of Object.values(req.server.getSchemas())) addShared(s as object);
      validate = strict.compile(schema);
      cache.set(schema, validate);
    }
    const sent = JSON.parse(JSON.stringify(payload)) as unknown;
    const cleaned = structuredClone(sent);
    if (!validate(cleaned)) {
      throw new ResponseContractError(
        route,
        status,
        (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`),
      );
    }
    if (JSON.stringify(cleaned) !== JSON.stringify(sent)) {
      throw new ResponseContractError(route, status, [`fields not declared in the schema: ${undeclared(sent, cleaned).slice(0, 5).join(', ')}`]);
    }
    return payload;
  });
}

/** Paths present in `a` and missing in `b` (what removeAdditional took away). */
function undeclared(a: unknown, b: unknown, at = ''): string[] {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return [];
  const out: string[] = [];
  for (const k of Object.keys(a)) {
    if (!Object.hasOwn(b, k)) out.push(`${at}/${k}`);
    else out.push(...undeclared((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`));
  }
  return out;
}
