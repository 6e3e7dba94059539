/**
 * The chair's keyboard shortcuts: N calls the next speaker, F finishes the turn, P pauses or resumes
 * the clock. They never act while the user is typing, nor with a modifier (browser shortcuts).
 */

export type Shortcut = 'next' | 'finish' | 'pauseResume';

/** The keys, as shown in the legend and declared with `aria-keyshortcuts`. */
export const shortcutKeys: Readonly<Record<Shortcut, string>> = { next: 'N', finish: 'F', pauseResume: 'P' };

/** The parts of a `KeyboardEvent` that decide. */
export interface KeyPress {
  key: string;
  repeat?: boolean;
  isComposing?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target: EventTarget | null;
}

const typingTags = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Whether key presses on `target` are text (a field, a select, an editable region). */
export function isTyping(target: EventTarget | null): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as { tagName?: unknown; isContentEditable?: unknown };
  return element.isContentEditable === true || (typeof element.tagName === 'string' && typingTags.has(element.tagName));
}

/** The shortcut a key press means, or null. */
export function shortcutOf(press: KeyPress): Shortcut | null {
  if (press.repeat || press.isComposing || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (isTyping(press.target)) return null;
  const key = press.key.toUpperCase();
  for (const [shortcut, k] of Object.entries(shortcutKeys) as [Shortcut, string][]) if (k === key) return shortcut;
  return null;
}
