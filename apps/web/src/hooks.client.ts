import type { HandleClientError } from '@sveltejs/kit';
import { ApiError, NetworkError } from '$lib/api-errors';

/** Keeps only the code of an error that reached the error page; `+error.svelte` words it. */
export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status === 404 && !(error instanceof ApiError)) return { message }; // no such page
  if (error instanceof NetworkError) return { message, code: 'NETWORK' };
  if (error instanceof ApiError) return { message, code: error.code };
  console.error(error);
  return { message, code: 'INTERNAL' };
};
