/**
 * Whether the chair's single-key shortcuts (N, F, P) act. A single key can be pressed by mistake,
 * or sent by speech input, so WCAG 2.1.4 asks for a way to turn them off; the choice is
 * remembered in this browser.
 */
const STORAGE_KEY = 'yishi.shortcuts';

class Shortcuts {
  #enabled = $state(true);

  constructor() {
    try {
      this.#enabled = typeof window === 'undefined' || window.localStorage.getItem(STORAGE_KEY) !== 'off';
    } catch {
      // Storage can be disabled: the shortcuts are on.
    }
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  set enabled(on: boolean) {
    this.#enabled = on;
    try {
      window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // Not remembered; still switched for this visit.
    }
  }
}

/** The chair's shortcuts in this tab. */
export const shortcuts = new Shortcuts();
