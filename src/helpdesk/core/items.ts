/**
 * Knowledge items from the platform's own content, pure (the inputs are what the owners' read functions return, see
 * ../sources.ts): the office's FAQ, the plan's measures (what the district promised), the policy items (with the
 * policy calculator as the follow-up for "我能享受…"), the request categories with their time limits, the public
 * indicators with their targets.
 */
import type { KnowledgeItem } from './knowledge.js';

export interface FaqInput {
  code: string;
  question: string;
  variants: string[];
  answer: string;
  sourceDocument: string | null;
  sourceArticle: string | null;
  sourcePath: string | null;
  unitName: string | null;
  isDemo: boolean;
}

export function faqItem(f: FaqInput): KnowledgeItem {
  const label = [f.sourceDocument, f.sourceArticle].filter(Boolean).join(' ') || (f.sourcePath ? '本平台页面' : '区营商办');
  return {
    key: `faq:${f.code}`,
    kind: 'faq',
    title: f.question,
    variants: f.variants,
    text: f.answer,
    excerpt: false,
    source: { label, document: f.sourceDocument, article: f.sourceArticle, link: f.sourcePath },
    followUp: null,
    unitName: f.unitName,
    isDemo: f.isDemo,
  };
}

export interface MeasureInput {
  planId: number;
  docNumber: string;
  planTitle: string;
  number: number;
  title: string;
  text: string;
  leadUnits: string[];
  deadlines: string[];
  /** The quantitative targets as written with what they measure ("获得用水一般项目用户全流程总用时" + "不超过9个工作日"). */
  targets: Array<{ metric: string; text: string }>;
}

export function measureItem(m: MeasureInput): KnowledgeItem {
  const units = m.leadUnits.length ? `牵头单位：${m.leadUnits.join('、')}。` : '';
  return {
    key: `measure:${m.number}`,
    kind: 'measure',
    title: m.title,
    // Each promise is also a question the measure answers ("获得用水……总用时不超过9个工作日").
    variants: m.targets.map((t) => `${t.metric}${t.text}`),
    text: `${m.text}${m.deadlines.length ? `完成时限：${m.deadlines.join('；')}。` : ''}${units}`,
    excerpt: true,
    source: { label: `${m.docNumber} 第${m.number}条`, document: m.docNumber, article: `第${m.number}条`, link: `/plan/${m.planId}/measures/${m.number}` },
    followUp: null,
    unitName: m.leadUnits[0] ?? null,
    isDemo: false,
  };
}

export interface PolicyInput {
  id: number;
  title: string;
  docNumber: string | null;
  issuer: string;
  topics: string[];
  interpretation: string;
  isDemo: boolean;
  items: Array<{ name: string; amountText: string | null; description: string }>;
}

/** One item per policy item (the thing a firm applies for), and one for the policy as a whole. */
export function policyItems(p: PolicyInput): KnowledgeItem[] {
  const doc = p.docNumber ?? `政策${p.id}`;
  const source = { label: `${p.title}${p.docNumber ? `（${p.docNumber}）` : ''}`, document: p.docNumber, article: null, link: `/policies/${p.id}` };
  const followUp = { label: '用政策计算器看看能否享受', link: '/policies/calculator' };
  const whole: KnowledgeItem = {
    key: `policy:${doc}`,
    kind: 'policy',
    title: p.title.replace(/[（(]演示[）)]/gu, ''),
    variants: p.topics.map((t) => `${t}政策`),
    text: `${p.interpretation} 包括：${p.items.map((i) => (i.amountText ? `${i.name}（${i.amountText}）` : i.name)).join('；')}。`,
    excerpt: true,
    source,
    followUp,
    unitName: p.issuer,
    isDemo: p.isDemo,
  };
  return [
    whole,
    ...p.items.map((i) => ({
      key: `policy:${doc}:${i.name}`,
      kind: 'policy' as const,
      title: i.name,
      variants: [],
      text: `${i.name}：${i.description}${i.amountText ? ` 标准：${i.amountText}。` : ''}`,
      excerpt: false,
      source,
      followUp,
      unitName: p.issuer,
      isDemo: p.isDemo,
    })),
  ];
}

export interface CategoryLimitInput {
  category: string;
  signDays: number;
  answerDays: number;
}

const CATEGORY_WORDS: Record<string, string[]> = {
  咨询: ['咨询类诉求多久答复', '问个问题多久回复'],
  求决: ['求决类诉求多久办结', '请求解决问题多久有结果'],
  投诉举报: ['投诉多久处理', '举报多久答复', '投诉举报办理时限'],
  建议: ['提建议多久答复', '意见建议多久回复'],
};

export function requestCategoryItem(l: CategoryLimitInput): KnowledgeItem {
  return {
    key: `request:${l.category}`,
    kind: 'request',
    title: `${l.category}类企业诉求的办理时限`,
    variants: CATEGORY_WORDS[l.category] ?? [],
    text: `企业诉求分为咨询、求决、投诉举报、建议四类。${l.category}类诉求：派单后${l.signDays}个工作日内签收，${l.answerDays}个工作日内答复（遇节假日顺延，挂起期间不计，延期须经区营商办同意）。可在“诉求反映”页面免登录提交，凭诉求编号和查询码查询进度。`,
    excerpt: false,
    source: { label: '企业诉求办理时限（区营商办设定）', document: null, article: null, link: '/requests/public' },
    followUp: { label: '提交诉求', link: '/requests/public' },
    unitName: '区政务服务办',
    isDemo: false,
  };
}

export interface FigureInput {
  code: string;
  name: string;
  measure: number;
  metric: string;
  target: string;
  docNumber: string;
  planId: number;
}

export function figureItem(f: FigureInput): KnowledgeItem {
  return {
    key: `figure:${f.code}`,
    kind: 'figure',
    title: `${f.name}指标`,
    variants: [f.metric],
    text: `监测指标“${f.name}”：${f.metric}，目标 ${f.target}（实施方案第${f.measure}条）。`,
    excerpt: false,
    source: { label: `${f.docNumber} 第${f.measure}条`, document: f.docNumber, article: `第${f.measure}条`, link: `/plan/${f.planId}/measures/${f.measure}` },
    followUp: null,
    unitName: null,
    isDemo: false,
  };
}
