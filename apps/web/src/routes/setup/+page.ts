import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { session } from '$lib/state/session.svelte';
import type { PageLoad } from './$types';

/** Setup happens once: afterwards this page sends people to sign in (or home, if they are). */
export const load: PageLoad = async () => {
  await session.load();
  if (!session.setupNeeded) redirect(307, resolve(session.user ? '/' : '/login'));
};
