import type { Dashboard, Me, Org } from '@yishi/protocol';
import { api } from '../api';
import { dashboardQuery } from '../followUp/dashboard';
import { dashboardOrgs } from '../followUp/roles';

/** The secretariat's dashboard: the organisations it may show, and the numbers of the one chosen. */
export class DashboardState {
  #orgs = $state.raw<Org[]>([]);
  #orgsLoaded = $state(false);
  #dashboard = $state.raw<Dashboard | null>(null);
  #loading = $state(false);
  /** Guards against a slow answer for an organisation or period that has changed since. */
  #request = 0;

  /** The organisations whose dashboard the user may open. */
  get orgs(): Org[] {
    return this.#orgs;
  }
  get orgsLoaded(): boolean {
    return this.#orgsLoaded;
  }
  get dashboard(): Dashboard | null {
    return this.#dashboard;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async loadOrgs(me: Me): Promise<void> {
    const { orgs } = await api.get<{ orgs: Org[] }>('/api/orgs');
    this.#orgs = dashboardOrgs(me, orgs);
    this.#orgsLoaded = true;
  }

  /**
   * The dashboard of `orgId`; empty dates let the server choose the period (the last 90 days), no
   * year this year for the meetings by form.
   */
  async load(orgId: string, from = '', to = '', year?: number): Promise<void> {
    const request = ++this.#request;
    this.#loading = true;
    try {
      const query = dashboardQuery(orgId, from, to, year);
      const { dashboard } = await api.get<{ dashboard: Dashboard }>(`/api/dashboard${query}`);
      if (request === this.#request) this.#dashboard = dashboard;
    } finally {
      if (request === this.#request) this.#loading = false;
    }
  }
}
