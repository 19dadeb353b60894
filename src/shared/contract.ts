import { Type, type SchemaOptions, type TLiteral, type TUnion } from '@sinclair/typebox';

/**
 * Building blocks of the capabilities' contracts (`src/<capability>/api.ts`). Every route declares
 * its params, query, body and response with TypeBox; the OpenAPI document and the web's generated
 * types (`web/src/generated/api.d.ts`, `npm run gen:api`) come from the same schemas.
 *
 * @example
 *   const TaskStatus = StringEnum(['not_started', 'in_progress', 'done']);
 *   app.get('/tasks/:id', { schema: { params: IdParams, response: { 200: Task } } }, async (req) => getTask(db, req.params.id));
 */

/** A string enum as a union of literals (OpenAPI: anyOf const; web: `'a' | 'b'`). */
export function StringEnum<const T extends readonly string[]>(values: T, options?: SchemaOptions): TUnion<Array<TLiteral<T[number]>>> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as TUnion<Array<TLiteral<T[number]>>>;
}

/** `T | null`. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A database id. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** `/:id` params. */
export const IdParams = Type.Object({ id: Id });

/** An ISO calendar date (YYYY-MM-DD). */
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
/**
 * A timestamp (ISO 8601 with time and zone). Handlers may return a `Date` (as Kysely gives it): the
 * serializer writes it as ISO 8601; clients receive a string.
 */
export const Timestamp = Type.Unsafe<string | Date>(Type.String({ format: 'date-time' }));

/** `{ ok: true }`, the answer of a change that returns nothing else. */
export const Ok = Type.Object({ ok: Type.Literal(true) });

/** The body of every error response (see the server's error handler). */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String({ description: '中文说明，可直接展示给用户' }),
      details: Type.Unknown(),
      requestId: Type.Optional(Type.String({ description: '请求编号：报告问题时请提供' })),
    }),
  },
  { $id: 'ErrorBody' },
);

/** Error responses every route may give, added to each route's response schema by the server. */
export const ERROR_RESPONSES = { '4xx': Type.Ref('ErrorBody'), '5xx': Type.Ref('ErrorBody') } as const;

/** Pagination query (`page` from 1). */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};
