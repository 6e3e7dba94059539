import type { CommandProps } from '@tiptap/core';
import { createTable } from '@tiptap/extension-table';
import { TextSelection } from '@tiptap/pm/state';

/**
 * A command (`chain().command(insertTableBlock)`) that inserts a table — a header row and two rows,
 * three columns — as a block of the minutes themselves: after the block that holds the cursor, or in
 * place of it when that is an empty paragraph. Tiptap's own `insertTable` puts it where the cursor
 * is, inside a list item or a quote, where a table of the minutes never is (the documents would print
 * it indented in the list).
 */
export function insertTableBlock({ tr, dispatch, editor }: CommandProps): boolean {
  const { $from } = tr.selection;
  const block = $from.depth > 0 ? $from.node(1) : null;
  const empty = block?.type.name === 'paragraph' && block.content.size === 0;
  const at = !block ? $from.pos : empty ? $from.before(1) : $from.after(1);
  if (dispatch) {
    const table = createTable(editor.schema, 3, 3, true);
    if (empty) tr.replaceWith(at, $from.after(1), table);
    else tr.insert(at, table);
    // The cursor in the table's first cell.
    tr.setSelection(TextSelection.near(tr.doc.resolve(at + 1))).scrollIntoView();
  }
  return true;
}
