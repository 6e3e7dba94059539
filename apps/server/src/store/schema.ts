import type { Generated } from 'kysely';

/**
 * The store's tables as Kysely sees them (camelCase here, snake_case in SQL through the
 * CamelCasePlugin). Booleans are 0/1 integers and times ISO-8601 text, so that the same queries
 * run on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  login: string;
  displayName: string;
  passwordHash: string;
  isAdmin: number;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrgsTable {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  createdAt: string;
}

export interface MembershipsTable {
  id: string;
  orgId: string;
  userId: string;
  role: string;
  sector: string | null;
  /** JSON array of strings. */
  expertise: string;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  /** HMAC of the cookie token: a copy of the store does not yield usable cookies. */
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
}

export interface Database {
  users: UsersTable;
  orgs: OrgsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
}

/** Rows use the `Generated` marker only where the database fills a value. */
export type { Generated };
