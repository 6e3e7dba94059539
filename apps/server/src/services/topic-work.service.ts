import { canBePartyContact } from '@yishi/protocol';
import type {
  AnswerBody,
  OrgSettingsBody,
  OutcomeBody,
  ParticipantBody,
  ParticipantSuggestion,
  RatingBody,
  ResearchBody,
  TopicDetail,
  VettingBody,
} from '@yishi/protocol';
import { canManageMembers, canSeeOrg, type Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { DomainError, forbidden, invalidField, notFound } from '../errors.js';
import { raterKinds, requireCapability, requireRoleFor } from './topic-access.js';
import type { TopicsDeps, TopicsService } from './topics.service.js';
import { suggestParticipants } from './suggestions.js';
import { topicEntry } from './audit.service.js';

const invalid = invalidField;

/** The work of each step: vetting, participants, research, outcome, the answer and its ratings. */
export class TopicWorkService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly topicsService: TopicsService,
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async done(actor: Actor, topicId: string): Promise<TopicDetail> {
    await this.deps.events.emit('topic.changed', { topicId: topicId });
    return this.topicsService.get(actor, topicId);
  }

  /** Steps 1–2: the chair or secretariat answers the two questions, with reasons. */
  async vet(actor: Actor, topicId: string, body: VettingBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'vet');
    const now = this.now();
    await this.deps.store.transaction(async (tx) => {
      for (const question of ['relevance', 'remit'] as const) {
        const answer = body[question];
        if (!answer) continue;
        await tx.topics.upsertVetting({
          topicId,
          question,
          answer: answer.answer,
          reason: answer.reason,
          decidedBy: actor.user.id,
          decidedAt: now,
        });
      }
      await tx.topics.touch(topicId, now);
      await tx.audit.append(topicEntry(access, 'topic.vetted', now, { ...body }));
    });
    return this.done(actor, topicId);
  }

  /** Step 3: a member or official of the topic's organisation joins, with an assessment note. */
  async addParticipant(actor: Actor, topicId: string, body: ParticipantBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'manageParticipants');
    const membership = await this.deps.store.memberships.find(access.topic.orgId, body.userId);
    if (!membership?.active || !['member', 'official', 'chair'].includes(membership.role)) {
      throw invalid('userId', 'not an active member, official or chair of this organisation');
    }
    const now = this.now();
    await this.deps.store.transaction(async (tx) => {
      await tx.topics.upsertParticipant({
        topicId,
        userId: body.userId,
        assessment: body.assessment,
        addedBy: actor.user.id,
        addedAt: now,
      });
      await tx.audit.append(topicEntry(access, 'participant.added', now, { userId: body.userId }));
    });
    return this.done(actor, topicId);
  }

  async removeParticipant(actor: Actor, topicId: string, userId: string): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'manageParticipants');
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.topics.deleteParticipant(topicId, userId))) throw notFound('Participant');
      await tx.audit.append(topicEntry(access, 'participant.removed', this.now(), { userId }));
    });
    return this.done(actor, topicId);
  }

  /** Members whose sector or expertise matches the topic's tags, ranked, each with why. */
  async suggestions(actor: Actor, topicId: string): Promise<ParticipantSuggestion[]> {
    const access = await this.deps.access.load(actor, topicId);
    requireRoleFor(access, 'manageParticipants');
    const [members, participants] = await Promise.all([
      this.deps.store.memberships.membersOf(access.topic.orgId),
      this.deps.store.topics.participants(topicId),
    ]);
    const taken = new Set(participants.map((p) => p.userId));
    return suggestParticipants(
      access.topic.tags,
      members.filter((m) => !taken.has(m.userId)),
    );
  }

  /** Step 4: research reports, by the chair, the secretariat or a participant. */
  async addResearch(actor: Actor, topicId: string, body: ResearchBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'addResearch');
    const now = this.now();
    const id = newId();
    await this.deps.store.transaction(async (tx) => {
      await tx.topics.insertResearch({
        id,
        topicId,
        title: body.title,
        authors: body.authors ?? [actor.user.displayName],
        summary: body.summary,
        body: body.body,
        reportDate: body.date ?? now.slice(0, 10),
        createdBy: actor.user.id,
        createdAt: now,
      });
      await tx.audit.append(topicEntry(access, 'research.added', now, { reportId: id, title: body.title }));
    });
    return this.done(actor, topicId);
  }

  /**
   * Steps 6–7: the outcome's form, the departments that must answer (of the topic's organisation), a
   * due date not in the past, the party contact.
   */
  async setOutcome(actor: Actor, topicId: string, body: OutcomeBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'setOutcome');
    const departmentIds = [...new Set(body.recipientDepartmentIds)];
    const known = await this.deps.store.departments.inOrg(access.topic.orgId, departmentIds);
    for (const [i, id] of departmentIds.entries()) {
      if (!known.has(id)) throw invalid(`recipientDepartmentIds.${i}`, 'not a department of this organisation');
    }
    if (body.dueDate < this.now().slice(0, 10)) throw invalid('dueDate', 'the due date is in the past');
    const partyContactId = body.partyContactId ?? null;
    if (partyContactId) {
      const m = await this.deps.store.memberships.find(access.topic.orgId, partyContactId);
      if (!m?.active) throw invalid('partyContactId', 'not an active member of this organisation');
      if (!canBePartyContact(m, departmentIds)) {
        throw invalid(
          'partyContactId',
          'a chair, an observer or an official of a recipient cannot be the party contact',
        );
      }
    }
    const now = this.now();
    await this.deps.store.transaction(async (tx) => {
      const outcome = { form: body.form, departmentIds, dueDate: body.dueDate, partyContactId };
      await tx.topics.setOutcome(topicId, outcome, now);
      // The departments' names as they were: a department renamed or merged later keeps the log readable.
      const recipientDepartments = departmentIds.map((id) => ({ id, name: known.get(id)!.name }));
      const details = { form: body.form, recipientDepartments, dueDate: body.dueDate, partyContactId };
      await tx.audit.append(topicEntry(access, 'outcome.set', now, details));
    });
    return this.done(actor, topicId);
  }

  /** Step 8: a receiving official answers; the topic moves on to feedback. */
  async answer(actor: Actor, topicId: string, body: AnswerBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'answer');
    if (await this.deps.store.topics.answer(topicId, access.topic.round)) {
      throw new DomainError('CONFLICT', 'This outcome has been answered already');
    }
    const row = {
      topicId,
      round: access.topic.round,
      decision: body.decision,
      measures: body.measures,
      reason: body.reason,
      answeredBy: actor.user.id,
      answeredAt: this.now(),
    };
    await this.topicsService.advanceWith(access, 'feedback', null, {
      add: (record) => ({ ...record, answer: row }),
      write: async (tx) => {
        await tx.topics.insertAnswer(row);
        const details = { round: row.round, decision: row.decision };
        await tx.audit.append(topicEntry(access, 'answer.recorded', row.answeredAt, details));
      },
    });
    return this.topicsService.get(actor, topicId);
  }

  /** Step 8: the chair's and the party contact's ratings of the answer. */
  async rate(actor: Actor, topicId: string, body: RatingBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    const kinds = raterKinds(access);
    if (kinds.length === 0) {
      // Refused for the stage when one of the rater's roles is held, for the role otherwise.
      requireCapability(access, access.roles.has('party_contact') ? 'rateAsPartyContact' : 'rateAsChair');
    }
    const kind = body.as ?? (kinds.length === 1 ? kinds[0] : undefined);
    if (!kind) throw invalid('as', 'say whether you rate as chair or as party contact');
    if (!kinds.includes(kind)) throw forbidden(`You cannot rate as ${kind}`);
    const rating = {
      topicId,
      round: access.topic.round,
      kind,
      score: body.score,
      comment: body.comment,
      ratedBy: actor.user.id,
      ratedAt: this.now(),
    };
    await this.deps.store.transaction(async (tx) => {
      await tx.topics.upsertRating(rating);
      const details = { round: rating.round, kind, score: body.score };
      await tx.audit.append(topicEntry(access, 'rating.recorded', rating.ratedAt, details));
    });
    return this.done(actor, topicId);
  }

  /** The gate thresholds in force for an organisation, for anyone who belongs to it or above. */
  async orgSettings(actor: Actor, orgId: string) {
    const chain = await this.deps.store.tree.chain(orgId);
    if (chain.length === 0) throw notFound('Organisation');
    if (!canSeeOrg(actor, chain)) throw forbidden('You are not a member of this organisation');
    return this.deps.access.settings(orgId);
  }

  /** The gate thresholds of an organisation: its administrators and secretariat set them. */
  async setOrgSettings(actor: Actor, orgId: string, body: OrgSettingsBody) {
    const chain = await this.deps.store.tree.chain(orgId);
    if (chain.length === 0) throw notFound('Organisation');
    if (!canManageMembers(actor, chain)) throw forbidden('Only administrators and the secretariat set these');
    const current = await this.deps.access.settings(orgId);
    const next = { ...current, ...body };
    const now = this.now();
    await this.deps.store.transaction(async (tx) => {
      await tx.topics.upsertOrgSettings({
        orgId,
        ...next,
        requireOfficialExchange: next.requireOfficialExchange ? 1 : 0,
        updatedAt: now,
      });
      await tx.audit.append({
        log: orgId,
        at: now,
        actorId: actor.user.id,
        action: 'settings.changed',
        subject: { type: 'org', id: orgId },
        details: { ...body },
      });
    });
    return next;
  }
}
