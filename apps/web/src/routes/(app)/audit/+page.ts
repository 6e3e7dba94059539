import { i18n } from '$lib/i18n/i18n.svelte';
import type { PageLoad } from './$types';

/** The audit log's messages come with it (lib/i18n/messages/index.ts, lazyMessages). */
export const load: PageLoad = async () => {
  await i18n.load('audit');
};
