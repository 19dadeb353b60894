/**
 * Who did something, as a person reads it. Audit entries and "by" columns store the actor as recorded: an
 * account name, or an internal code for work not done by a logged-in person. Pages show the person's name
 * (`actorNames` in read-api.ts) or, for internal codes, one of these labels; never the code itself.
 */

/**
 * The label of an actor that is not an account: `system` (the server's own work: bootstrap, sweeps, scheduled
 * jobs), `cli:<os user>` (a `bizenv` command), `demo`/`demo seed …` (demo data), `token:unit<id>` (a unit's
 * upload token), `anonymous` (a request filed without an account). Null for anything else (an account name, resolved by `actorNames`).
 *
 * @example internalActorLabel('cli:unknown') // '系统管理员（命令行）'
 */
export function internalActorLabel(actor: string): string | null {
  if (actor === 'system' || actor.startsWith('system:') || actor.startsWith('job:')) return '系统（自动）';
  if (actor.startsWith('cli:')) return '系统管理员（命令行）';
  if (actor === 'demo' || actor.startsWith('demo ') || actor.startsWith('demo:')) return '演示数据';
  if (actor.startsWith('token:')) return '单位数据接口';
  if (actor === 'anonymous') return '群众（免登录提交）';
  return null;
}

/** Shown for an account name that matches no account (e.g. from an older database). */
export const UNKNOWN_ACTOR = '其他用户';
