/**
 * The short beep that marks a speaker's last 30 seconds (Web Audio, no sound file). Browsers let a
 * page make sound only after the user has interacted with it, so the audio context is made on the
 * first click or key press (`unlock`). Muting is remembered in this browser.
 */
const STORAGE_KEY = 'yishi.sound';

type AudioContextClass = typeof AudioContext;

class Chime {
  #muted = $state(false);
  #context: AudioContext | null = null;

  constructor() {
    try {
      this.#muted = typeof window !== 'undefined' && window.localStorage.getItem(STORAGE_KEY) === 'off';
    } catch {
      // Storage can be disabled: the sound is on.
    }
  }

  get muted(): boolean {
    return this.#muted;
  }

  toggle(): void {
    this.#muted = !this.#muted;
    try {
      window.localStorage.setItem(STORAGE_KEY, this.#muted ? 'off' : 'on');
    } catch {
      // Not remembered; still switched for this visit.
    }
  }

  /** Call from a user gesture: makes (or wakes) the audio context the beep needs. */
  unlock(): void {
    if (this.#context) {
      if (this.#context.state === 'suspended') void this.#context.resume();
      return;
    }
    const Context: AudioContextClass | undefined =
      window.AudioContext ?? (window as Window & { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
    if (Context) this.#context = new Context();
  }

  /** A 0.2 s tone, unless muted or no gesture has unlocked sound yet. */
  beep(): void {
    const context = this.#context;
    if (this.#muted || !context || context.state !== 'running') return;
    const start = context.currentTime;
    const tone = context.createOscillator();
    const volume = context.createGain();
    tone.type = 'sine';
    tone.frequency.value = 880;
    // A quick rise and fall, so the tone does not click on and off.
    volume.gain.setValueAtTime(0.0001, start);
    volume.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
    tone.connect(volume).connect(context.destination);
    tone.start(start);
    tone.stop(start + 0.22);
  }
}

/** The warning sound of this tab. */
export const chime = new Chime();
