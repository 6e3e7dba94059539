import { z } from 'zod';

/**
 * A stored value that does not have the shape the server wrote: a bug, a hand edit, or data from a
 * version whose change of shape no migration upgraded. It names where, and reaches clients only as
 * INTERNAL.
 */
export class StoredDataError extends Error {
  constructor(where: string, cause: unknown) {
    super(`stored ${where} does not have the expected shape`, { cause });
    this.name = 'StoredDataError';
  }
}

/** Parses JSON kept in a text column with the schema of what was written there. */
export function readJson<T>(schema: z.ZodType<T>, text: string, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StoredDataError(where, err);
  }
  return readValue(schema, value, where);
}

/** Checks a stored value (an enum kept as text, a parsed document) against its schema. */
export function readValue<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredDataError(where, parsed.error);
  return parsed.data;
}

/** One of a fixed list of words kept as text (a stage, a role, a level). */
export function readEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  text: string,
  where: string,
): T[number] {
  return readValue(z.enum(values), text, where);
}
