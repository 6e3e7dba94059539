import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { session } from '$lib/state/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async () => {
  await session.load();
  if (session.setupNeeded) redirect(307, resolve('/setup'));
  if (session.user) redirect(307, resolve('/'));
};
