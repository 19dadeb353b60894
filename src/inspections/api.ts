/**
 * The inspections' HTTP contract (双随机、一公开): the TypeBox schema of every route's input and answer. Domain rules
 * (shares, seed inputs, teams, 回避) are checked by the store and the core with Chinese messages naming the field.
 */
import { Type } from '@sinclair/typebox';
import { Id, IsoDate, Nullable, PageQuery, StringEnum, Timestamp } from '../shared/index.js';
import { DRAW_STATUSES, INSPECTION_METHODS, OBJECT_KINDS } from './core/index.js';

export const ObjectKind = StringEnum(OBJECT_KINDS);
export const Method = StringEnum(INSPECTION_METHODS);
const Hex = Type.String({ description: 'SHA-256，64 位十六进制' });

export const ObjectParams = Type.Object({ objectId: Id });
export const InspectorParams = Type.Object({ inspectorId: Id });
export const ItemParams = Type.Object({ itemId: Id });
export const DrawParamsSchema = Type.Object({ drawId: Id });
export const Created = Type.Object({ id: Type.Integer() });

// ---- objects ----

export const ObjectQuery = Type.Object({
  source: Type.Optional(StringEnum(['enterprise', 'other'], { description: 'enterprise 企业名录；other 其他检查对象' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: '名称中的词或代码' })),
  ...PageQuery,
});
export const ObjectBody = Type.Object(
  {
    kind: ObjectKind,
    name: Type.String({ maxLength: 100 }),
    code: Type.Optional(Nullable(Type.String({ maxLength: 30, description: '统一社会信用代码或其他代码' }))),
    street: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ObjectPage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      key: Type.String(),
      kind: Type.String(),
      name: Type.String(),
      code: Nullable(Type.String()),
      street: Nullable(Type.String()),
      detail: Nullable(Type.String()),
      /** Name of the credit class in force today (enterprises; null for other objects until classified). */
      creditClass: Nullable(Type.String()),
      /** The registry's qualification tags (the plan scope's special flags). */
      flags: Type.Array(Type.String()),
      active: Type.Boolean(),
      isDemo: Type.Boolean(),
    }),
  ),
});
export const ObjectCreated = Type.Object({ id: Type.Integer(), key: Type.String() });

// ---- inspectors ----

export const InspectorQuery = Type.Object({
  unitId: Type.Optional(Id),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 50, description: '姓名中的词或执法证号' })),
  ...PageQuery,
});
export const InspectorBody = Type.Object(
  {
    unitId: Id,
    name: Type.String({ maxLength: 30 }),
    certNo: Type.String({ maxLength: 30, description: '执法证号' }),
    fields: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10, description: '业务专长' }),
    active: Type.Boolean(),
    relations: Type.Array(
      Type.Object(
        {
          objectKey: Type.String({ maxLength: 20, pattern: '^[EO]\\d{1,10}$', description: 'E企业编号 或 O其他对象编号' }),
          relation: Type.String({ maxLength: 100, description: '与对象的关系（回避理由，不公开）' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export const InspectorPage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      unitId: Type.Integer(),
      unitName: Type.String(),
      name: Type.String(),
      certNo: Type.String(),
      fields: Type.Array(Type.String()),
      active: Type.Boolean(),
      isDemo: Type.Boolean(),
      relations: Type.Array(Type.Object({ objectKey: Type.String(), objectName: Type.String(), relation: Type.String(), declaredOn: IsoDate })),
    }),
  ),
});
export const ImportResult = Type.Object({ created: Type.Integer(), updated: Type.Integer() });

// ---- 抽查事项清单 ----

export const ItemQuery = Type.Object({ unitId: Type.Optional(Id) });
export const ItemBody = Type.Object(
  {
    unitId: Id,
    name: Type.String({ maxLength: 100, description: '抽查事项' }),
    legalBasis: Type.String({ maxLength: 1000, description: '检查依据' }),
    objectScope: Type.String({ maxLength: 200, description: '检查对象' }),
    method: Method,
    active: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const Item = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  name: Type.String(),
  legalBasis: Type.String(),
  objectScope: Type.String(),
  method: Method,
  active: Type.Boolean(),
  isDemo: Type.Boolean(),
});

// ---- draws ----

const Share = Type.Object(
  { stratum: Type.String({ maxLength: 30 }), bp: Type.Integer({ minimum: 1, maximum: 10_000, description: '万分比：1 = 0.01%' }) },
  { additionalProperties: false },
);
export const CommitBody = Type.Object(
  {
    title: Type.String({ maxLength: 100, description: '抽查任务名称' }),
    leadUnitId: Id,
    jointUnitIds: Type.Array(Id, { maxItems: 10, description: '参与部门' }),
    itemIds: Type.Array(Id, { maxItems: 50 }),
    scope: Type.Object({ enterprises: Type.Boolean(), otherKinds: Type.Array(ObjectKind, { maxItems: OBJECT_KINDS.length }) }, { additionalProperties: false }),
    shares: Type.Array(Share, { maxItems: 10, description: '各层（信用风险分类）抽查比例' }),
    defaultShareBp: Type.Integer({ minimum: 1, maximum: 10_000, description: '未单列的层（含未分级）的抽查比例，万分比' }),
    field: Type.Optional(Nullable(Type.String({ maxLength: 20, description: '检查人员须具备的业务专长' }))),
    witnesses: Type.Array(Type.String({ maxLength: 30 }), { minItems: 1, maxItems: 5, description: '监督人姓名' }),
    lotteryName: Type.String({ maxLength: 50, description: '公开开奖的彩票，如 中国福利彩票双色球' }),
    lotteryDate: IsoDate,
  },
  { additionalProperties: false },
);
export const Committed = Type.Object({ id: Type.Integer(), number: Type.String(), commitment: Hex });
export const SeedInputsBody = Type.Object(
  {
    witnessNumbers: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 5, description: '按监督人顺序' })),
    lotteryResult: Type.Optional(Type.String({ maxLength: 100, description: '开奖号码，按公布的样子录入' })),
  },
  { additionalProperties: false },
);
export const Ran = Type.Object({ picked: Type.Integer(), resultHash: Hex });

export const DrawSummary = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  status: StringEnum(DRAW_STATUSES),
  statusLabel: Type.String(),
  leadUnitName: Type.String(),
  jointUnitNames: Type.Array(Type.String()),
  objectCount: Type.Integer(),
  inspectorCount: Type.Integer(),
  commitment: Hex,
  committedAt: Timestamp,
  witnesses: Type.Array(Type.String()),
  lotteryName: Type.String(),
  lotteryDate: IsoDate,
  picked: Nullable(Type.Integer()),
  runAt: Nullable(Timestamp),
  isDemo: Type.Boolean(),
});
export const DrawDetail = Type.Object({
  ...DrawSummary.properties,
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), method: Type.String() })),
  shares: Type.Array(Type.Object({ stratum: Type.String(), percent: Type.Number() })),
  defaultPercent: Type.Number(),
  field: Nullable(Type.String()),
  classDate: IsoDate,
  perDepartment: Type.Integer(),
  objectsHash: Hex,
  inspectorsHash: Hex,
  witnessNumbers: Nullable(Type.Array(Type.String())),
  witnessesAt: Nullable(Timestamp),
  lotteryResult: Nullable(Type.String()),
  lotteryAt: Nullable(Timestamp),
  seed: Nullable(Hex),
  resultHash: Nullable(Hex),
  strata: Type.Array(Type.Object({ stratum: Type.String(), population: Type.Integer(), percent: Type.Number(), drawn: Type.Integer() })),
  picks: Type.Array(
    Type.Object({
      position: Type.Integer(),
      objectKey: Type.String(),
      objectName: Type.String(),
      stratum: Type.String(),
      team: Type.Array(Type.Object({ name: Type.String(), certNo: Type.String(), unitName: Type.String() })),
    }),
  ),
  /** Staff only (empty for the public): the credit class each neutral stratum label (第1层 …) stands for. */
  stratumNames: Type.Array(Type.Object({ stratum: Type.String(), className: Type.String() })),
});

/** The published inputs and outputs of a draw (canonical snapshots included): enough to recompute it. */
export const DrawProof = Type.Object({
  algorithm: Type.String(),
  draw: Type.Object({ number: Type.String(), title: Type.String() }),
  objects: Type.Array(
    Type.Object({ key: Type.String(), name: Type.String(), code: Nullable(Type.String()), stratum: Type.String(), lastInspectors: Type.Array(Type.String()) }),
  ),
  inspectors: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      certNo: Type.String(),
      department: Type.String(),
      fields: Type.Array(Type.String()),
      avoid: Type.Array(Type.String()),
    }),
  ),
  params: Type.Object({
    departments: Type.Array(Type.String()),
    shares: Type.Array(Type.Object({ stratum: Type.String(), bp: Type.Integer() })),
    defaultShareBp: Type.Integer(),
    field: Nullable(Type.String()),
    classDate: IsoDate,
  }),
  seedSource: Type.Object({ witnesses: Type.Array(Type.String()), lottery: Type.Object({ name: Type.String(), drawDate: IsoDate }) }),
  committed: Type.Object({ objectsHash: Hex, inspectorsHash: Hex, commitment: Hex }),
  witnessNumbers: Nullable(Type.Array(Type.String())),
  lotteryResult: Nullable(Type.String()),
  seed: Nullable(Hex),
  result: Nullable(
    Type.Object({
      strata: Type.Array(Type.Object({ stratum: Type.String(), population: Type.Integer(), bp: Type.Integer(), drawn: Type.Integer() })),
      picks: Type.Array(Type.Object({ object: Type.String(), stratum: Type.String(), team: Type.Array(Type.String()) })),
      workload: Type.Array(Type.Object({ inspector: Type.String(), checks: Type.Integer() })),
    }),
  ),
  resultHash: Nullable(Hex),
});
