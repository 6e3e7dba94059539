import type { OrgLevel, Role } from './constants.js';

/** A person's account, as any client sees it (never the password hash). */
export interface User {
  id: string;
  login: string;
  displayName: string;
  /** Administers the whole installation (the first account made at setup). */
  isAdmin: boolean;
  active: boolean;
  createdAt: string;
}

export interface Org {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  createdAt: string;
}

export interface Membership {
  id: string;
  orgId: string;
  userId: string;
  role: Role;
  /** 界别: the CPPCC sector the member sits for, when there is one. */
  sector: string | null;
  expertise: string[];
  /** An official's department; null for every other role. */
  departmentId: string | null;
  active: boolean;
  createdAt: string;
}

/** A membership with the account it belongs to, for member lists. */
export interface Member extends Membership {
  user: User;
}

/** `GET /api/me`: the signed-in account and where it belongs. */
export interface Me {
  user: User;
  memberships: (Membership & { org: Org })[];
}

export interface Health {
  status: 'ok';
  version: string;
  store: 'sqlite' | 'postgres';
  fanout: 'local' | 'redis';
  /** The node that answered (several nodes serve one installation behind a proxy). */
  node: string;
}

/** `GET /api/ready`: 200 while the node takes new work, 503 while it drains. */
export interface Readiness {
  ready: boolean;
  node: string;
}
