import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { session } from '$lib/state/session.svelte';
import type { LayoutLoad } from './$types';

/** Pages for signed-in users: first run goes to setup, nobody signed in goes to sign-in. */
export const load: LayoutLoad = async () => {
  await session.load();
  if (session.setupNeeded) redirect(307, resolve('/setup'));
  if (!session.user) redirect(307, resolve('/login'));
};
