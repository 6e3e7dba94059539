/** Reading an organisation's departments (承办单位), which the server gives all at once, by name. */
import type { Department, DepartmentsList } from '@yishi/protocol';
import { api } from './api';

export async function departmentsOf(orgId: string): Promise<Department[]> {
  return (await api.get<DepartmentsList>(`/api/orgs/${encodeURIComponent(orgId)}/departments`)).departments;
}
