/**
 * Each editor's colour, derived from their user id so that everyone sees the same person in the same
 * colour on every screen. Colours are applied as classes (`caret-c<n>`), never as inline styles,
 * which the app's Content-Security-Policy forbids.
 */

/** Dark enough for white label text on them (contrast ≥ 4.5:1), distinct enough side by side. */
export const CARET_COLORS = [
  '#b3261e',
  '#1d5fa8',
  '#1e6b3a',
  '#7b3fb0',
  '#a14f00',
  '#006d7d',
  '#b0175a',
  '#4a56b0',
  '#5b6a00',
  '#6d4c41',
] as const;

/** A stable index into `CARET_COLORS` for a user id (FNV-1a). */
export function colorIndex(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % CARET_COLORS.length;
}

/** The colour of a user, as a hex string (what the awareness state carries). */
export function colorOf(id: string): string {
  return CARET_COLORS[colorIndex(id)]!;
}

/** The class that paints something in a user's colour. */
export function colorClass(id: string): string {
  return `caret-c${colorIndex(id)}`;
}
