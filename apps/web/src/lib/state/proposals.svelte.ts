import type {
  AssessmentBody,
  ConsultationBody,
  OpinionDetail,
  ProposalBody,
  ProposalDetail,
  ProposalEditBody,
  ProposalsPage,
  ProposalSummary,
  ReplyBody,
  ReviewBody,
} from '@yishi/protocol';
import { api } from '../api';
import { Pager, withCursor } from './pager.svelte';

const enc = encodeURIComponent;

/** One organisation's proposals matching some filters, a page at a time (the most recently changed first). */
export class ProposalList {
  #orgId = '';
  #pages = new Pager<ProposalSummary>(async (query, cursor) => {
    const page = await api.get<ProposalsPage>(`/api/orgs/${enc(this.#orgId)}/proposals${withCursor(query, cursor)}`);
    return { items: page.proposals, next: page.next, total: page.total };
  });

  get proposals(): ProposalSummary[] {
    return this.#pages.items;
  }
  /** How many proposals match, shown or not. */
  get total(): number {
    return this.#pages.total;
  }
  get more(): boolean {
    return this.#pages.more;
  }
  get loaded(): boolean {
    return this.#pages.loaded;
  }
  get loading(): boolean {
    return this.#pages.loading;
  }
  /** Why the latest read failed; `null` if it did not. */
  get error(): unknown {
    return this.#pages.error;
  }

  /** The first page of `orgId`'s proposals for `query` (the API's query string). */
  load(orgId: string, query: string): Promise<void> {
    this.#orgId = orgId;
    return this.#pages.first(query);
  }

  loadMore(): Promise<void> {
    return this.#pages.loadMore();
  }
}

/** Files a new proposal (a draft) in an organisation; resolves with it. */
export async function fileProposal(orgId: string, body: ProposalBody): Promise<ProposalDetail> {
  return (await api.post<{ proposal: ProposalDetail }>(`/api/orgs/${enc(orgId)}/proposals`, body)).proposal;
}

/**
 * One proposal as its page shows it, and the commands taken on it. Each command answers with the
 * proposal as it now stands (the actions the reader may take next included), which replaces the one shown.
 */
export class ProposalView {
  readonly id: string;
  #proposal = $state.raw<ProposalDetail | null>(null);
  #loadError = $state.raw<unknown>(null);

  constructor(id: string) {
    this.id = id;
  }

  get proposal(): ProposalDetail | null {
    return this.#proposal;
  }
  get loadError(): unknown {
    return this.#loadError;
  }

  async load(): Promise<void> {
    try {
      this.#proposal = (await api.get<{ proposal: ProposalDetail }>(this.#path())).proposal;
      this.#loadError = null;
    } catch (error) {
      this.#loadError = error;
    }
  }

  edit(body: ProposalEditBody): Promise<void> {
    return this.#take(api.patch(this.#path(), body));
  }
  invite(userId: string): Promise<void> {
    return this.#take(api.post(this.#path('/cosigners'), { userId }));
  }
  /** Takes a co-signer off the draft (the author), or one's own name (an invitee: the draft is then out of reach). */
  async removeCosigner(userId: string): Promise<void> {
    const answer = await api.delete<{ proposal: ProposalDetail } | undefined>(this.#path(`/cosigners/${enc(userId)}`));
    if (answer) this.#proposal = answer.proposal;
  }
  cosign(): Promise<void> {
    return this.#take(api.post(this.#path('/cosign')));
  }
  submit(): Promise<void> {
    return this.#take(api.post(this.#path('/submit')));
  }
  review(body: ReviewBody): Promise<void> {
    return this.#take(api.post(this.#path('/review'), body));
  }
  reply(body: ReplyBody): Promise<void> {
    return this.#take(api.post(this.#path('/reply'), body));
  }
  assess(body: AssessmentBody): Promise<void> {
    return this.#take(api.post(this.#path('/assessment'), body));
  }
  /** The chair opens a consultation topic on the proposal; resolves with the topic's id. */
  async openConsultation(body: ConsultationBody): Promise<string> {
    const answer = await api.post<{ topicId: string; proposal: ProposalDetail }>(this.#path('/consultation'), body);
    this.#proposal = answer.proposal;
    return answer.topicId;
  }
  flagKey(key: boolean): Promise<void> {
    return this.#take(api.post(this.#path('/key'), { key }));
  }
  /** The author turns the not-accepted proposal into a public-opinion report; resolves with the report's id. */
  async convertToOpinion(): Promise<string> {
    const answer = await api.post<{ opinion: OpinionDetail; proposal: ProposalDetail }>(this.#path('/opinion'));
    this.#proposal = answer.proposal;
    return answer.opinion.id;
  }

  async #take(answer: Promise<unknown>): Promise<void> {
    this.#proposal = ((await answer) as { proposal: ProposalDetail }).proposal;
  }

  #path(rest = ''): string {
    return `/api/proposals/${enc(this.id)}${rest}`;
  }
}
