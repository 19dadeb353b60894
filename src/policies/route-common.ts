import { Type } from '@sinclair/typebox';
import { STAFF_ROLES, type SessionUser } from '../auth/index.js';

export const tags = ['policies'];
export { POLICY_EDITORS as EDIT, POLICY_PUBLISHERS as PUBLISH } from './core/access.js';
export const isStaff = (user: SessionUser | null): boolean => !!user && STAFF_ROLES.includes(user.role);

/** A file download (the reply is the file's bytes, not JSON). */
export const FileDownload = (description: string) => Type.Unsafe<Buffer>(Type.String({ format: 'binary', description }));
