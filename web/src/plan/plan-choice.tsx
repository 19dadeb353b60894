import { Select, Space, Typography } from 'antd';
import { useLocation, useSearchParams } from 'react-router-dom';
import { $api, type ApiResponse } from '../api.js';
import { useSession } from '../auth/session.js';

/**
 * Which plan the plan, ledger and indicator pages show when several are imported (issue 13: next year's plan
 * beside this year's). The choice lives in the address (`?plan=ID`, so a page can be shared as it is shown) and,
 * for the pages opened from the menu without it, in this browser tab (sessionStorage); without either, the plan
 * the server marks `current` (the newest plan year).
 */
export type PlanListItem = ApiResponse<'/api/plan/plans'>[number];

const STORAGE_KEY = 'bizenv.plan';

function positiveInt(v: string | null | undefined): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function remembered(): number | undefined {
  try {
    return positiveInt(window.sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

function remember(id: number): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, String(id));
  } catch {
    // No storage (private mode): the address still carries the choice.
  }
}

/** The plan id asked for by the address, else the one chosen last in this tab (outside React: the preloads). */
export function preferredPlanId(search: string = window.location.search): number | undefined {
  return positiveInt(new URLSearchParams(search).get('plan')) ?? remembered();
}

/** The plan to show: the one asked for when it exists, else the current plan, else the first. */
export function pickPlan(plans: readonly PlanListItem[], id: number | undefined): PlanListItem | null {
  return plans.find((p) => p.id === id) ?? plans.find((p) => p.current) ?? plans[0] ?? null;
}

/** The chosen plan (null while the list loads or when none is imported), every plan, and the list's query. */
export function useChosenPlan() {
  const [params] = useSearchParams();
  const query = $api.useQuery('get', '/api/plan/plans');
  const id = positiveInt(params.get('plan')) ?? remembered();
  return { plan: query.data ? pickPlan(query.data, id) : null, plans: query.data ?? [], query };
}

/** Chooses a plan: `?plan=ID` in the address (other filters kept, back to page 1) and remembered in this tab. */
export function useChoosePlan(): (id: number) => void {
  const [, setParams] = useSearchParams();
  return (id: number) => {
    remember(id);
    const p = new URLSearchParams(window.location.search);
    p.set('plan', String(id));
    p.delete('page');
    setParams(p);
  };
}

/** The label of a plan in the picker: the 文号 first (it tells the plans apart on a phone too), then the title. */
export const planLabel = (p: PlanListItem) => `${p.doc_number}${p.current ? '（当前）' : ''} · ${p.title}`;

/** The picker itself (shown only when there is a choice). */
export function PlanPicker() {
  const { plan, plans } = useChosenPlan();
  const choose = useChoosePlan();
  if (plans.length < 2 || !plan) return null;
  return (
    <Space wrap size={8} style={{ width: '100%', marginBottom: 12 }} className="no-print" data-testid="plan-bar">
      <Typography.Text type="secondary">实施方案</Typography.Text>
      <Select
        data-testid="plan-picker"
        aria-label="选择实施方案"
        style={{ width: 520, maxWidth: 'calc(100vw - 120px)' }}
        value={plan.id}
        onChange={choose}
        options={plans.map((p) => ({ value: p.id, label: planLabel(p) }))}
      />
    </Space>
  );
}

/** The pages that show one plan's content (their details — a task, an order, a measure — belong to one plan). */
const PLAN_PAGES = new Set([
  '/plan',
  '/ledger',
  '/ledger/todo',
  '/ledger/leader',
  '/ledger/queue',
  '/ledger/dashboard',
  '/ledger/reviews',
  '/ledger/orders',
  '/ledger/bulletins',
  '/ledger/assessment',
]);

/** The shell's plan bar: the picker above the pages of `PLAN_PAGES` (the plan page for everyone, the ledger's once logged in). */
export function PlanBar() {
  const { pathname } = useLocation();
  const { user } = useSession();
  const path = pathname.replace(/\/+$/, '') || '/';
  if (!PLAN_PAGES.has(path) || (path !== '/plan' && !user)) return null;
  return <PlanPicker />;
}
