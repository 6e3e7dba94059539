/**
 * Where keyboard focus goes when the waiting list changes under it: a grant, a removal or a move,
 * by this chair or anyone else, takes the focused control out of the page, and the browser would
 * drop focus to the page's start. Pure.
 */

/** The control of a waiting entry that had focus. */
export interface FocusedControl {
  entryId: string;
  /** Which of the entry's buttons (`grant`, `up`, `down`, `remove`, ...). */
  control: string;
}

/**
 * The control to focus after the list went from `before` to `after` (entry ids in order) while
 * `focused` had focus: the same control if its entry is still waiting (it moved); else the grant
 * button of the entry now in its place, or of the last one if it was at the end; null when
 * nobody waits (focus goes outside the list).
 */
export function focusAfterChange(
  before: readonly string[],
  after: readonly string[],
  focused: FocusedControl,
): FocusedControl | null {
  if (after.includes(focused.entryId)) return focused;
  if (after.length === 0) return null;
  const place = before.indexOf(focused.entryId);
  const index = Math.min(Math.max(place, 0), after.length - 1);
  return { entryId: after[index]!, control: 'grant' };
}
