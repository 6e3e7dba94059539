import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { session } from './state/session.svelte';

/**
 * For the `load` of pages for signed-in users: first run goes to setup, nobody signed in goes to
 * sign-in.
 */
export async function requireSignIn(): Promise<void> {
  await session.load();
  if (session.setupNeeded) redirect(307, resolve('/setup'));
  if (!session.user) redirect(307, resolve('/login'));
}
