import { AsOfTag } from '../shared/as-of-tag.js';
import { usePlan } from './common.js';

/** The plan's one "as of" date (数据截至…) on a page whose figures are of `shown`. */
export function PlanAsOf({ shown }: { shown: string }) {
  const { plan } = usePlan();
  return plan ? <AsOfTag planId={plan.id} shown={shown} /> : null;
}
