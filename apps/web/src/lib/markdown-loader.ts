/**
 * The Markdown renderer (markdown-it, about 40 KiB compressed) loaded on first use, so that pages
 * with no Markdown on them never download it. Once loaded it is kept, and later renders are immediate.
 */
import type * as Markdown from './markdown';

type Renderer = typeof Markdown;

let loaded: Renderer | undefined;
let loading: Promise<Renderer> | undefined;

/** The renderer if it has been loaded already, so that a component can draw at once. */
export function markdownRenderer(): Renderer | undefined {
  return loaded;
}

/** Loads the renderer (once, however many components ask). */
export function loadMarkdownRenderer(): Promise<Renderer> {
  loading ??= import('./markdown').then((module) => (loaded = module));
  return loading;
}
