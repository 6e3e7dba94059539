import {
  defaultDutyWeights,
  DutyCountKeys,
  dutyScore,
  opinionDutyCredits,
  proposalDutyCredits,
  validateWeights,
  type DutyCountKey,
  type DutyWeights,
} from '@yishi/duty';
import type {
  DutyExportQuery,
  DutyItem,
  DutyQuery,
  DutyRecord,
  DutyRow,
  DutyTable,
  DutyWeightsBody,
  DutyWeightsView,
  Member,
} from '@yishi/protocol';
import { canManageMembers, rolesOver, type Actor } from '../auth/policy.js';
import type { Clock } from '../deps.js';
import { dutyWorkbook } from '../documents/duty-xlsx.js';
import { forbidden, notFound } from '../errors.js';
import type { Store } from '../store/store.js';
import { composeAttendance } from './attendance.js';
import { yearOf, yearStart } from './committee-calendar.js';
import { valueOf } from './duty-outcome.js';
import type { OrgsService } from './orgs.service.js';

/** Each person's items of a year, by count. */
type Ledger = Map<string, Record<DutyCountKey, DutyItem[]>>;

const emptyItems = (): Record<DutyCountKey, DutyItem[]> =>
  Object.fromEntries(DutyCountKeys.map((key) => [key, []])) as unknown as Record<DutyCountKey, DutyItem[]>;

/** Whether the actor reads every member's record: the chair, the secretariat and administrators. */
const readsAll = (actor: Actor, chain: readonly string[]) =>
  canManageMembers(actor, chain) || rolesOver(actor, chain).has('chair');

/**
 * Duty records (履职档案, docs/design.md §6): what each member of an organisation did in a year,
 * counted from what the store already holds — attendance as the minutes print it, the speech log,
 * topic participants, research reports, submitted proposals — and scored with the weights the
 * secretariat set. Nothing is kept but the weights: a record is always what happened.
 */
export class DutyService {
  constructor(
    private readonly store: Store,
    private readonly orgs: OrgsService,
    private readonly clock: Clock,
  ) {}

  /** Every member's record of a year, by sector and then name: for the chair, the secretariat and administrators. */
  async table(actor: Actor, orgId: string, query: DutyQuery): Promise<DutyTable> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (!readsAll(actor, chain)) {
      throw forbidden('The duty records of all members are for the chair, the secretariat and administrators');
    }
    const year = query.year ?? yearOf(this.clock.now());
    const [ledger, weights, members] = await Promise.all([
      this.ledger(orgId, year),
      this.currentWeights(orgId),
      this.store.memberships.membersOf(orgId),
    ]);
    // The members of the organisation, and anyone who was one and did something this year.
    const rows = members
      .filter((m) => m.role === 'member' && (m.active || ledger.has(m.userId)))
      .map((m) => row(m, ledger.get(m.userId) ?? emptyItems(), weights));
    rows.sort(
      (a, b) =>
        Number(a.sector === null) - Number(b.sector === null) ||
        (a.sector ?? '').localeCompare(b.sector ?? '', 'zh-CN') ||
        a.displayName.localeCompare(b.displayName, 'zh-CN'),
    );
    return { orgId, year, weights, members: rows };
  }

  /** One person's record of a year, each count with its items: their own, or anyone's for those who read all. */
  async record(actor: Actor, orgId: string, userId: string, query: DutyQuery): Promise<DutyRecord> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (actor.user.id !== userId && !readsAll(actor, chain)) {
      throw forbidden('A member reads their own duty record; the secretariat and the chair read everyone’s');
    }
    const member = (await this.store.memberships.membersOf(orgId)).find((m) => m.userId === userId);
    if (!member) throw notFound('Member');
    const year = query.year ?? yearOf(this.clock.now());
    const [ledger, weights] = await Promise.all([this.ledger(orgId, year), this.currentWeights(orgId)]);
    const items = ledger.get(userId) ?? emptyItems();
    return { ...row(member, items, weights), orgId, year, weights, items };
  }

  /**
   * The table as an XLSX workbook, for those who read it; recorded in the audit log (a document
   * with every member's record left the building) before it is sent.
   */
  async workbook(actor: Actor, orgId: string, query: DutyExportQuery): Promise<{ file: Buffer; name: string }> {
    const table = await this.table(actor, orgId, query);
    const org = await this.store.orgs.findById(orgId);
    const file = await dutyWorkbook(table, org?.name ?? '', query.lang);
    const now = this.clock.now().toISOString();
    await this.store.transaction((tx) =>
      tx.audit.append({
        log: orgId,
        at: now,
        actorId: actor.user.id,
        action: 'document.exported',
        subject: { type: 'org', id: orgId },
        details: { document: 'duty', format: 'xlsx', lang: query.lang, year: table.year },
      }),
    );
    return { file, name: `${org?.name ?? 'duty'} ${table.year}` };
  }

  async weights(actor: Actor, orgId: string): Promise<DutyWeightsView> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (!readsAll(actor, chain)) throw forbidden('The weights are for the chair, the secretariat and administrators');
    const stored = await this.store.duty.weights(orgId);
    return { weights: weightsOf(stored), defaults: stored === undefined };
  }

  /** The secretariat (or an administrator) sets some weights; the others keep theirs. */
  async setWeights(actor: Actor, orgId: string, body: DutyWeightsBody): Promise<DutyWeightsView> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (!canManageMembers(actor, chain)) throw forbidden('The secretariat and administrators set the weights');
    const now = this.clock.now().toISOString();
    const weights = await this.store.transaction(async (tx) => {
      const current = weightsOf(await tx.duty.weights(orgId));
      const changed = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
      const next = valueOf(validateWeights({ ...current, ...changed }));
      await tx.duty.setWeights(orgId, next, actor.user.id, now);
      await tx.audit.append({
        log: orgId,
        at: now,
        actorId: actor.user.id,
        action: 'duty.weights_changed',
        subject: { type: 'org', id: orgId },
        details: { weights: changed },
      });
      return next;
    });
    return { weights, defaults: false };
  }

  private async currentWeights(orgId: string): Promise<DutyWeights> {
    return weightsOf(await this.store.duty.weights(orgId));
  }

  /** Everything people did in the organisation in `year`, by person and count. */
  private async ledger(orgId: string, year: number): Promise<Ledger> {
    const from = yearStart(year);
    const to = yearStart(year + 1);
    const { duty } = this.store;
    const [attended, speeches, participations, research, proposals, opinions] = await Promise.all([
      this.attendance(orgId, from, to),
      duty.speeches(orgId, from, to),
      duty.participations(orgId, from, to),
      duty.research(orgId, from, to),
      duty.submittedProposals(orgId, from, to),
      this.store.opinions.submittedIn(orgId, from, to),
    ]);
    const ledger: Ledger = new Map();
    const add = (userId: string, key: DutyCountKey, item: DutyItem) => {
      const items = ledger.get(userId) ?? emptyItems();
      items[key].push(item);
      ledger.set(userId, items);
    };
    for (const [userId, item] of attended) add(userId, 'meetingsAttended', item);
    for (const s of speeches)
      add(s.userId, 'speeches', { kind: 'meeting', id: s.id, topicId: s.topicId, title: s.title, at: s.at });
    for (const p of participations)
      add(p.userId, 'topics', { kind: 'topic', id: p.id, topicId: p.topicId, title: p.title, at: p.at });
    for (const r of research)
      add(r.userId, 'research', { kind: 'topic', id: r.id, topicId: r.topicId, title: r.title, at: r.at });
    for (const proposal of proposals) {
      const title = proposal.number ? `${proposal.number} ${proposal.title}` : proposal.title;
      const item: DutyItem = {
        kind: 'proposal',
        id: proposal.id,
        topicId: null,
        title,
        at: proposal.submittedAt ?? '',
      };
      for (const credit of proposalDutyCredits(proposal)) add(credit.userId, credit.count, item);
    }
    for (const opinion of opinions) {
      const item: DutyItem = {
        kind: 'opinion',
        id: opinion.id,
        topicId: null,
        title: opinion.title,
        at: opinion.submittedAt,
      };
      for (const credit of opinionDutyCredits(opinion)) add(credit.userId, credit.count, item);
    }
    return ledger;
  }

  /**
   * Who attended each meeting held in the span (in the hall or remote), as the minutes print it:
   * composed by the same rule, from facts read for all the meetings at once.
   */
  private async attendance(orgId: string, from: string, to: string): Promise<[string, DutyItem][]> {
    const [meetings, facts, members] = await Promise.all([
      this.store.meetings.heldInOrg(orgId, from, to),
      this.store.duty.heldMeetingFacts(orgId, from, to),
      this.store.memberships.membersOf(orgId),
    ]);
    const runners = members.filter((m) => m.role === 'chair' || m.role === 'secretariat').map((m) => m.userId);
    return meetings.flatMap((meeting) => {
      const item: DutyItem = {
        kind: 'meeting',
        id: meeting.id,
        topicId: meeting.topicId,
        title: meeting.title,
        at: meeting.startsAt,
      };
      const known = facts.get(meeting.id);
      const entries = composeAttendance({
        mode: meeting.mode,
        came: known?.came ?? [],
        sites: known?.sites ?? new Map(),
        speakers: known?.speakers ?? [],
        participants: known?.participants ?? [],
        runners,
        corrections: known?.corrections ?? [],
      });
      return entries
        .filter((e) => e.status === 'hall' || e.status === 'remote')
        .map((e): [string, DutyItem] => [e.userId, item]);
    });
  }
}

/** The stored weights read with the rules' check, the defaults filling what was never set. */
function weightsOf(stored: unknown): DutyWeights {
  if (stored === undefined) return { ...defaultDutyWeights };
  const checked = validateWeights(stored);
  return checked.ok ? checked.value : { ...defaultDutyWeights };
}

function row(member: Member, items: Record<DutyCountKey, DutyItem[]>, weights: DutyWeights): DutyRow {
  const counts = Object.fromEntries(DutyCountKeys.map((key) => [key, items[key].length])) as DutyRow['counts'];
  return {
    userId: member.userId,
    displayName: member.user.displayName,
    sector: member.sector,
    counts,
    score: dutyScore(counts, weights),
  };
}
