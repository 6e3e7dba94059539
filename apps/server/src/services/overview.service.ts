import {
  OVERVIEW_LIMITS,
  type MyMeeting,
  type MyRole,
  type MyTask,
  type Overview,
  type OverviewQuery,
  type Role,
} from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import type { MyTopicsScope } from '../store/reports.repo.js';
import type { FollowUpService } from './follow-up.service.js';
import type { TopicsDeps } from './topics.service.js';

/** China's offset from UTC (no daylight saving): a day there starts at 16:00 UTC the day before. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** 00:00 of the day containing `now`, in China's time zone. */
function dayStart(now: Date): Date {
  const local = now.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (local % (24 * 3600 * 1000)) - CHINA_OFFSET_MS);
}

/** Where the actor's roles reach: the organisations they chair, run as secretariat, or see at all, by id with names. */
interface Reach {
  chairs: Map<string, string>;
  secretariat: Map<string, string>;
  runs: Map<string, string>;
  scope: MyTopicsScope;
}

/**
 * The home page's overview: meetings open now (and next) in the person's topics, and what waits on
 * them — polls to vote in, answers due, ratings due, topics to vet. Every list is bounded; nothing
 * is listed that the person could not open.
 */
export class OverviewService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly followUp: Pick<FollowUpService, 'answersDue'>,
  ) {}

  async get(actor: Actor, query: OverviewQuery): Promise<Overview> {
    const reach = await this.reach(actor);
    const roleIn = (orgId: string): MyRole =>
      reach.chairs.has(orgId) ? 'chair' : reach.secretariat.has(orgId) ? 'secretariat' : 'participant';
    const meeting = ({ orgId, ...row }: Omit<MyMeeting, 'as'> & { orgId: string }): MyMeeting => ({
      ...row,
      as: roleIn(orgId),
    });
    const { reports } = this.deps.store;
    const today = dayStart(this.deps.clock.now()).toISOString();
    const [live, upcoming, tasks] = await Promise.all([
      reports.myMeetings(reach.scope, 'open', OVERVIEW_LIMITS.live),
      reports.myMeetings(reach.scope, 'scheduled', OVERVIEW_LIMITS.upcoming, today),
      // One more than asked for tells whether some were left out.
      this.tasks(actor, reach, query.limit + 1),
    ]);
    return {
      live: live.map(meeting),
      upcoming: upcoming.map(meeting),
      tasks: tasks.slice(0, query.limit),
      moreTasks: tasks.length > query.limit,
    };
  }

  /** Up to `n` tasks of each kind: polls to vote in, answers by due date, ratings, topics to vet. */
  private async tasks(actor: Actor, { chairs, runs, scope }: Reach, n: number): Promise<MyTask[]> {
    const { reports, topics } = this.deps.store;
    const [votes, answers, ratings, vetting] = await Promise.all([
      reports.openPollsFor(scope.userId, scope.visible, scope.runs, n),
      this.followUp.answersDue(actor, n),
      reports.ratingsDue(scope.userId, [...chairs.keys()], n),
      runs.size > 0 ? topics.page({ orgIds: scope.runs, stage: 'vetting' }, undefined, n) : Promise.resolve([]),
    ]);
    return [
      ...votes.map((vote): MyTask => ({ kind: 'vote', ...vote })),
      ...answers.map(({ topicId, title, orgName, dueDate, overdue }): MyTask => ({
        kind: 'answer',
        topicId,
        title,
        orgName,
        dueDate,
        overdue,
      })),
      ...ratings.flatMap(({ asChair, asPartyContact, id, ...topic }): MyTask[] => [
        ...(asChair ? [{ kind: 'rate' as const, topicId: id, ...topic, as: 'chair' as const }] : []),
        ...(asPartyContact ? [{ kind: 'rate' as const, topicId: id, ...topic, as: 'party_contact' as const }] : []),
      ]),
      ...vetting.slice(0, n).map((topic): MyTask => ({
        kind: 'vet',
        topicId: topic.id,
        title: topic.title,
        orgName: runs.get(topic.orgId) ?? '',
      })),
    ];
  }

  /** The organisations the actor's roles reach; a site administrator sees every one. */
  private async reach(actor: Actor): Promise<Reach> {
    const [chairs, secretariat, visible] = await Promise.all([
      this.orgsWhere(actor, ['chair']),
      this.orgsWhere(actor, ['secretariat']),
      actor.user.isAdmin ? Promise.resolve('all' as const) : this.orgsWhere(actor, 'any'),
    ]);
    const runs = new Map([...chairs, ...secretariat]);
    const scope: MyTopicsScope = {
      userId: actor.user.id,
      visible: visible === 'all' ? 'all' : [...visible.keys()],
      runs: [...runs.keys()],
    };
    return { chairs, secretariat, runs, scope };
  }

  /**
   * The organisations where the actor holds one of `roles` (any role: `any`), and every one below
   * them (a role reaches down the tree), by id with their names.
   */
  private async orgsWhere(actor: Actor, roles: readonly Role[] | 'any'): Promise<Map<string, string>> {
    const roots = actor.memberships.filter((m) => roles === 'any' || roles.includes(m.role)).map((m) => m.orgId);
    const orgs = await this.deps.store.tree.subtree(roots);
    return new Map(orgs.map((org) => [org.id, org.name]));
  }
}
