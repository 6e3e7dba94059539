import type {
  AdvanceBody,
  ForwardBody,
  AnswerBody,
  CreateMeetingInput,
  Meeting,
  Member,
  OutcomeBody,
  ParticipantSuggestion,
  RatingBody,
  RecordSpeechBody,
  ResearchBody,
  Speech,
  TopicDetail,
  VettingBody,
} from '@yishi/protocol';
import { api } from '../api';
import { allMembers } from '../members';

const enc = encodeURIComponent;

/**
 * One topic's workspace: the topic as the server last described it, and the lists its forms pick
 * from. Every change goes to the server, and the topic shown is always one the server sent back;
 * `refresh()` fetches it again when the server announces a change made by someone else.
 */
export class TopicWorkspace {
  readonly id: string;

  #topic = $state.raw<TopicDetail | null>(null);
  #loadError = $state.raw<unknown>(null);
  #suggestions = $state.raw<ParticipantSuggestion[]>([]);
  #members = $state.raw<Member[]>([]);
  #membersLoaded = $state(false);
  #membersLoading: Promise<void> | null = null;
  /** Bumped by every answer that replaces the topic, so that an older answer arriving late is dropped. */
  #version = 0;
  #refreshing: Promise<void> | null = null;
  #refreshAgain = false;

  constructor(id: string) {
    this.id = id;
  }

  /** The topic, once loaded. */
  get topic(): TopicDetail | null {
    return this.#topic;
  }
  /** Why the topic could not be loaded at all (shown instead of the page). */
  get loadError(): unknown {
    return this.#loadError;
  }
  /** Members matching the topic's tags, best first (for the chair and the secretariat). */
  get suggestions(): ParticipantSuggestion[] {
    return this.#suggestions;
  }
  /** The members of the topic's organisation (loaded by `loadMembers`). */
  get members(): Member[] {
    return this.#members;
  }
  get membersLoaded(): boolean {
    return this.#membersLoaded;
  }

  /** Fetches the topic; a failure is kept in `loadError` when there is no topic to show yet. */
  async load(): Promise<void> {
    const version = ++this.#version;
    try {
      const { topic } = await api.get<{ topic: TopicDetail }>(`/api/topics/${enc(this.id)}`);
      if (version !== this.#version) return;
      this.#topic = topic;
      this.#loadError = null;
      await this.#loadSuggestions().catch(() => {
        // Suggestions are a help; without them, any member can still be added.
      });
    } catch (error) {
      if (version === this.#version && this.#topic === null) this.#loadError = error;
      else throw error;
    }
  }

  /**
   * Fetches the topic again after a change announced by the server. Calls while a fetch is under
   * way are folded into one more fetch after it, so a burst of changes costs two requests.
   */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      try {
        do {
          this.#refreshAgain = false;
          await this.load().catch(() => {
            // The topic on screen stays; the next announcement or a reload tries again.
          });
        } while (this.#refreshAgain);
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }

  /** The members of the topic's organisation, for choosing participants, recipients and the party contact. */
  loadMembers(): Promise<void> {
    const orgId = this.#topic?.orgId;
    if (!orgId) return Promise.resolve();
    this.#membersLoading ??= allMembers(orgId)
      .then((members) => {
        this.#members = members;
        this.#membersLoaded = true;
      })
      .finally(() => {
        this.#membersLoading = null;
      });
    return this.#membersLoading;
  }

  async #loadSuggestions(): Promise<void> {
    if (!this.#topic?.permissions.manageParticipants) {
      this.#suggestions = [];
      return;
    }
    const { suggestions } = await api.get<{ suggestions: ParticipantSuggestion[] }>(
      `/api/topics/${enc(this.id)}/participants/suggestions`,
    );
    this.#suggestions = suggestions;
  }

  /** Keeps a topic the server sent back after a change. */
  async #apply(request: Promise<{ topic: TopicDetail }>): Promise<TopicDetail> {
    const { topic } = await request;
    ++this.#version;
    this.#topic = topic;
    await this.#loadSuggestions().catch(() => {
      // Suggestions are a help, not the change itself; the list stays as it was.
    });
    return topic;
  }

  /**
   * Forwards the topic to the parent organisation or a child; answers the dossier made there, and
   * reads this topic again, whose `forwarded` now lists it.
   */
  async forward(body: ForwardBody): Promise<TopicDetail> {
    const { topic } = await api.post<{ topic: TopicDetail }>(`/api/topics/${enc(this.id)}/forward`, body);
    await this.refresh();
    return topic;
  }

  advance(body: AdvanceBody): Promise<TopicDetail> {
    return this.#apply(api.post(`/api/topics/${enc(this.id)}/advance`, body));
  }

  vet(body: VettingBody): Promise<TopicDetail> {
    return this.#apply(api.put(`/api/topics/${enc(this.id)}/vetting`, body));
  }

  /** Adds a participant, or changes the assessment note of one. */
  saveParticipant(userId: string, assessment: string): Promise<TopicDetail> {
    return this.#apply(api.post(`/api/topics/${enc(this.id)}/participants`, { userId, assessment }));
  }

  removeParticipant(userId: string): Promise<TopicDetail> {
    return this.#apply(api.delete(`/api/topics/${enc(this.id)}/participants/${enc(userId)}`));
  }

  addResearch(body: ResearchBody): Promise<TopicDetail> {
    return this.#apply(api.post(`/api/topics/${enc(this.id)}/research`, body));
  }

  setOutcome(body: OutcomeBody): Promise<TopicDetail> {
    return this.#apply(api.put(`/api/topics/${enc(this.id)}/outcome`, body));
  }

  answer(body: AnswerBody): Promise<TopicDetail> {
    return this.#apply(api.post(`/api/topics/${enc(this.id)}/answer`, body));
  }

  rate(body: RatingBody): Promise<TopicDetail> {
    return this.#apply(api.post(`/api/topics/${enc(this.id)}/ratings`, body));
  }

  // Meeting routes answer with the meeting; the topic (stepper, counts) is fetched again after them.

  async scheduleMeeting(body: CreateMeetingInput): Promise<Meeting> {
    const { meeting } = await api.post<{ meeting: Meeting }>(`/api/topics/${enc(this.id)}/meetings`, body);
    await this.refresh();
    return meeting;
  }

  async openMeeting(meetingId: string): Promise<Meeting> {
    const { meeting } = await api.post<{ meeting: Meeting }>(`/api/meetings/${enc(meetingId)}/open`);
    await this.refresh();
    return meeting;
  }

  async closeMeeting(meetingId: string): Promise<Meeting> {
    const { meeting } = await api.post<{ meeting: Meeting }>(`/api/meetings/${enc(meetingId)}/close`);
    await this.refresh();
    return meeting;
  }

  async recordSpeech(meetingId: string, body: RecordSpeechBody): Promise<Speech> {
    const { speech } = await api.post<{ speech: Speech }>(`/api/meetings/${enc(meetingId)}/speeches`, body);
    await this.refresh();
    return speech;
  }

  /** A meeting's speech log. */
  async speeches(meetingId: string): Promise<Speech[]> {
    const { speeches } = await api.get<{ meeting: Meeting; speeches: Speech[] }>(`/api/meetings/${enc(meetingId)}`);
    return speeches;
  }
}
