import { type ComponentType, lazy, type LazyExoticComponent, type ReactNode } from 'react';
import type { Role } from '../../src/auth/roles.js';

/**
 * A page of the web front end, with its menu entry (and the roles that see it) if it has one. `roles`: who may
 * open the page (undefined: everyone, visitors too); the shell shows 请先登录 to a visitor and 无权访问 (naming
 * `title`, or the menu label, and these roles) to anyone else. The menu shows the entry to `menu.roles`, or else
 * to `roles`.
 */
export interface WebRoute {
  path: string;
  element: ReactNode;
  /** `unit`: unit staff see the entry only when they belong to this unit (e.g. 区金融办); other roles as `roles`. */
  menu?: { label: string; icon: ReactNode; roles?: Role[]; unit?: string };
  roles?: Role[];
  /** The page's name in 无权访问 and 请先登录 (default: the menu label). */
  title?: string;
}

/**
 * A page loaded on first use (its own chunk, fetched when the route is opened; the shell's one
 * Suspense shows a spinner meanwhile), from a module that exports it by name:
 * `const PlanPage = lazyPage(() => import('./plan-page.js'), 'PlanPage')`.
 */
export function lazyPage<K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
