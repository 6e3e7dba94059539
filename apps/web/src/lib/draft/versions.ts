/** How versions are named on screen. */

/**
 * The round of a final version, from the name the server gives it ("final (round 2)"), so that it
 * can be named in the reader's language; null when the name does not say.
 */
export function finalRound(name: string): number | null {
  const match = /round\s+(\d+)/i.exec(name);
  return match ? Number(match[1]) : null;
}
