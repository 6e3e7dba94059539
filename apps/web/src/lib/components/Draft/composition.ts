/**
 * Keeps what an input method is composing (the pinyin of 资 while it is still "zi") out of the shared
 * draft, and others' edits out of the composing text (issue 14).
 *
 * ProseMirror puts the composing text into its document as the browser shows it, and the Yjs binding
 * (`@tiptap/y-tiptap`) sends every change at once, pinyin included. A remote update is drawn by
 * replacing the whole document; when someone types in the very text node being composed, ProseMirror
 * can no longer find the composing text in it and redraws the node, the browser loses its composition
 * and commits what it had, and the input method's next step starts a new one: "XYZzzi资jjijin金".
 *
 * So while a composition lasts, nothing goes either way: the local composing text is not sent, and
 * remote updates are applied to the Yjs document only. When it ends, the editor shows the Yjs document
 * (everyone else's edits) and applies the composition's result once more as one local change, placed
 * by Yjs relative positions taken when it began: only the committed characters are ever sent.
 */
import { Extension } from '@tiptap/core';
import type { Node, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
  type ProsemirrorBinding,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/** A range of document positions. */
export interface Range {
  from: number;
  to: number;
}

/** What a composition did to the document it started from: replace `from`–`to` with `slice`. */
export interface CompositionChange extends Range {
  slice: Slice;
}

/**
 * The difference between the document when a composition began (`base`) and when it ended, as one
 * replacement in `base` that covers the selection it began at (where the input method wrote; a diff
 * alone may put text that repeats its neighbours a little off it). Null when nothing changed.
 */
export function compositionChange(base: Node, now: Node, selection: Range): CompositionChange | null {
  const start = base.content.findDiffStart(now.content);
  const end = base.content.findDiffEnd(now.content);
  if (start === null || end === null) return null;
  // The two ends overlap when the text repeats around the change ("ab" → "abb"): push the end on.
  const overlap = start - Math.min(end.a, end.b);
  const endA = overlap > 0 ? end.a + overlap : end.a;
  // Outside from–to the two documents are equal, shifted by the change in size after it.
  const from = Math.min(start, selection.from);
  const to = Math.max(endA, selection.to);
  return { from, to, slice: now.slice(from, to + now.content.size - base.content.size) };
}

/**
 * Where `change` goes in the document after others' edits, given where the ends of the selection it
 * began at are now (`moved`, from Yjs relative positions; null when they cannot be found).
 */
export function placeChange(change: CompositionChange, selection: Range, moved: Range | null, size: number): Range {
  const clamp = (pos: number) => Math.min(Math.max(pos, 0), size);
  if (!moved) return { from: clamp(change.from), to: clamp(Math.max(change.from, change.to)) };
  const from = clamp(moved.from - (selection.from - change.from));
  return { from, to: Math.max(from, clamp(moved.to + (change.to - selection.to))) };
}

/** A composition under way: the document and selection it began with, and whether others wrote since. */
interface Held {
  base: Node;
  selection: Range;
  /** The selection's ends as Yjs relative positions, to find them again after others' edits. */
  anchors: { from: Y.RelativePosition; to: Y.RelativePosition };
  remote: boolean;
}

type Observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => void;

/**
 * Holds the binding between an editor and its Yjs fragment while the editor composes. It takes the
 * binding's two ways in: the Yjs observer that redraws the editor (`_observeFunction`, registered on
 * the fragment) and the method that writes the editor's document to Yjs (`_prosemirrorChanged`).
 */
class CompositionHold {
  readonly #view: EditorView;
  readonly #binding: ProsemirrorBinding;
  readonly #observe: Observer;
  readonly #write: ProsemirrorBinding['_prosemirrorChanged'];
  #held: Held | null = null;
  #releasing: ReturnType<typeof setTimeout> | undefined;

  constructor(view: EditorView, binding: ProsemirrorBinding) {
    this.#view = view;
    this.#binding = binding;
    this.#observe = binding._observeFunction as Observer;
    this.#write = binding._prosemirrorChanged;
    this.#swapObserver((events, transaction) => this.#remoteChanged(events, transaction));
    binding._prosemirrorChanged = (doc) => this.#localChanged(doc);
    view.dom.addEventListener('compositionstart', this.#start);
    view.dom.addEventListener('compositionupdate', this.#update);
    view.dom.addEventListener('compositionend', this.#scheduleRelease);
  }

  destroy(): void {
    clearTimeout(this.#releasing);
    this.#held = null;
    this.#view.dom.removeEventListener('compositionstart', this.#start);
    this.#view.dom.removeEventListener('compositionupdate', this.#update);
    this.#view.dom.removeEventListener('compositionend', this.#scheduleRelease);
    this.#swapObserver(this.#observe);
    this.#binding._prosemirrorChanged = this.#write;
  }

  /** Replaces the binding's Yjs observer, registered already if the binding's view is up. */
  #swapObserver(next: Observer): void {
    const binding = this.#binding;
    const live = binding.prosemirrorView != null;
    if (live) binding.type.unobserveDeep(binding._observeFunction as Observer);
    binding._observeFunction = next;
    if (live) binding.type.observeDeep(next);
  }

  /**
   * A composition begins. These listeners run after ProseMirror's own, which has just read any
   * pending input, so the document is still the one Yjs holds (or it is, once the composition before,
   * if not let go yet, is).
   */
  #start = (): void => {
    this.#release();
    this.#begin();
  };

  /** A composition goes on; it began unseen if nothing is held. */
  #update = (): void => {
    if (!this.#held) this.#begin();
  };

  #begin(): void {
    const { doc, selection } = this.#view.state;
    const { type, mapping } = this.#binding;
    const anchor = (pos: number) => absolutePositionToRelativePosition(pos, type, mapping) as Y.RelativePosition;
    this.#held = {
      base: doc,
      selection: { from: selection.from, to: selection.to },
      anchors: { from: anchor(selection.from), to: anchor(selection.to) },
      remote: false,
    };
  }

  #localChanged(doc: Node): void {
    if (!this.#held) return this.#write.call(this.#binding, doc);
    if (!this.#view.composing) this.#scheduleRelease();
  }

  #remoteChanged(events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void {
    if (!this.#held) return this.#observe(events, transaction);
    this.#held.remote = true;
    if (!this.#view.composing) this.#scheduleRelease();
  }

  /**
   * After the composition ends, once ProseMirror has read the committed text (it does so in a
   * microtask after `compositionend`); never from inside a dispatch, where the binding calls us.
   */
  #scheduleRelease = (): void => {
    if (!this.#held || this.#releasing !== undefined) return;
    this.#releasing = setTimeout(() => {
      this.#releasing = undefined;
      if (!this.#view.composing) this.#release();
    });
  };

  /** Lets the binding go on: the others' edits into the editor, then the composition's result to Yjs. */
  #release(): void {
    const held = this.#held;
    clearTimeout(this.#releasing);
    this.#releasing = undefined;
    this.#held = null;
    if (!held) return;
    const view = this.#view;
    const change = compositionChange(held.base, view.state.doc, held.selection);
    if (!held.remote) {
      // Nobody else wrote: the binding sends the document as it is, on the next update.
      if (change) view.dispatch(view.state.tr);
      return;
    }
    // What Yjs holds: the others' edits, without the composition.
    this.#binding._forceRerender();
    const moved = this.#resolve(held.anchors);
    const tr = view.state.tr;
    const size = tr.doc.content.size;
    if (!change) {
      if (moved) tr.setSelection(TextSelection.between(tr.doc.resolve(moved.from), tr.doc.resolve(moved.to)));
      view.dispatch(tr);
      return;
    }
    const range = placeChange(change, held.selection, moved, size);
    try {
      tr.replace(range.from, range.to, change.slice);
    } catch {
      tr.insertText(change.slice.content.textBetween(0, change.slice.content.size), range.from, range.to);
    }
    view.dispatch(tr.setSelection(TextSelection.near(tr.doc.resolve(tr.mapping.map(range.to)))).scrollIntoView());
  }

  #resolve(anchors: Held['anchors']): Range | null {
    const { doc, type, mapping } = this.#binding;
    const from = relativePositionToAbsolutePosition(doc, type, anchors.from, mapping);
    const to = relativePositionToAbsolutePosition(doc, type, anchors.to, mapping);
    if (from === null || to === null) return null;
    const size = this.#view.state.doc.content.size;
    const clamp = (pos: number) => Math.min(Math.max(pos, 0), size);
    return { from: clamp(Math.min(from, to)), to: clamp(Math.max(from, to)) };
  }
}

/**
 * Whether the binding has the members the hold takes over (those of y-tiptap 3.0, pinned in
 * package.json; e2e/ime.spec.ts fails if they stop working): without them the editor goes unguarded.
 */
function holdable(binding: ProsemirrorBinding | undefined): binding is ProsemirrorBinding {
  return (
    typeof binding?._observeFunction === 'function' &&
    typeof binding._prosemirrorChanged === 'function' &&
    typeof binding._forceRerender === 'function'
  );
}

/** Holds the Yjs binding of `Collaboration` while an input method composes (see above). */
export const CompositionGuard = Extension.create({
  name: 'compositionGuard',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('compositionGuard'),
        view: (view) => {
          const binding = (ySyncPluginKey.getState(view.state) as { binding?: ProsemirrorBinding } | undefined)
            ?.binding;
          const hold = holdable(binding) ? new CompositionHold(view, binding) : null;
          return { destroy: () => hold?.destroy() };
        },
      }),
    ];
  },
});
