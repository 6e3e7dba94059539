import { defaultGateSettings, type GateSettings, type ProcedureActor, type TopicRole } from '@yishi/procedure';
import { canSeeOrg, rolesOver, type Actor } from '../auth/policy.js';
import { forbidden, notFound } from '../errors.js';
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
 * topic itself. Who may see a topic: anyone with a role in its organisation or above, and the
 * recipients and party contact it names.
 */
export class TopicAccessLoader {
  constructor(
    private readonly topics: TopicsRepository,
    private readonly tree: OrgTreeRepository,
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
    if (recipients.includes(userId)) roles.add('recipient');
    const named = roles.has('recipient') || roles.has('party_contact');
    if (!canSeeOrg(actor, chain) && !named) throw forbidden('You cannot see this topic');
    return { topic, chain, actor, roles, procedureActor: { userId, roles } };
  }

  async settings(orgId: string): Promise<GateSettings> {
    const row = await this.topics.orgSettings(orgId);
    return row
      ? { minResearchReports: row.minResearchReports, minDistinctSpeakers: row.minDistinctSpeakers }
      : defaultGateSettings;
  }
}

/** Whether the access holds any of the roles. */
export function hasRole(access: Pick<TopicAccess, 'roles'>, ...roles: TopicRole[]): boolean {
  return roles.some((role) => access.roles.has(role));
}

/** Throws FORBIDDEN unless the access holds one of the roles. */
export function requireRole(access: Pick<TopicAccess, 'roles'>, roles: TopicRole[], doing: string): void {
  if (!hasRole(access, ...roles)) throw forbidden(`Only ${roles.join(' or ')} may ${doing}`);
}
