/**
 * People and a meeting room for the queue's tests. Kept out of the build (tsconfig excludes
 * src/test): the server builds actors from its sessions, never from these.
 */
import { expect } from 'vitest';
import { apply } from '../apply.js';
import { createQueue } from '../state.js';
import type { QueueSettingsInput } from '../state.js';
import type {
  Entry,
  PersonRef,
  QueueActor,
  QueueCommand,
  QueueError,
  QueueEvent,
  QueueResult,
  QueueRole,
  QueueState,
  RaisableKind,
} from '../types.js';

/** 2025-03-01 09:00 UTC, when every test meeting starts. */
export const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

const person = (userId: string, displayName: string, role: QueueRole, sector: string | null = null): QueueActor => ({
  userId,
  displayName,
  role,
  sector,
});

export const chair = person('u-chair', '主席', 'chair');
export const secretariat = person('u-sec', '秘书处', 'secretariat');
export const zhang = person('u-zhang', '张三', 'member', '经济界');
export const li = person('u-li', '李四', 'member', '教育界');
export const wang = person('u-wang', '王五', 'member', '经济界');
export const zhao = person('u-zhao', '赵六', 'member', '农业界');
export const director = person('u-director', '陈局长', 'official');
export const deputy = person('u-deputy', '刘处长', 'official');
export const observer = person('u-press', '记者', 'observer');

export const ref = (actor: QueueActor): PersonRef => ({ userId: actor.userId, displayName: actor.displayName });

/** The same person acting in another role (roles are the server's mapping, not the person's). */
export const as = (actor: QueueActor, role: QueueRole): QueueActor => ({ ...actor, role });

/**
 * A meeting in a test: the queue, a clock that only moves when told, and ids e1, e2, … Every command
 * is checked to leave its input untouched and to move the version by exactly one, or not at all.
 */
export class Room {
  state: QueueState;
  now = T0;
  private ids = 0;

  constructor(settings: QueueSettingsInput = {}) {
    this.state = createQueue(settings);
  }

  /** Lets `seconds` pass. */
  wait(seconds: number): this {
    this.now += seconds * 1000;
    return this;
  }

  attempt(actor: QueueActor, command: QueueCommand): QueueResult {
    const before = structuredClone(this.state);
    const result = apply(this.state, command, { now: this.now, newId: () => `e${++this.ids}`, actor });
    expect(this.state, 'apply never changes its input').toEqual(before);
    if (result.ok) {
      expect(result.state.version).toBe(before.version + 1);
      this.state = result.state;
    }
    return result;
  }

  /** Runs a command that must succeed; answers its events. */
  run(actor: QueueActor, command: QueueCommand): QueueEvent[] {
    const result = this.attempt(actor, command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
    return result.events;
  }

  /** Runs a command that must be refused; answers the error. */
  refused(actor: QueueActor, command: QueueCommand): QueueError {
    const result = this.attempt(actor, command);
    if (result.ok) throw new Error(`${command.type} was accepted`);
    return result.error;
  }

  /** `actor` raises `kind`; answers the entry added. */
  raise(actor: QueueActor, kind: RaisableKind, questionTo?: QueueActor): Entry {
    const events = this.run(actor, { type: 'raise', kind, ...(questionTo && { questionTo: ref(questionTo) }) });
    const added = events.find((e) => e.type === 'entry_added');
    if (added?.type !== 'entry_added') throw new Error('raise added no entry');
    return added.entry;
  }

  /** The chair gives the floor to `entry`. */
  grant(entry: Entry): QueueEvent[] {
    return this.run(chair, { type: 'grant', entryId: entry.id });
  }

  /** Who waits, in order, as "name:kind". */
  order(): string[] {
    return this.state.waiting.map((e) => `${e.displayName}:${e.kind}`);
  }

  /** The waiting entry of `actor` for `kind`. */
  entryOf(actor: PersonRef, kind: string): Entry {
    const entry = this.state.waiting.find((e) => e.userId === actor.userId && e.kind === kind);
    if (!entry) throw new Error(`${actor.displayName} does not wait for ${kind}`);
    return entry;
  }

  /** `actor` raises a speech, gets the floor at once and speaks for `seconds`, then the chair ends it. */
  speak(actor: QueueActor, seconds: number, kind: RaisableKind = 'speech', to?: QueueActor): this {
    this.grant(this.raise(actor, kind, to));
    this.wait(seconds);
    this.run(chair, { type: 'finish' });
    return this;
  }
}
