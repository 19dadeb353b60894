/**
 * The calendar's HTTP contract: the TypeBox schema of every route's input and answer. The OpenAPI
 * document and the web's generated types come from these (`npm run gen:api`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable, StringEnum } from '../shared/index.js';
import { HOLIDAY_NAMES } from './core/types.js';

export const DayKind = StringEnum(['workday', 'weekend', 'holiday', 'adjusted_workday'], {
  description: 'workday 工作日；weekend 周末；holiday 节假日；adjusted_workday 调休上班日',
});
export const PeriodUnit = StringEnum(['workday', 'day'], { description: 'workday：工作日；day：自然日（末日顺延规则）' });

const Notice = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  number: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.Optional(Type.String({ maxLength: 1000 })),
  issued: Type.Optional(IsoDate),
});
const Amendment = Type.Intersect([Notice, Type.Object({ summary: Type.String({ maxLength: 1000 }) })]);

export const DayInfo = Type.Object({ date: IsoDate, workday: Type.Boolean(), kind: DayKind, holiday: Nullable(Type.String()) });

export const YearEntry = Type.Object({
  year: Type.Integer(),
  notice: Notice,
  source: StringEnum(['bundled', 'database'], { description: 'bundled：随系统提供；database：营商办载入' }),
  loadedBy: Nullable(Type.String()),
});
export const YearView = Type.Object({ year: Type.Integer(), notice: Notice, amendments: Type.Array(Amendment), days: Type.Array(DayInfo) });

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2200 }) });

export const AddQuery = Type.Object({
  from: Type.String({ maxLength: 40, description: '起算日（触发事件当日，YYYY-MM-DD），不计入期间' }),
  n: Type.Integer({ minimum: 0, maximum: 3660 }),
  unit: PeriodUnit,
  businessEnd: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: '有业务时间的，停止业务活动的时间（民法典第二百零三条）' })),
});
const ExplainStep = Type.Object({
  date: IsoDate,
  weekday: Type.String({ description: '周一 … 周日' }),
  kind: DayKind,
  holiday: Nullable(Type.String()),
  counted: Type.Boolean(),
  count: Nullable(Type.Integer()),
  reason: Type.String(),
});
export const Explanation = Type.Object({
  start: IsoDate,
  n: Type.Integer(),
  unit: PeriodUnit,
  due: IsoDate,
  rawDue: Type.Optional(IsoDate),
  steps: Type.Array(ExplainStep),
  skipped: Type.Array(ExplainStep),
  summary: Type.String(),
  rules: Type.Array(Type.String()),
});

export const BetweenQuery = Type.Object({ from: Type.String({ maxLength: 40 }), to: Type.String({ maxLength: 40 }) });
export const Between = Type.Object({ from: Type.String(), to: Type.String(), workingDays: Type.Integer() });

/**
 * A year's arrangement as the State Council notice gives it. The shape is checked here; the rules
 * (dates inside the year, no overlaps, adjusted workdays on weekends …) by `validateYearData`, whose
 * problems name the field in Chinese.
 */
export const YearDataBody = Type.Object({
  year: Type.Integer({ minimum: 1900, maximum: 2200 }),
  notice: Notice,
  amendments: Type.Optional(Type.Array(Amendment, { maxItems: 20 })),
  holidays: Type.Array(Type.Object({ name: StringEnum(HOLIDAY_NAMES), days: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 31 }) }), { maxItems: 20 }),
  adjustedWorkdays: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 30 }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const YearLoaded = Type.Object({ year: Type.Integer(), replaced: Type.Boolean() });

export type YearEntry = Static<typeof YearEntry>;

/** The year's arrangement as the office enters it in the form (one row per holiday), see core/year-form.ts. */
const HolidayRowSchema = Type.Object({
  name: Type.String({ maxLength: 20, title: '节日' }),
  firstDay: Type.String({ maxLength: 10, title: '放假首日', description: 'YYYY-MM-DD' }),
  lastDay: Type.String({ maxLength: 10, title: '放假末日', description: 'YYYY-MM-DD' }),
  workdays: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 10, title: '调休上班日' }),
});
export const YearFormBody = Type.Object(
  {
    year: Type.Integer({ minimum: 1950, maximum: 2200, title: '年份' }),
    notice: Type.Object({
      title: Type.String({ maxLength: 200, title: '通知标题' }),
      number: Type.String({ maxLength: 100, title: '文号' }),
      issued: Type.Optional(Type.String({ maxLength: 10, title: '发布日期' })),
      url: Type.Optional(Type.String({ maxLength: 1000, title: '网址' })),
    }),
    holidays: Type.Array(HolidayRowSchema, { maxItems: 20, title: '放假安排' }),
    note: Type.Optional(Type.String({ maxLength: 2000, title: '说明' })),
  },
  { additionalProperties: false },
);
export const TableQuery = Type.Object({ year: Type.Integer({ minimum: 1950, maximum: 2200, title: '年份' }) });
export const HolidayRows = Type.Object({
  holidays: Type.Array(HolidayRowSchema),
  notes: Type.Array(Type.String(), { description: '请营商办核对的事项（如合并放假）' }),
});
