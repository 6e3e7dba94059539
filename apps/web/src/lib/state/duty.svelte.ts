import type { DutyRecord, DutyTable } from '@yishi/protocol';
import { api } from '../api';

const enc = encodeURIComponent;

/**
 * A duty page's data: the table of an organisation's members for a year, or one member's record,
 * read again whenever the organisation or the year changes (an older answer never replaces a newer one).
 */
export class DutyPage<T extends DutyTable | DutyRecord> {
  #data = $state.raw<T | null>(null);
  #error = $state.raw<unknown>(null);
  #request = 0;

  constructor(private readonly path: (orgId: string) => string) {}

  get data(): T | null {
    return this.#data;
  }
  get error(): unknown {
    return this.#error;
  }

  async load(orgId: string, year: number): Promise<void> {
    const request = ++this.#request;
    try {
      const data = await api.get<T>(`${this.path(orgId)}?year=${year}`);
      if (request !== this.#request) return;
      this.#data = data;
      this.#error = null;
    } catch (error) {
      if (request === this.#request) this.#error = error;
    }
  }
}

export const dutyTable = () => new DutyPage<DutyTable>((orgId) => `/api/orgs/${enc(orgId)}/duty`);
export const dutyRecord = (userId: string) =>
  new DutyPage<DutyRecord>((orgId) => `/api/orgs/${enc(orgId)}/duty/${enc(userId)}`);
