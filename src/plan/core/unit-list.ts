/** Unit lists as plans write them (the directory itself is src/units). */

/** Trailing phrases that mean "and the other relevant departments": kept as a flag, not a unit. */
const RELATED_SUFFIX = /(?:等(?:相关|有关|其他)?(?:部门|单位)(?:按职责分工负责)?|等)$/;

/** Splits a unit list ("区财政局、区科技局等相关部门") into names and the 等相关部门 flag. */
export function splitUnitList(raw: string): { names: string[]; related: boolean } {
  let related = false;
  const names: string[] = [];
  const parts = raw
    .split(/[、，,；;/]/)
    .map((s) => s.trim().replace(/[。.]$/, ''))
    .filter(Boolean);
  parts.forEach((p, i) => {
    let name = p;
    if (i === parts.length - 1 && RELATED_SUFFIX.test(name)) {
      name = name.replace(RELATED_SUFFIX, '');
      related = true;
    }
    if (name) names.push(name);
  });
  return { names, related };
}
