import { i18n } from '$lib/i18n/i18n.svelte';
import type { LayoutLoad } from './$types';

/**
 * The report and bulletin pages' messages come with them (lib/i18n/messages/index.ts, lazyMessages),
 * with the proposals' for the categories, which both kinds of record share.
 */
export const load: LayoutLoad = async () => {
  await Promise.all([i18n.load('opinions'), i18n.load('proposals')]);
};
