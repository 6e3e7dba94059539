/**
 * Provenance of the draft's paragraphs: a `source` attribute on paragraphs and headings
 * (`speech:<id>` or `research:<id>`, stored in the Yjs document with the node and rendered as
 * `data-source`), and a note under each such paragraph naming the speech or report it comes from.
 */
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

/** How a source is shown: a prefix ("出处"), the speech or report, and where to read it. */
export interface SourceDescription {
  prefix: string;
  text: string;
  href: string | null;
}

export interface ProvenanceOptions {
  /** Describes a `source` value in the reader's language; the notes follow it after `refreshProvenance`. */
  describe: (source: string) => SourceDescription;
}

/** The node types that can carry a source. */
export const SOURCE_NODE_TYPES = ['paragraph', 'heading'] as const;

const provenanceKey = new PluginKey<DecorationSet>('provenance');

function note(description: SourceDescription): HTMLElement {
  const element = document.createElement('div');
  element.className = 'draft-source';
  element.contentEditable = 'false';
  const prefix = document.createElement('span');
  prefix.className = 'draft-source-prefix';
  prefix.textContent = `${description.prefix} `;
  element.append(prefix);
  if (description.href) {
    const link = document.createElement('a');
    link.href = description.href;
    link.textContent = description.text;
    element.append(link);
  } else {
    element.append(document.createTextNode(description.text));
  }
  return element;
}

function notes(doc: PmNode, describe: ProvenanceOptions['describe']): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    const source: unknown = node.attrs.source;
    if (typeof source === 'string' && source !== '') {
      const description = describe(source);
      decorations.push(
        Decoration.widget(pos + node.nodeSize, () => note(description), {
          side: -1,
          ignoreSelection: true,
          key: `${source}|${description.prefix}|${description.text}|${description.href ?? ''}`,
        }),
      );
    }
    return node.isBlock && !node.isTextblock;
  });
  return DecorationSet.create(doc, decorations);
}

export const Provenance = Extension.create<ProvenanceOptions>({
  name: 'provenance',

  addOptions() {
    return { describe: (source: string) => ({ prefix: '', text: source, href: null }) };
  },

  addGlobalAttributes() {
    return [
      {
        types: [...SOURCE_NODE_TYPES],
        attributes: {
          source: {
            default: null,
            // A new paragraph split off a sourced one does not come from the same place.
            keepOnSplit: false,
            parseHTML: (element: HTMLElement) => element.getAttribute('data-source'),
            renderHTML: (attributes: Record<string, unknown>) =>
              typeof attributes.source === 'string' && attributes.source !== ''
                ? { 'data-source': attributes.source }
                : {},
          },
        },
      },
    ];
  },

  addProseMirrorPlugins() {
    const describe = (source: string) => this.options.describe(source);
    return [
      new Plugin<DecorationSet>({
        key: provenanceKey,
        state: {
          init: (_, state) => notes(state.doc, describe),
          apply: (tr, old) => (tr.docChanged || tr.getMeta(provenanceKey) ? notes(tr.doc, describe) : old),
        },
        props: {
          decorations: (state) => provenanceKey.getState(state),
        },
      }),
    ];
  },
});

/** Redraws the notes, e.g. once the speech logs they name have loaded, or the language changed. */
export function refreshProvenance(view: EditorView): void {
  view.dispatch(view.state.tr.setMeta(provenanceKey, true).setMeta('addToHistory', false));
}
