import type { OpinionsPage, ProposalsPage } from '@yishi/protocol';
import { api } from '../api';
import { byUrgency, partIn, type OfficialDepartment, type ProposalToReply } from '../duty/desks';
import { ProposalList } from './proposals.svelte';
import { withCursor } from './pager.svelte';

const enc = encodeURIComponent;

/**
 * The proposals the reader's departments must reply to (those being handled, `status=handling`),
 * a page at a time for each department, the overdue first and then the earliest due.
 */
export class DepartmentProposals {
  #lists = $state.raw<{ department: OfficialDepartment; list: ProposalList }[]>([]);
  #items = $derived(
    this.#lists
      .flatMap(({ department, list }) =>
        list.proposals.map((proposal): ProposalToReply => ({
          proposal,
          department,
          part: partIn(proposal, department.departmentId),
        })),
      )
      .sort((a, b) => byUrgency(a.proposal, b.proposal)),
  );

  /** Those shown, the most urgent first. */
  get items(): ProposalToReply[] {
    return this.#items;
  }
  /** How many there are in all, shown or not. */
  get total(): number {
    return this.#lists.reduce((n, { list }) => n + list.total, 0);
  }
  /** Whether some department has more than are shown. */
  get more(): boolean {
    return this.#lists.some(({ list }) => list.more);
  }
  /** `true` once every department's first page has arrived. */
  get loaded(): boolean {
    return this.#lists.every(({ list }) => list.loaded);
  }
  get loading(): boolean {
    return this.#lists.some(({ list }) => list.loading);
  }

  /** The first page of each department's; rejects when one cannot be fetched. */
  async load(departments: readonly OfficialDepartment[]): Promise<void> {
    const lists = departments.map((department) => ({ department, list: new ProposalList() }));
    this.#lists = lists;
    await Promise.all(
      lists.map(({ department, list }) =>
        list.load(department.orgId, `?departmentId=${enc(department.departmentId)}&status=handling`),
      ),
    );
    this.#rethrow();
  }

  /** The next page of each department that has more; rejects when one cannot be fetched. */
  async loadMore(): Promise<void> {
    await Promise.all(this.#lists.filter(({ list }) => list.more).map(({ list }) => list.loadMore()));
    this.#rethrow();
  }

  #rethrow(): void {
    const failed = this.#lists.find(({ list }) => list.error !== null);
    if (failed) throw failed.list.error;
  }
}

/** How many pages of proposals being handled are read to count the overdue (200 each). */
const OVERDUE_PAGES = 5;
const OVERDUE_PAGE_SIZE = 200;

/** What waits for the secretariat in an organisation. */
export interface DeskCounts {
  orgId: string;
  /** Proposals submitted, waiting for review. */
  proposals: number;
  /** Opinion reports submitted, waiting for a decision. */
  opinions: number;
  /** Proposals being handled whose lead department is past its due date without a reply. */
  overdue: number;
  /** Whether there were more proposals being handled than were read: `overdue` is then a lower bound. */
  overdueAtLeast: boolean;
}

/** The secretariat's review desk: what waits for it in one organisation. */
export class ReviewDesk {
  #counts = $state.raw<DeskCounts | null>(null);
  /** Guards against a slow answer for an organisation that has changed since. */
  #request = 0;

  get counts(): DeskCounts | null {
    return this.#counts;
  }

  /** The counts of `orgId`, in place of those shown; rejects when they cannot be fetched. */
  async load(orgId: string): Promise<void> {
    const request = ++this.#request;
    const org = `/api/orgs/${enc(orgId)}`;
    const [proposals, opinions, overdue] = await Promise.all([
      api.get<ProposalsPage>(`${org}/proposals?status=submitted&limit=1`),
      api.get<OpinionsPage>(`${org}/opinions?status=submitted&limit=1`),
      countOverdue(`${org}/proposals?status=handling&limit=${OVERDUE_PAGE_SIZE}`),
    ]);
    if (request !== this.#request) return;
    this.#counts = { orgId, proposals: proposals.total, opinions: opinions.total, ...overdue };
  }
}

/** The overdue among the proposals at `path`, reading at most `OVERDUE_PAGES` pages. */
async function countOverdue(path: string): Promise<{ overdue: number; overdueAtLeast: boolean }> {
  let overdue = 0;
  let cursor: string | null = null;
  for (let read = 0; read < OVERDUE_PAGES; read++) {
    const page: ProposalsPage = await api.get<ProposalsPage>(withCursor(path, cursor));
    overdue += page.proposals.filter((p) => p.overdue).length;
    cursor = page.next;
    if (cursor === null) return { overdue, overdueAtLeast: false };
  }
  return { overdue, overdueAtLeast: true };
}
