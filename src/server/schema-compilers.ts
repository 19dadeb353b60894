/**
 * Fastify's own schema compilers (@fastify/ajv-compiler for input validation, fast-json-stringify for responses),
 * shared by every app this process builds. Fastify makes new ones per instance and compiles every route's schemas
 * again at `ready` (over a second of CPU for this API). The server builds one app per process, so nothing changes
 * there; the tests build one or more per test file and backend (test/app.ts), and now compile each route schema once
 * per process. A compiled function depends only on the schema object, the shared schemas and the options: validators
 * are pooled by those (the compiler's own pool, ajv's cache per schema object), serializers cached by schema object
 * under the same key.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type ValidatorFactory = ReturnType<typeof AjvCompiler>;
type SerializerFactory = ReturnType<typeof SerializerSelector>;

const buildValidator: ValidatorFactory = AjvCompiler();

const serializers = SerializerSelector();
const serializerCaches = new Map<string, WeakMap<object, (doc: unknown) => string>>();
const buildSerializer: SerializerFactory = (externalSchemas, options) => {
  const compile = serializers(externalSchemas, options);
  const key = JSON.stringify([externalSchemas, options ?? {}]);
  let cache = serializerCaches.get(key);
  if (!cache) serializerCaches.set(key, (cache = new WeakMap()));
  const byKey = cache;
  return (route) => {
    const schema = route.schema as object;
    let f = byKey.get(schema);
    if (!f) byKey.set(schema, (f = compile(route)));
    return f;
  };
};

/** Fastify's `schemaController` option: the compilers above. */
export const sharedSchemaCompilers = { compilersFactory: { buildValidator, buildSerializer } };
