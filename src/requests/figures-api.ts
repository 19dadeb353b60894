/** Contract of the figures routes (诉求办理统计, the public page, the 诉求办理通报). */
import { Type } from '@sinclair/typebox';
import { IsoDate, Nullable, StringEnum } from '../shared/index.js';
import { HOTSPOT_KEYS, PERIOD_KINDS } from './core/index.js';

export const FiguresQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '年份（默认：有诉求的最近一年）' })),
  period: Type.Optional(StringEnum(PERIOD_KINDS, { description: 'month 月度；quarter 季度；year 年度（默认）' })),
  index: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: '第几月（1–12）或第几季度（1–4）；年度不填' })),
  asOf: Type.Optional(IsoDate),
});

const Rate = Nullable(Type.Number({ description: '百分比（两位小数）；无应计件数时为 null' }));

const Counts = Type.Object({
  received: Type.Integer(),
  signDue: Type.Integer(),
  signedOnTime: Type.Integer(),
  closed: Type.Integer(),
  answerDue: Type.Integer(),
  answeredOnTime: Type.Integer(),
  rated: Type.Integer(),
  reopened: Type.Integer(),
  ratings: Type.Integer(),
  satisfiedRatings: Type.Integer(),
  routes: Type.Integer(),
  returns: Type.Integer(),
  answered: Type.Integer(),
  answerDays: Type.Integer(),
});

export const FigureRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  counts: Counts,
  received: Type.Integer({ description: '受理量' }),
  signOnTime: Rate,
  closed: Rate,
  answerOnTime: Rate,
  satisfied: Rate,
  reopened: Rate,
  returned: Rate,
  avgAnswerDays: Nullable(Type.Number({ description: '平均答复用时（工作日）' })),
});

const PeriodOut = Type.Object({
  kind: StringEnum(PERIOD_KINDS),
  year: Type.Integer(),
  index: Type.Integer(),
  from: IsoDate,
  to: IsoDate,
  label: Type.String(),
});
const Definition = Type.Object({ key: Type.String(), label: Type.String(), definition: Type.String() });
const Keyword = Type.Object({ word: Type.String(), count: Type.Integer(), previous: Type.Integer() });
const HotCategory = Type.Object({
  category: Type.String({ description: '事项类别（派单目录；未分类：未按类别派单且无建议）' }),
  count: Type.Integer(),
  previous: Type.Integer(),
});

const HotspotDefinition = Type.Object({ key: StringEnum(HOTSPOT_KEYS), label: Type.String(), definition: Type.String() });

const common = {
  period: PeriodOut,
  previous: PeriodOut,
  asOf: IsoDate,
  years: Type.Array(Type.Integer(), { description: '有诉求的年份（新的在前）' }),
  definitions: Type.Array(Definition),
  district: FigureRow,
  districtPrevious: FigureRow,
  categories: Type.Array(FigureRow),
  channels: Type.Array(FigureRow),
  months: Type.Array(FigureRow),
  hotCategories: Type.Array(HotCategory),
  /** 热点类别 (public page) and, on the staff page, the keywords too. */
  hotDefinitions: Type.Array(HotspotDefinition),
};

export const Figures = Type.Object({
  ...common,
  units: Type.Array(FigureRow),
  hotKeywords: Type.Array(Keyword),
  risingKeywords: Type.Array(Keyword),
});

/** The public page: district figures only (no unit, no keyword — a subject may name a firm or a person). */
export const PublicFigures = Type.Object(common);

export const RequestBulletin = Type.Object({
  title: Type.String(),
  issuer: Type.String(),
  asOf: IsoDate,
  period: PeriodOut,
  paragraphs: Type.Array(Type.String()),
  units: Type.Array(FigureRow),
  lagging: Type.Array(Type.Object({ unit: Type.String(), reasons: Type.String() })),
  hotCategories: Type.Array(HotCategory),
  risingKeywords: Type.Array(Keyword),
  definitions: Type.Array(Definition),
});
