import { fmt } from '../../enterprises/core/index.js';

/**
 * How well a product's terms fit a need (0–100), independent of eligibility (the rule decides that). Weights:
 * amount 40, term 25, rate 20, collateral 15; the whole score halves when the product's kind contradicts the need
 * (a 首贷 product for a renewal; a renewal or 转贷应急周转 product for a first loan: the firm has no loan to renew).
 *
 * - amount: 1 inside the product's range; above the maximum max ÷ amount (the part the product can lend); below the
 *   minimum amount ÷ min;
 * - term: 1 inside the range, otherwise the shorter of need and nearest bound ÷ the longer;
 * - rate: the product's lowest rate scored linearly from the one-year LPR (3.0 %, 全国银行间同业拆借中心 2025-05-20:
 *   score 1) to four times it (12 %, the protected ceiling of 最高人民法院关于审理民间借贷案件适用法律若干问题的规定
 *   第二十五条: score 0);
 * - collateral: 1 when the product needs none (信用) or the need offers one it accepts, otherwise 0.
 */
export interface ProductTerms {
  type: string;
  amountMin: number;
  amountMax: number;
  termMin: number;
  termMax: number;
  rateMin: number;
  rateMax: number;
  /** Accepted collateral; empty: none needed. */
  collateral: readonly string[];
}
export interface NeedTerms {
  amount: number;
  termMonths: number;
  loanKind: string;
  collateral: readonly string[];
}

export const FIT_WEIGHTS = { amount: 40, term: 25, rate: 20, collateral: 15 } as const;
export const LPR_ONE_YEAR = 3.0;
export const RATE_CEILING = 4 * LPR_ONE_YEAR;
const RENEWAL_TYPES = new Set(['续贷', '无还本续贷', '转贷应急周转']);

export type FitAspectKey = keyof typeof FIT_WEIGHTS | 'kind';
export interface FitAspect {
  aspect: FitAspectKey;
  label: string;
  /** 0–1 (for `kind`: the multiplier, 1 or 0.5). */
  score: number;
  text: string;
}
export interface Fit {
  score: number;
  aspects: FitAspect[];
}

const ratio = (a: number, b: number) => (a <= 0 || b <= 0 ? 0 : Math.min(a, b) / Math.max(a, b));
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function amountScore(n: NeedTerms, p: ProductTerms): number {
  if (n.amount > p.amountMax) return ratio(n.amount, p.amountMax);
  if (n.amount < p.amountMin) return ratio(n.amount, p.amountMin);
  return 1;
}
function termScore(n: NeedTerms, p: ProductTerms): number {
  if (n.termMonths > p.termMax) return ratio(n.termMonths, p.termMax);
  if (n.termMonths < p.termMin) return ratio(n.termMonths, p.termMin);
  return 1;
}
const rateScore = (p: ProductTerms) => clamp01((RATE_CEILING - p.rateMin) / (RATE_CEILING - LPR_ONE_YEAR));
const collateralScore = (n: NeedTerms, p: ProductTerms) => (p.collateral.length === 0 || n.collateral.some((c) => p.collateral.includes(c)) ? 1 : 0);
function kindFactor(n: NeedTerms, p: ProductTerms): number {
  if (p.type === '首贷' && n.loanKind === '续贷') return 0.5;
  if (RENEWAL_TYPES.has(p.type) && n.loanKind === '首贷') return 0.5;
  return 1;
}

/** The fit score alone (bulk matching: no texts). Rounded to one decimal. */
export function fitScore(n: NeedTerms, p: ProductTerms): number {
  return fitScoreWith(n, p, FIT_WEIGHTS.rate * rateScore(p));
}

/** `fitScore` with the product's rate part (`FIT_WEIGHTS.rate × rate score`) computed once per product. */
export function fitScoreWith(n: NeedTerms, p: ProductTerms, ratePart: number): number {
  const s = FIT_WEIGHTS.amount * amountScore(n, p) + FIT_WEIGHTS.term * termScore(n, p) + ratePart + FIT_WEIGHTS.collateral * collateralScore(n, p);
  return Math.round(s * kindFactor(n, p) * 10) / 10;
}

/** The rate part of the fit of a product (the same for every need). */
export const ratePart = (p: ProductTerms) => FIT_WEIGHTS.rate * rateScore(p);

/** The fit score with a Chinese line per aspect. */
export function explainFit(n: NeedTerms, p: ProductTerms): Fit {
  const a = amountScore(n, p);
  const t = termScore(n, p);
  const r = rateScore(p);
  const c = collateralScore(n, p);
  const k = kindFactor(n, p);
  const range = (lo: number, hi: number, unit: string) => (lo === hi ? `${fmt(lo)}${unit}` : `${fmt(lo)}–${fmt(hi)}${unit}`);
  const aspects: FitAspect[] = [
    {
      aspect: 'amount',
      label: '金额',
      score: a,
      text:
        a === 1
          ? `需求 ${fmt(n.amount)} 万元在产品额度 ${range(p.amountMin, p.amountMax, ' 万元')} 之内`
          : n.amount > p.amountMax
            ? `需求 ${fmt(n.amount)} 万元高于产品最高额度 ${fmt(p.amountMax)} 万元，可满足约 ${Math.round(a * 100)}%`
            : `需求 ${fmt(n.amount)} 万元低于产品最低额度 ${fmt(p.amountMin)} 万元`,
    },
    {
      aspect: 'term',
      label: '期限',
      score: t,
      text:
        t === 1
          ? `需求期限 ${n.termMonths} 个月在产品期限 ${range(p.termMin, p.termMax, ' 个月')} 之内`
          : `需求期限 ${n.termMonths} 个月不在产品期限 ${range(p.termMin, p.termMax, ' 个月')} 之内`,
    },
    {
      aspect: 'rate',
      label: '利率',
      score: r,
      text: `产品年利率 ${range(p.rateMin, p.rateMax, '%')}（以一年期 LPR ${fmt(LPR_ONE_YEAR)}% 为满分、${fmt(RATE_CEILING)}% 为零分计）`,
    },
    {
      aspect: 'collateral',
      label: '担保方式',
      score: c,
      text:
        p.collateral.length === 0
          ? '产品无需抵押或担保'
          : c === 1
            ? `企业可提供的${n.collateral.filter((x) => p.collateral.includes(x)).join('、')}为产品接受的担保方式`
            : `产品要求${p.collateral.join('、')}之一，企业${n.collateral.length ? `仅可提供${n.collateral.join('、')}` : '未提供抵押或担保'}`,
    },
  ];
  if (k !== 1)
    aspects.push({
      aspect: 'kind',
      label: '贷款类别',
      score: k,
      text: p.type === '首贷' ? '产品面向首次贷款，而需求为续贷（得分减半）' : `产品为${p.type}，而需求为首贷，企业没有可续的贷款（得分减半）`,
    });
  return { score: fitScore(n, p), aspects };
}
