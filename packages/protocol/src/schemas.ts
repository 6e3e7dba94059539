import { z } from 'zod';
import { OrgLevels, Roles } from './constants.js';
import { FieldLimits, PageLimits } from './limits.js';
import type { Member } from './models.js';

/** Most bodies are small; every string has an upper bound so that nothing unbounded reaches the store. */
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A login: letters of any script, digits and `. _ - @`, compared case-insensitively
 * (stored lower-cased), so that phone numbers, pinyin, e-mail addresses and 汉字 all work.
 */
export const loginSchema = z
  .string()
  .trim()
  .min(FieldLimits.member.loginMin)
  .max(FieldLimits.member.login)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits and . _ - @ only')
  .transform((s) => s.toLowerCase());

/**
 * The shape of a new password. Whether it is too easy to guess (a common password, only spaces) is
 * the server's check: it answers VALIDATION with the problem `weak_password` on the field.
 */
export const passwordSchema = z
  .string()
  .min(FieldLimits.member.passwordMin, `at least ${FieldLimits.member.passwordMin} characters`)
  .max(FieldLimits.member.password);

export const displayNameSchema = text(FieldLimits.member.displayName);

export const orgLevelSchema = z.enum(OrgLevels);
export const roleSchema = z.enum(Roles);

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** The one-time code a server not yet set up prints in its log (`ABCDE-FGHJK-MNPQR-STVWX`). */
export const setupCodeSchema = z.string().trim().min(1).max(64);

export const setupBody = z.strictObject({
  login: loginSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  setupCode: setupCodeSchema,
});
export type SetupBody = z.infer<typeof setupBody>;

export const loginBody = z.strictObject({
  login: loginSchema,
  password: z.string().min(1).max(FieldLimits.member.password),
});
export type LoginBody = z.infer<typeof loginBody>;

export const createOrgBody = z.strictObject({
  name: text(FieldLimits.org.name),
  level: orgLevelSchema,
  parentId: idSchema.nullish(),
});
export type CreateOrgBody = z.infer<typeof createOrgBody>;

/**
 * `PATCH /api/orgs/:orgId`: a new name, or a new parent (null: a top-level organisation, for a site
 * administrator), or both. Levels stay strictly descending; an organisation never goes under itself.
 */
export const updateOrgBody = z
  .strictObject({
    name: text(FieldLimits.org.name).optional(),
    parentId: idSchema.nullable().optional(),
  })
  .refine((body) => body.name !== undefined || body.parentId !== undefined, 'nothing to change');
export type UpdateOrgBody = z.infer<typeof updateOrgBody>;

export const sectorSchema = text(FieldLimits.member.sector);
export const expertiseSchema = z.array(text(FieldLimits.member.expertise)).max(FieldLimits.member.expertiseItems);

export const createMemberBody = z.strictObject({
  login: loginSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  sector: sectorSchema.nullish(),
  expertise: expertiseSchema.optional(),
  /** The department an official answers for: required for the role `official`, refused for any other. */
  departmentId: idSchema.nullish(),
});
export type CreateMemberBody = z.infer<typeof createMemberBody>;

export const updateMemberBody = z
  .strictObject({
    role: roleSchema,
    sector: sectorSchema.nullable(),
    expertise: expertiseSchema,
    displayName: displayNameSchema,
    active: z.boolean(),
    departmentId: idSchema.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;

export const resetPasswordBody = z.strictObject({ password: passwordSchema });
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

/**
 * The paging of a list's query, spread into its schema: `cursor` is the `next` of the page before
 * (opaque; a cursor of another list is refused), `limit` how many to return.
 */
export const pageQuery = {
  cursor: z.string().min(1).max(PageLimits.cursor).optional(),
  limit: z.coerce.number().int().min(1).max(PageLimits.max).default(PageLimits.default),
};

/** What every page of a list says besides its items: the cursor of the next page (null on the last), and how many there are in all. */
export interface PageInfo {
  next: string | null;
  total: number;
}

export const orgParams = z.strictObject({ orgId: idSchema });

/** `GET /api/orgs/:orgId/members`: filters, then a page; by display name. */
export const membersQuery = z.strictObject({
  /** Part of a display name or a login, regardless of the case of Latin letters. */
  q: text(FieldLimits.member.displayName).optional(),
  role: roleSchema.optional(),
  ...pageQuery,
});
export type MembersQuery = z.infer<typeof membersQuery>;

export interface MembersPage extends PageInfo {
  members: Member[];
}
export const memberParams = z.strictObject({ orgId: idSchema, userId: idSchema });
