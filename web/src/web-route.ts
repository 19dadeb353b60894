import type { ReactNode } from 'react';
import type { Role } from '../../src/auth/roles.js';

/** A page of the web front end, with its menu entry (and the roles that see it) if it has one. */
export interface WebRoute {
  path: string;
  element: ReactNode;
  menu?: { label: string; icon: ReactNode; roles?: Role[] };
}
