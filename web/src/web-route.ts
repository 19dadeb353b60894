import type { ReactNode } from 'react';
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
  menu?: { label: string; icon: ReactNode; roles?: Role[] };
  roles?: Role[];
  /** The page's name in 无权访问 and 请先登录 (default: the menu label). */
  title?: string;
}
