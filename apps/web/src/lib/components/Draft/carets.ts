/**
 * How other editors' carets and selections look. Their colour comes from their user id and is
 * applied with classes (carets.css), since the Content-Security-Policy forbids style attributes.
 */
import type { DecorationAttrs } from '@tiptap/pm/view';
import { colorClass } from '$lib/draft/colors';
import './carets.css';

/** The user fields every client puts in its awareness state. */
export interface CaretUser {
  id: string;
  name: string;
  color: string;
}

function idOf(user: Record<string, unknown>): string {
  return typeof user.id === 'string' ? user.id : String(user.name ?? '');
}

/** A caret with its owner's name above it (the class names are Tiptap's own). */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = colorClass(idOf(user));
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret', colour);
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label', colour);
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

/** A selection highlighted in its owner's colour. */
export function renderSelection(user: Record<string, unknown>): DecorationAttrs {
  return { nodeName: 'span', class: `collaboration-carets__selection ${colorClass(idOf(user))}` };
}
