import type { Member, Membership, MembersPage, Org, OrgLevel, Role, User } from '@yishi/protocol';
import { api } from '../api';
import { buildOrgTree, type OrgNode } from '../orgTree';
import { Pager, withCursor } from './pager.svelte';

/** The body of `POST /api/orgs/:orgId/members`. */
export interface NewMember {
  displayName: string;
  login: string;
  password: string;
  role: Role;
  sector?: string;
  expertise?: string[];
  /** Required of an official, refused for any other role. */
  departmentId?: string;
}

/** The body of `PATCH /api/orgs/:orgId/members/:userId`. */
export type MemberChanges = Partial<Pick<Member, 'role' | 'sector' | 'expertise' | 'active' | 'departmentId'>> & {
  displayName?: string;
};

/**
 * The administration page's data: the organisations the user can see, and the members of the
 * selected one, a page at a time, perhaps only those a search finds. Methods call the server and
 * update the lists from its answers.
 */
export class OrgAdmin {
  #orgs = $state.raw<Org[]>([]);
  #members = new Pager<Member>(async (query, cursor) => {
    const page = await api.get<MembersPage>(withCursor(query, cursor));
    return { items: page.members, next: page.next, total: page.total };
  });
  /** The organisation whose members `members` holds (set once they are loaded). */
  #membersOf = $state<string | null>(null);
  /** Guards against a slow answer for a previously selected organisation. */
  #membersRequest = 0;

  #tree = $derived(buildOrgTree(this.#orgs));

  /** The visible organisations nested by parent. */
  get tree(): OrgNode[] {
    return this.#tree;
  }
  get orgs(): Org[] {
    return this.#orgs;
  }
  get members(): Member[] {
    return this.#members.items;
  }
  /** How many members the organisation has, or the search finds, shown or not. */
  get membersTotal(): number {
    return this.#members.total;
  }
  /** Whether more members are there than are shown. */
  get moreMembers(): boolean {
    return this.#members.more;
  }
  get membersOf(): string | null {
    return this.#membersOf;
  }
  get loadingMembers(): boolean {
    return this.#members.loading;
  }

  org(id: string | null): Org | undefined {
    return id === null ? undefined : this.#orgs.find((org) => org.id === id);
  }

  async loadOrgs(): Promise<void> {
    const { orgs } = await api.get<{ orgs: Org[] }>('/api/orgs');
    this.#orgs = orgs;
  }

  async createOrg(body: { name: string; level: OrgLevel; parentId?: string }): Promise<Org> {
    const { org } = await api.post<{ org: Org }>('/api/orgs', body);
    this.#orgs = [...this.#orgs, org];
    return org;
  }

  /**
   * Renames an organisation or moves it under another parent, then reads the organisations again:
   * a move changes what this user reaches through a role above.
   */
  async updateOrg(orgId: string, body: { name?: string; parentId?: string | null }): Promise<Org> {
    const { org } = await api.patch<{ org: Org }>(`/api/orgs/${enc(orgId)}`, body);
    await this.loadOrgs();
    return org;
  }

  /** The first page of the organisation's members, those whose name or login holds `search` if it is set. */
  async loadMembers(orgId: string, search = ''): Promise<void> {
    const request = ++this.#membersRequest;
    const q = search.trim();
    await this.#members.first(`/api/orgs/${enc(orgId)}/members${q ? `?q=${enc(q)}` : ''}`);
    if (request !== this.#membersRequest) return;
    if (this.#members.error !== null) throw this.#members.error;
    this.#membersOf = orgId;
  }

  /** The next page of members, after those shown. */
  loadMoreMembers(): Promise<void> {
    return this.#members.loadMore();
  }

  async addMember(orgId: string, body: NewMember): Promise<Member> {
    const { user, membership } = await api.post<{ user: User; membership: Membership }>(
      `/api/orgs/${enc(orgId)}/members`,
      body,
    );
    const member: Member = { ...membership, user };
    if (this.#membersOf === orgId) this.#members.patch((members) => [...members, member], 1);
    return member;
  }

  async updateMember(orgId: string, userId: string, changes: MemberChanges): Promise<Member> {
    const { member } = await api.patch<{ member: Member }>(`/api/orgs/${enc(orgId)}/members/${enc(userId)}`, changes);
    if (this.#membersOf === orgId) {
      this.#members.patch((members) => members.map((m) => (m.userId === userId ? member : m)));
    }
    return member;
  }

  async resetPassword(orgId: string, userId: string, password: string): Promise<void> {
    await api.post<void>(`/api/orgs/${enc(orgId)}/members/${enc(userId)}/password`, { password });
  }

  /** Lifts the waits that failed logins put on the member's account, so that they may sign in at once. */
  async unlock(orgId: string, userId: string): Promise<void> {
    await api.post<void>(`/api/orgs/${enc(orgId)}/members/${enc(userId)}/unlock`);
  }
}

const enc = encodeURIComponent;
