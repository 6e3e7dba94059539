/** How the departments' forms word the server's refusals. */
import { tick } from 'svelte';
import { ApiError } from '$lib/api';
import { fieldError } from '$lib/errors';
import { t } from '$lib/i18n/i18n.svelte';

/** The server's CONFLICT for a name another department of the organisation has (details `{ field: 'name' }`). */
function isNameTaken(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return false;
  const details = error.details as { field?: unknown } | null | undefined;
  return details?.field === 'name';
}

/**
 * What is wrong with the field at `path` according to the server: a department name already taken,
 * or a VALIDATION issue on that field; undefined when the error is about something else.
 */
export function departmentFieldError(error: unknown, path: string): string | undefined {
  if (path === 'name' && isNameTaken(error)) return t('departments.nameTaken');
  return fieldError(error, path);
}

/** Moves the focus to the field `id` once it shows its error, so that the error is read out with it. */
export function focusField(id: string): void {
  void tick().then(() => document.getElementById(id)?.focus());
}
