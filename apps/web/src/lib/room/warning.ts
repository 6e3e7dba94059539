/**
 * When the 30-second warning sounds: once per turn, as its clock crosses into the last 30 seconds
 * while this screen watches. A screen that comes in during the warning stays quiet, and time added
 * after the warning does not make it sound again.
 */
import type { ClockPhase } from './queue';

export class WarningWatch {
  /** Turns seen running before their warning. */
  #seen = new Set<string>();
  #sounded = new Set<string>();

  /** Reports turn `entryId`'s phase; true when the warning should sound now. */
  observe(entryId: string, phase: ClockPhase): boolean {
    if (phase === 'running') {
      this.#seen.add(entryId);
      return false;
    }
    if (phase !== 'warning' || !this.#seen.has(entryId) || this.#sounded.has(entryId)) return false;
    this.#sounded.add(entryId);
    return true;
  }
}
