import type { Department } from '@yishi/protocol';
import { api } from '$lib/api';
import { departmentsOf } from '$lib/departments';

/**
 * One organisation's departments (承办单位) on the administration page, shared by the departments
 * panel, the add-member form and the member table. After each change the list is read again
 * rather than patched: the server orders it by name and counts each department's officials, and a
 * merge changes two of them.
 */
export class OrgDepartments {
  readonly orgId: string;
  #list = $state.raw<Department[]>([]);
  #loaded = $state(false);
  #merges = $state(0);
  /** Guards against an older answer arriving after a newer one. */
  #request = 0;

  constructor(orgId: string) {
    this.orgId = orgId;
  }

  /** The departments, by name. */
  get list(): Department[] {
    return this.#list;
  }
  /** `true` once the list has been read. */
  get loaded(): boolean {
    return this.#loaded;
  }
  /**
   * How many merges were made here: each moved officials to another department, so a list of
   * members that shows departments must be read again.
   */
  get merges(): number {
    return this.#merges;
  }

  /** The name of the department `id`, if it is one of the organisation's. */
  nameOf(id: string | null): string | undefined {
    return id === null ? undefined : this.#list.find((department) => department.id === id)?.name;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    const list = await departmentsOf(this.orgId);
    if (request !== this.#request) return;
    this.#list = list;
    this.#loaded = true;
  }

  async add(name: string): Promise<Department> {
    const { department } = await api.post<{ department: Department }>(
      `/api/orgs/${encodeURIComponent(this.orgId)}/departments`,
      { name },
    );
    await this.load();
    return department;
  }

  async rename(id: string, name: string): Promise<Department> {
    const { department } = await api.patch<{ department: Department }>(departmentPath(id), { name });
    await this.load();
    return department;
  }

  /** Moves the officials of `id` to `into` and removes `id`; resolves with `into` as it is now. */
  async merge(id: string, into: string): Promise<Department> {
    const { department } = await api.post<{ department: Department }>(`${departmentPath(id)}/merge`, { into });
    this.#merges += 1;
    await this.load();
    return department;
  }

  /** Removes a department that no official belongs to (the server refuses it otherwise). */
  async remove(id: string): Promise<void> {
    await api.delete<void>(departmentPath(id));
    await this.load();
  }
}

const departmentPath = (id: string) => `/api/departments/${encodeURIComponent(id)}`;
