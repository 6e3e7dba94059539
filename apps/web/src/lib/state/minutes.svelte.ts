import type {
  AttendanceBody,
  AttendanceDraft,
  AttendanceView,
  Meeting,
  Member,
  Minutes,
  Org,
  TopicDetail,
} from '@yishi/protocol';
import { api } from '../api';
import { allMembers } from '../members';
import { langQuery, outcomeDocumentUrl, type DocumentLang } from '../followUp/documents';

const enc = encodeURIComponent;

/**
 * One meeting's minutes, with the meeting and its topic around them: generated from the meeting
 * until someone edits them, final once the chair approves them. The server words generated
 * minutes in the language asked for, so they are fetched again when the UI language changes.
 */
export class MinutesState {
  readonly meetingId: string;

  #meeting = $state.raw<Meeting | null>(null);
  #topic = $state.raw<TopicDetail | null>(null);
  #orgs = $state.raw<Org[]>([]);
  #minutes = $state.raw<Minutes | null>(null);
  #attendance = $state.raw<AttendanceView | null>(null);
  /** The members of the topic's organisation, for adding someone to the attendance (loaded on demand). */
  #members = $state.raw<Member[]>([]);
  /** Whether `members` has been read (an empty list before means "not yet", after means "nobody"). */
  #membersLoaded = $state(false);
  #loadError = $state.raw<unknown>(null);
  /** Bumped by every answer that replaces the minutes, so that an older one arriving late is dropped. */
  #version = 0;

  constructor(meetingId: string) {
    this.meetingId = meetingId;
  }

  get meeting(): Meeting | null {
    return this.#meeting;
  }
  get topic(): TopicDetail | null {
    return this.#topic;
  }
  /** The organisations the user can see (to tell who chairs or runs the topic's organisation). */
  get orgs(): Org[] {
    return this.#orgs;
  }
  get minutes(): Minutes | null {
    return this.#minutes;
  }
  /** Who attended, as the minutes print it; whether it may still be corrected. */
  get attendance(): AttendanceView | null {
    return this.#attendance;
  }
  get members(): Member[] {
    return this.#members;
  }
  get membersLoaded(): boolean {
    return this.#membersLoaded;
  }
  /** Why the page could not be loaded at all. */
  get loadError(): unknown {
    return this.#loadError;
  }

  async load(lang: DocumentLang): Promise<void> {
    try {
      const [{ meeting }, { orgs }] = await Promise.all([
        api.get<{ meeting: Meeting }>(`/api/meetings/${enc(this.meetingId)}`),
        api.get<{ orgs: Org[] }>('/api/orgs'),
        this.loadMinutes(lang),
        this.loadAttendance(),
      ]);
      const { topic } = await api.get<{ topic: TopicDetail }>(`/api/topics/${enc(meeting.topicId)}`);
      this.#meeting = meeting;
      this.#orgs = orgs;
      this.#topic = topic;
      this.#loadError = null;
    } catch (error) {
      this.#loadError = error;
    }
  }

  /** Fetches the minutes alone (again after a language switch, for generated wording). */
  async loadMinutes(lang: DocumentLang): Promise<void> {
    const version = ++this.#version;
    const { minutes } = await api.get<{ minutes: Minutes }>(
      `/api/meetings/${enc(this.meetingId)}/minutes${langQuery(lang)}`,
    );
    if (version === this.#version) this.#minutes = minutes;
  }

  async loadAttendance(): Promise<void> {
    const { attendance } = await api.get<{ attendance: AttendanceView }>(
      `/api/meetings/${enc(this.meetingId)}/attendance`,
    );
    this.#attendance = attendance;
  }

  /** The members of the topic's organisation (for the attendance editor's "add someone"). */
  async loadMembers(): Promise<void> {
    const orgId = this.#topic?.orgId;
    if (!orgId) return;
    this.#members = await allMembers(orgId);
    this.#membersLoaded = true;
  }

  /**
   * Corrects attendance (chair, secretariat, before approval); the minutes are fetched again, since
   * they print it. Says what became of a saved draft.
   */
  async correctAttendance(entries: AttendanceBody['entries'], lang: DocumentLang): Promise<AttendanceDraft> {
    const { attendance, draft } = await api.put<{ attendance: AttendanceView; draft: AttendanceDraft }>(
      `/api/meetings/${enc(this.meetingId)}/attendance`,
      { entries },
    );
    this.#attendance = attendance;
    await this.loadMinutes(lang);
    return draft;
  }

  /** Saves an edited text (chair, secretariat); the minutes become a draft. */
  async save(body: string, lang: DocumentLang): Promise<Minutes> {
    return this.#apply(api.put(`/api/meetings/${enc(this.meetingId)}/minutes${langQuery(lang)}`, { body }));
  }

  /** Approves the minutes as stored (the chair, once the meeting has ended); final from then on. */
  async approve(lang: DocumentLang): Promise<Minutes> {
    const minutes = await this.#apply(
      api.post(`/api/meetings/${enc(this.meetingId)}/minutes/approve${langQuery(lang)}`),
    );
    // Approved minutes close the attendance to corrections.
    await this.loadAttendance().catch(() => {});
    return minutes;
  }

  async #apply(request: Promise<{ minutes: Minutes }>): Promise<Minutes> {
    const { minutes } = await request;
    ++this.#version;
    this.#minutes = minutes;
    return minutes;
  }
}

/**
 * The outcome document of a topic as the server renders it (`?format=json` gives its Markdown),
 * for a preview beside the download links: the other document of the follow-up.
 */
export class OutcomePreview {
  readonly topicId: string;
  #markdown = $state<string | null>(null);
  #request = 0;

  constructor(topicId: string) {
    this.topicId = topicId;
  }

  get markdown(): string | null {
    return this.#markdown;
  }

  async load(lang: DocumentLang): Promise<void> {
    const request = ++this.#request;
    const { markdown } = await api.get<{ markdown: string }>(outcomeDocumentUrl(this.topicId, 'json', lang));
    if (request === this.#request) this.#markdown = markdown;
  }
}
