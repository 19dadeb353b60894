/**
 * Personal answers (issue 17): for a logged-in enterprise, a policy question also gets "你公司可能符合以下政策" —
 * the items the policy calculator (src/policies `calculate`, the same rules and explanation) finds eligible for the
 * firm's own profile. Only the session's own firm; anonymous answers are unchanged.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { getEnterprise } from '../enterprises/index.js';
import { calculate, toProfile, type Explanation } from '../policies/index.js';
import type { AskResult } from './ask.js';

export const PERSONAL_TITLE = '你公司可能符合以下政策';
const MAX_ITEMS = 5;
/** A question about support the firm might get (or any question a policy answers). */
const POLICY_WORDS = /政策|补贴|补助|奖励|扶持|资助|享受|申报|优惠|减免|贴息|资金|能领|可以领|符合/;

export interface PersonalAnswer {
  title: string;
  enterpriseName: string;
  items: Array<{ itemName: string; policyTitle: string; docNumber: string | null; amountText: string | null; reasons: string[] }>;
  link: { label: string; link: string };
}

/** The conditions that hold for the firm, each with what its profile says (the explanation, flattened). */
function reasons(e: Explanation, out: string[] = []): string[] {
  if (e.children?.length) for (const c of e.children) reasons(c, out);
  else if (e.status === 'held') out.push(e.detail ? `${e.text}（${e.detail}）` : e.text);
  return out;
}

export async function personalAnswer(db: Kysely<Database>, enterpriseId: number, r: AskResult): Promise<PersonalAnswer | null> {
  if (!POLICY_WORDS.test(r.question) && !r.answers.some((a) => a.kind === 'policy')) return null;
  const firm = await getEnterprise(db, enterpriseId);
  const eligible = (await calculate(db, toProfile(firm))).filter((x) => x.outcome === 'eligible').slice(0, MAX_ITEMS);
  if (!eligible.length) return null;
  return {
    title: PERSONAL_TITLE,
    enterpriseName: firm.name,
    items: eligible.map((x) => ({
      itemName: x.itemName,
      policyTitle: x.policyTitle,
      docNumber: x.docNumber,
      amountText: x.amountText ?? x.amountStated,
      reasons: reasons(x.explanation).slice(0, 6),
    })),
    link: { label: '用政策计算器查看全部', link: '/policies/calculator' },
  };
}
