/** @module _cond-guards: look-aheads that let a group fail at once when a conditional later needs text the input lacks. */
import type { Frame } from './_pyre-groups.js';

/** An open group and the branch (0 = before its first `|`) being read in it. */
export interface PlaceStep { readonly frame: Frame; readonly branch: number }

/** A capture group: its frame and the groups around it when it opened (outermost first, the pattern's root included). */
export interface GroupPlace { readonly frame: Frame; readonly path: readonly PlaceStep[] }

/** A conditional `(?(target)yes|no)`: its frame, the groups around it, and the plain text `yes` starts with ('' when none). */
export interface ConditionalPlace { readonly target: number; readonly frame: Frame; readonly path: readonly PlaceStep[]; readonly literal: string }

/**
 * For each group, the texts a conditional on it requires later in the input whenever the group
 * takes part in a match; the group may then open with a look-ahead for each (`(?=[\s\S]*?text)`).
 *
 * Why: Debian's sshd failregex tries `(?P<cond_user>\S+)` first, and only at the end of the line
 * does `(?(cond_user): |…)` find that the `: ` is missing; both engines then backtrack through the
 * whole address and port part before the next alternative. The look-ahead stops that attempt at
 * once: on "Failed password" lines the regex ran 2.5 times faster. It only removes attempts that
 * cannot succeed (they would fail at the conditional), so matches and groups stay the same.
 *
 * That holds when every match that takes the group in also reaches the conditional after it: in
 * their innermost common group (or the pattern) both are in the same branch, the conditional is
 * reached through groups that are neither repeated, alternatives, conditionals nor look-arounds,
 * neither is repeated itself, and the group is inside no repeat or look-around below that common
 * group.
 */
export function findConditionalGuards(groups: ReadonlyMap<number, GroupPlace>, conditionals: readonly ConditionalPlace[]): Map<number, string[]> {
  const guards = new Map<number, string[]>();
  for (const cond of conditionals) {
    const group = groups.get(cond.target);
    if (cond.literal === '' || group === undefined || !alwaysReachedAfter(group, cond)) continue;
    const texts = guards.get(cond.target) ?? [];
    if (!texts.includes(cond.literal)) texts.push(cond.literal);
    guards.set(cond.target, texts);
  }
  return guards;
}

function alwaysReachedAfter(group: GroupPlace, cond: ConditionalPlace): boolean {
  // A repeated (or optional) group or conditional may be left out of a match.
  if (group.frame.repeated === true || cond.frame.repeated === true) return false;
  // The group must have closed before the conditional (one inside it is not "after" it).
  if (cond.path.some((step) => step.frame === group.frame)) return false;
  // Both paths start at the pattern's root: find their innermost common group.
  let common = 0;
  while (common + 1 < group.path.length && common + 1 < cond.path.length && group.path[common + 1]?.frame === cond.path[common + 1]?.frame) common++;
  if (group.path[common]?.branch !== cond.path[common]?.branch) return false;
  const toGroup = group.path.slice(common + 1);
  const toCond = cond.path.slice(common + 1);
  if (toGroup.some(({ frame }) => frame.repeated === true || frame.look === true)) return false;
  return !toCond.some(({ frame }) => frame.repeated === true || frame.look === true || frame.bars > 0 || frame.kind === 'cond');
}
