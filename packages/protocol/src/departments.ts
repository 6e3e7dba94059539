import { z } from 'zod';
import { FieldLimits } from './limits.js';
import { idSchema } from './schemas.js';

/**
 * A department (承办单位): a government office that receives a topic's outcome and handles
 * proposals. It belongs to one organisation; its officials (memberships with the role `official`)
 * answer on its behalf, any one of them.
 */
export interface Department {
  id: string;
  orgId: string;
  name: string;
  /** How many active officials it has. */
  officials: number;
  createdAt: string;
}

/** A department named where it is referred to: an outcome's recipients, an exported document. */
export interface DepartmentRef {
  id: string;
  name: string;
}

/** How many departments one organisation may have: enough for a province's, few enough to list at once. */
export const DepartmentLimits = { perOrg: 500 } as const;

export const departmentNameSchema = z.string().trim().min(1).max(FieldLimits.department.name);

/** `POST /api/orgs/:orgId/departments` and `PATCH /api/departments/:departmentId`. */
export const departmentBody = z.strictObject({ name: departmentNameSchema });
export type DepartmentBody = z.infer<typeof departmentBody>;

/** `POST /api/departments/:departmentId/merge`: its officials and everything addressed to it move to `into`. */
export const mergeDepartmentBody = z.strictObject({ into: idSchema });
export type MergeDepartmentBody = z.infer<typeof mergeDepartmentBody>;

export const departmentParams = z.strictObject({ departmentId: idSchema });

/** `GET /api/orgs/:orgId/departments`: every department of the organisation, by name. */
export interface DepartmentsList {
  departments: Department[];
}
