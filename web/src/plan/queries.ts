import { $api, queryClient } from '../api.js';
import { pickPlan, preferredPlanId } from './plan-choice.js';

/**
 * The plan page's queries, shared by the page and its preload, so that both use the same cache keys.
 * The preload starts when the page's chunk is requested (web/src/capabilities.tsx), so on a first
 * visit the data is on its way while the page's code downloads: no chunk → plans → outline waterfall.
 */
export const planListQuery = () => $api.queryOptions('get', '/api/plan/plans');
export const outlineQuery = (planId: number) => $api.queryOptions('get', '/api/plan/plans/{planId}', { params: { path: { planId } } });
export const planUnitsQuery = (planId: number) => $api.queryOptions('get', '/api/plan/units', { params: { query: { planId } } });

export function preloadPlanPage(): void {
  void queryClient
    .fetchQuery(planListQuery())
    .then((plans) => {
      // The plan the page will show: the one in the address or chosen last, else the current plan.
      const shown = pickPlan(plans, preferredPlanId());
      if (!shown) return;
      void queryClient.prefetchQuery(outlineQuery(shown.id));
      void queryClient.prefetchQuery(planUnitsQuery(shown.id));
    })
    // The page itself shows any error (its own queries ask again).
    .catch(() => {});
}
