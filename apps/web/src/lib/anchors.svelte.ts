/**
 * Places on a page that another page links to by its address's fragment: a speech in a meeting's
 * speech log, a research report on its topic's page (what a case's citations point at).
 */
import { page } from '$app/state';
import type { Attachment } from 'svelte/attachments';

/** The id of a speech's row in its meeting's speech log. */
export const speechAnchor = (speechId: string) => `speech-${speechId}`;

/** The id of a research report's heading on its topic's page. */
export const reportAnchor = (reportId: string) => `report-${reportId}`;

/** Whether the page's address points at the element with this id. */
export const isTargeted = (id: string) => page.url.hash === `#${id}`;

/**
 * Brings the element into view when the page's address points at it. The browser scrolls to a
 * fragment only as the page loads, before a log or a topic fetched afterwards has drawn its rows.
 */
export function revealWhenTargeted(id: string): Attachment<HTMLElement> {
  return (element) => {
    if (isTargeted(id)) element.scrollIntoView({ block: 'center' });
  };
}
