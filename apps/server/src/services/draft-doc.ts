import * as Y from 'yjs';

/** The Yjs document name of a topic's outcome draft (docs/protocol.md). */
export const draftDocName = (topicId: string) => `draft:${topicId}`;

/** The Yjs document name of a meeting's agenda (docs/protocol.md). */
export const agendaDocName = (meetingId: string) => `agenda:${meetingId}`;

/** Whether a draft's `body` fragment holds any visible text. */
export function draftHasText(doc: Y.Doc): boolean {
  const hasText = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): boolean => {
    if (node instanceof Y.XmlText)
      return (
        node
          .toString()
          .replace(/<[^>]*>/g, '')
          .trim().length > 0
      );
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) return node.toArray().some(hasText);
    return false;
  };
  return hasText(doc.getXmlFragment('body'));
}
