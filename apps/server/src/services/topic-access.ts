import {
  allows,
  defaultGateSettings,
  refusal,
  rolesOf,
  type GateSettings,
  type ProcedureActor,
  type RaterKind,
  type TopicAction,
  type TopicRole,
} from '@yishi/procedure';
import { canSeeDossier } from '../auth/levels.js';
import { canSeeOrg, rolesOver, type Actor } from '../auth/policy.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import type { ForwardsRepository } from '../store/forwards.repo.js';
import type { OrgTreeRepository } from '../store/orgs.repo.js';
import type { TopicRow, TopicsRepository } from '../store/topics.repo.js';

/** A topic as one actor meets it: the row, the organisation chain, and the actor's roles on it. */
export interface TopicAccess {
  topic: TopicRow;
  chain: string[];
  actor: Actor;
  roles: ReadonlySet<TopicRole>;
  procedureActor: ProcedureActor;
}

/**
 * Loads topics with the roles an actor holds on them: organisation roles from memberships in the
 * topic's organisation or above, plus proposer, participant, recipient and party contact from the
 * topic itself. Who may see a topic: anyone with a role in its organisation or above, the
 * recipients and party contact it names, and — when it is a forwarded dossier — whoever sees an
 * organisation it passed through on its way (they read it, with no role on it).
 */
export class TopicAccessLoader {
  constructor(
    private readonly topics: TopicsRepository,
    private readonly tree: OrgTreeRepository,
    private readonly forwards: ForwardsRepository,
  ) {}

  async load(actor: Actor, topicId: string): Promise<TopicAccess> {
    const topic = await this.topics.find(topicId);
    if (!topic) throw notFound('Topic');
    const chain = await this.tree.chain(topic.orgId);
    const roles = new Set<TopicRole>(rolesOver(actor, chain));
    if (actor.user.isAdmin) roles.add('admin');
    const userId = actor.user.id;
    if (topic.proposerId === userId) roles.add('proposer');
    if (topic.partyContactId === userId) roles.add('party_contact');
    const [participants, recipients] = await Promise.all([
      this.topics.participants(topic.id),
      this.topics.recipients(topic.id),
    ]);
    if (participants.some((p) => p.userId === userId)) roles.add('participant');
    // Any active official of a recipient department answers for it.
    const departments = actor.memberships.filter((m) => m.role === 'official' && m.departmentId !== null);
    if (departments.some((m) => recipients.includes(m.departmentId!))) roles.add('recipient');
    const named = roles.has('recipient') || roles.has('party_contact');
    if (!canSeeOrg(actor, chain) && !named && !(await this.seesAsDossier(actor, topic.id))) {
      throw forbidden('You cannot see this topic');
    }
    return { topic, chain, actor, roles, procedureActor: { userId, roles } };
  }

  /** Whether the topic is a dossier that passed through an organisation the actor sees. */
  private async seesAsDossier(actor: Actor, topicId: string): Promise<boolean> {
    const hops = await this.forwards.provenance(topicId);
    if (hops.length === 0) return false;
    const chains = await Promise.all(hops.map((hop) => this.tree.chain(hop.fromOrg.id)));
    return canSeeDossier(actor, chains);
  }

  async settings(orgId: string): Promise<GateSettings> {
    const row = await this.topics.orgSettings(orgId);
    return row
      ? {
          minResearchReports: row.minResearchReports,
          minDistinctSpeakers: row.minDistinctSpeakers,
          requireOfficialExchange: row.requireOfficialExchange === 1,
        }
      : defaultGateSettings;
  }
}

/** Whether the access holds any of the roles. */
export function hasRole(access: Pick<TopicAccess, 'roles'>, ...roles: TopicRole[]): boolean {
  return roles.some((role) => access.roles.has(role));
}

/** The words of each action in an error message: "Only chair or secretariat may …". */
const doing: Readonly<Record<TopicAction, string>> = {
  vet: 'answer the vetting questions',
  manageParticipants: 'choose participants',
  addResearch: 'add research reports',
  scheduleMeeting: 'schedule meetings',
  runMeeting: 'run meetings',
  editAgenda: 'edit the agenda',
  moderateQueue: 'moderate the queue',
  takeFloor: 'take the floor',
  readDraft: 'read the draft',
  writeDraft: 'write the draft',
  nameDraftVersion: 'save versions of the draft',
  setOutcome: 'set the outcome',
  editMinutes: 'edit the minutes',
  approveMinutes: 'approve the minutes',
  answer: 'answer this outcome',
  rateAsChair: 'rate the answer as chair',
  rateAsPartyContact: 'rate the answer as party contact',
  publishCase: 'publish a case',
};

/**
 * Checks the capability table (`@yishi/procedure`): FORBIDDEN when the actor holds none of the
 * roles that may, CONFLICT when the topic is not in a stage where it may be done.
 */
export function requireCapability(access: Pick<TopicAccess, 'roles' | 'topic'>, action: TopicAction): void {
  const why = refusal(action, access.roles, access.topic.stage);
  if (why === 'role') throw forbidden(`Only ${rolesOf(action).join(' or ')} may ${doing[action]}`);
  if (why === 'stage') {
    throw new DomainError('CONFLICT', `Cannot ${doing[action]} while the topic is in ${access.topic.stage}`);
  }
}

/** The kinds of rating the actor may give now (the chair's, the party contact's, both or none). */
export function raterKinds(access: Pick<TopicAccess, 'roles' | 'topic'>): RaterKind[] {
  const kinds: RaterKind[] = [];
  if (allows('rateAsChair', access.roles, access.topic.stage)) kinds.push('chair');
  if (allows('rateAsPartyContact', access.roles, access.topic.stage)) kinds.push('party_contact');
  return kinds;
}

/** Throws FORBIDDEN unless the actor holds one of the roles that may do `action`, whatever the stage. */
export function requireRoleFor(access: Pick<TopicAccess, 'roles' | 'topic'>, action: TopicAction): void {
  if (refusal(action, access.roles, access.topic.stage) === 'role') {
    throw forbidden(`Only ${rolesOf(action).join(' or ')} may ${doing[action]}`);
  }
}
