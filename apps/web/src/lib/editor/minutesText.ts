/**
 * The minutes being edited: a Tiptap editor loaded from the stored Markdown, and the document it
 * was loaded from (the baseline), so that the page can tell unsaved changes, discard them, and take
 * new minutes from the server without losing what someone is typing. Not collaborative: the minutes
 * are saved whole, by PUT.
 */
import { Editor, type EditorOptions } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { minutesExtensions, serializeMinutes } from './minutesMarkdown';

export interface MinutesTextOptions {
  /** The stored minutes, in Markdown. */
  markdown: string;
  /** Where to show the editor; none for a headless one (tests). */
  element?: HTMLElement | null;
  /** Attributes of the editable element (id, role, accessible name). */
  attributes?: Record<string, string>;
  /** Called after every change of the document or the selection (for the toolbar and the dirty flag). */
  onchange?: () => void;
}

export class MinutesText {
  readonly editor: Editor;
  #baseline: ProseMirrorNode;

  constructor(options: MinutesTextOptions) {
    const editorOptions: Partial<EditorOptions> = {
      element: options.element ?? null,
      extensions: minutesExtensions(),
      // Empty minutes as an empty paragraph: Tiptap would read an empty string as HTML (no DOM headless).
      ...(options.markdown.trim() === ''
        ? { content: { type: 'doc', content: [{ type: 'paragraph' }] } }
        : { content: options.markdown, contentType: 'markdown' as const }),
      // Tiptap's stylesheet would be a <style> element, which the Content-Security-Policy refuses.
      injectCSS: false,
      editorProps: { attributes: options.attributes ?? {} },
    };
    this.editor = new Editor(editorOptions);
    this.#baseline = this.editor.state.doc;
    if (options.onchange) this.editor.on('transaction', options.onchange);
  }

  /** Whether the text differs from the minutes it was loaded from. */
  get dirty(): boolean {
    return !this.editor.state.doc.eq(this.#baseline);
  }

  /** The text as Markdown, as it is saved. */
  get markdown(): string {
    return this.editor.getMarkdown();
  }

  /**
   * New minutes from the server (after a save, a correction of the attendance, a language switch of
   * generated minutes): an unchanged text takes them; a changed one is kept, and is no longer
   * unsaved if it is what the server now holds (the answer to its own save).
   */
  stored(markdown: string): void {
    const next = this.#parse(markdown);
    const doc = this.editor.state.doc;
    if (doc.eq(this.#baseline)) {
      // Not a step to undo: undoing it would bring back minutes the server no longer holds.
      if (!doc.eq(next)) {
        this.editor.chain().setMeta('addToHistory', false).setContent(next.toJSON(), { emitUpdate: false }).run();
      }
      this.#baseline = this.editor.state.doc;
    } else if (doc.eq(next) || this.markdown.trim() === this.#markdownOf(next).trim()) {
      this.#baseline = doc;
    } else {
      this.#baseline = next;
    }
  }

  /** Discards the changes: back to the minutes as loaded. */
  revert(): void {
    this.editor.commands.setContent(this.#baseline.toJSON(), { emitUpdate: true });
    this.#baseline = this.editor.state.doc;
  }

  destroy(): void {
    this.editor.destroy();
  }

  #parse(markdown: string): ProseMirrorNode {
    const json = this.editor.markdown!.parse(markdown);
    // An empty text parses to no blocks: the document needs one paragraph.
    if (!json.content?.length) json.content = [{ type: 'paragraph' }];
    return this.editor.schema.nodeFromJSON(json);
  }

  #markdownOf(doc: ProseMirrorNode): string {
    return serializeMinutes(this.editor.markdown!, doc.toJSON());
  }
}
