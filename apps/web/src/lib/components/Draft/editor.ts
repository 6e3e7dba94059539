/**
 * The outcome draft's Tiptap editor, bound to the shared Yjs document (`body` fragment) with the
 * other editors' carets. Tiptap's own stylesheet is not injected: a `<style>` element would break
 * the Content-Security-Policy (`style-src 'self'`); DraftEditor.svelte carries those rules instead.
 */
import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { StarterKit } from '@tiptap/starter-kit';
import { isAllowedHref } from '$lib/draft/links';
import type { SharedDoc } from '$lib/realtime/yjs.svelte';
import { renderCaret, renderSelection, type CaretUser } from './carets';
import { CompositionGuard } from './composition';
import { Provenance, type ProvenanceOptions } from './provenance';

export interface DraftEditorOptions {
  element: HTMLElement;
  shared: SharedDoc;
  /** Who this is, for the others' screens; `editing` says whether they may write. */
  user: CaretUser & { editing: boolean };
  editable: boolean;
  /** Attributes of the editable element (role, accessible name, read-only state). */
  attributes: Record<string, string>;
  describeSource: ProvenanceOptions['describe'];
}

export function createDraftEditor(options: DraftEditorOptions): Editor {
  return new Editor({
    element: options.element,
    editable: options.editable,
    injectCSS: false,
    editorProps: { attributes: options.attributes },
    extensions: [
      StarterKit.configure({
        // Collaboration brings its own undo, which only undoes one's own changes.
        undoRedo: false,
        heading: { levels: [2, 3] },
        // What the toolbar offers, and what the outcome document knows how to print.
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: 'https',
          isAllowedUri: (url) => isAllowedHref(url),
        },
      }),
      Collaboration.configure({ document: options.shared.doc, field: 'body' }),
      // Pinyin being composed stays out of the shared draft, and others' edits out of it (issue 14).
      CompositionGuard,
      CollaborationCaret.configure({
        // The carets need only the connection's awareness.
        provider: { awareness: options.shared.awareness },
        user: options.user,
        render: renderCaret,
        selectionRender: renderSelection,
      }),
      Provenance.configure({ describe: options.describeSource }),
    ],
  });
}
