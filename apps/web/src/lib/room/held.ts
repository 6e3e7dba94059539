/**
 * Commands given while the room is offline. None is sent behind the user's back: each waits in
 * sight, with a way to cancel it, and goes out when the room is back only if it still means what
 * it meant when it was given. Otherwise it is dropped, and the room says so. Pure.
 */
import type { QueueView, SpeechKind } from '@yishi/protocol';
import type { MessageKey, MessageVars } from '../i18n/i18n.svelte';

/** The queue commands a user can give in the room. */
export type QueueAction =
  'raise' | 'withdraw' | 'grant' | 'next' | 'move' | 'remove' | 'finish' | 'pause' | 'resume' | 'extend';

/** How long a command waits for the connection before it is too old to send. */
export const HOLD_MS = 2 * 60_000;

/** The part of the queue a command depends on, as it was when the command was given. */
export interface QueueBasis {
  /** The entry of the turn on the floor, or null. */
  current: string | null;
  paused: boolean;
  /** The first waiting entry: whom "next" would call. */
  first: string | null;
  /** The waiting entry the command acts on, and its place then (0 = next). */
  entry: { id: string; index: number } | null;
}

/** A command waiting for the connection, as the room lists it. */
export interface HeldCommand {
  action: QueueAction;
  /** Epoch ms (this browser's clock). */
  madeAt: number;
  basis: QueueBasis;
  /** Who the command is about, for its label (the entry's or the speaker's name). */
  name: string | null;
  /** For `move`: the place asked for; for `extend`: the seconds; for `raise`: the kind. */
  detail: number | string | null;
}

/** Why a held command was not sent. */
export type Staleness = 'expired' | 'closed' | 'changed';

/** What `action` depends on in `view`, for a command on `entryId` (if it acts on an entry). */
export function basisOf(view: QueueView, entryId?: string): QueueBasis {
  const index = entryId === undefined ? -1 : view.waiting.findIndex((e) => e.id === entryId);
  return {
    current: view.current?.entryId ?? null,
    paused: view.current?.pausedAt != null,
    first: view.waiting[0]?.id ?? null,
    entry: entryId !== undefined && index >= 0 ? { id: entryId, index } : null,
  };
}

/**
 * Whether `held` may still be sent to the queue `view` at `now`, and if not, why: too old, the
 * meeting ended, or the part of the queue it depends on changed (a grant for someone no longer
 * waiting, a "next" after someone else already called the next speaker).
 */
export function staleness(held: HeldCommand, view: QueueView, now: number): Staleness | null {
  if (view.closed) return 'closed';
  if (now - held.madeAt > HOLD_MS) return 'expired';
  const then = held.basis;
  const nowBasis = basisOf(view, then.entry?.id);
  const sameTurn = nowBasis.current === then.current;
  const changed = ((): boolean => {
    switch (held.action) {
      case 'raise':
        return false;
      case 'withdraw':
      case 'grant':
      case 'remove':
        return nowBasis.entry === null;
      case 'move':
        return nowBasis.entry === null || nowBasis.entry.index !== then.entry?.index;
      case 'next':
        return !sameTurn || nowBasis.first !== then.first;
      case 'pause':
      case 'resume':
        return !sameTurn || nowBasis.paused !== then.paused;
      case 'finish':
      case 'extend':
        return !sameTurn;
    }
  })();
  return changed ? 'changed' : null;
}

/** Translates a message key (the room's `t`). */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** The words for a held command in the room's list, e.g. "准许发言：杨晓燕". */
export function heldLabel(held: HeldCommand, t: Translate): string {
  const name = held.name ?? '';
  switch (held.action) {
    case 'grant':
      return t('room.queue.grantFor', { name });
    case 'remove':
      return t('room.queue.removeFor', { name });
    case 'move': {
      const from = held.basis.entry?.index ?? 0;
      const to = typeof held.detail === 'number' ? held.detail : from;
      return t(to < from ? 'room.queue.upFor' : 'room.queue.downFor', { name });
    }
    case 'withdraw':
      return t('room.raise.withdraw');
    case 'raise':
      return t('room.offline.raise', { kind: t(`speechKinds.${held.detail as SpeechKind}`) });
    case 'extend':
      return t(held.detail === 60 ? 'room.controls.add60' : 'room.controls.add30');
    default:
      return t(`room.controls.${held.action}`);
  }
}
