import { DashboardLimits, MeetingForms, MeetingModes, type Dashboard, type DashboardQuery } from '@yishi/protocol';
import { canManageMembers, rolesOver, type Actor } from '../auth/policy.js';
import { forbidden, notFound } from '../errors.js';
import { yearOf, yearStart } from './committee-calendar.js';
import type { TopicsDeps } from './topics.service.js';

const DAY_MS = 24 * 3600 * 1000;

/** Monday 00:00 of the week containing `now`, in China's time zone (UTC+8, no daylight saving). */
function weekStart(now: Date): Date {
  const local = new Date(now.getTime() + 8 * 3600 * 1000);
  const weekday = (local.getUTCDay() + 6) % 7;
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - weekday * DAY_MS;
  return new Date(monday - 8 * 3600 * 1000);
}

/**
 * The secretariat's dashboard for an organisation and everything below it: topics by stage, the
 * week's meetings, answers due and overdue, speaking time by sector over a period, and a year's
 * meetings by form and mode.
 */
export class DashboardService {
  constructor(private readonly deps: TopicsDeps) {}

  async get(actor: Actor, query: DashboardQuery): Promise<Dashboard> {
    const chain = await this.deps.store.tree.chain(query.orgId);
    if (chain.length === 0) throw notFound('Organisation');
    if (!canManageMembers(actor, chain) && !rolesOver(actor, chain).has('chair')) {
      throw forbidden('The dashboard is for the chair, the secretariat and administrators');
    }
    const orgIds = (await this.deps.store.tree.subtree([query.orgId])).map((o) => o.id);
    const now = this.deps.clock.now();
    const today = now.toISOString().slice(0, 10);
    const to = query.to ?? today;
    const from = query.from ?? new Date(Date.parse(to) - 90 * DAY_MS).toISOString().slice(0, 10);
    const { reports } = this.deps.store;
    const weekFrom = weekStart(now);
    const year = query.year ?? yearOf(now);
    const [topicsByStage, meetingsThisWeek, answersDue, answersDueCount, speeches, byForm] = await Promise.all([
      reports.topicsByStage(orgIds),
      reports.meetingsBetween(orgIds, weekFrom.toISOString(), new Date(weekFrom.getTime() + 7 * DAY_MS).toISOString()),
      this.answersDue(orgIds, today),
      reports.unansweredCount(orgIds, today),
      reports.speechesBetween(orgIds, from, new Date(Date.parse(to) + DAY_MS).toISOString()),
      reports.meetingsByForm(orgIds, yearStart(year), yearStart(year + 1)),
    ]);
    const bySector = new Map<string | null, { seconds: number; speeches: number; speakers: Set<string> }>();
    for (const s of speeches) {
      const entry = bySector.get(s.sector) ?? { seconds: 0, speeches: 0, speakers: new Set<string>() };
      entry.seconds += s.durationSeconds;
      entry.speeches += 1;
      entry.speakers.add(s.speakerId);
      bySector.set(s.sector, entry);
    }
    return {
      orgId: query.orgId,
      topicsByStage,
      meetingsThisWeek,
      answersDue,
      answersDueCount,
      speakingBySector: [...bySector]
        .map(([sector, e]) => ({ sector, seconds: e.seconds, speeches: e.speeches, speakers: e.speakers.size }))
        .sort((a, b) => b.seconds - a.seconds),
      period: { from, to },
      meetingsByForm: this.meetingsByForm(year, byForm),
    };
  }

  /** The year's counts with every form and mode present, zero where none was held. */
  private meetingsByForm(
    year: number,
    rows: Awaited<ReturnType<TopicsDeps['store']['reports']['meetingsByForm']>>,
  ): Dashboard['meetingsByForm'] {
    const byForm = Object.fromEntries(MeetingForms.map((form) => [form, 0])) as Dashboard['meetingsByForm']['byForm'];
    const byMode = Object.fromEntries(MeetingModes.map((mode) => [mode, 0])) as Dashboard['meetingsByForm']['byMode'];
    let total = 0;
    for (const row of rows) {
      byForm[row.form] += row.count;
      byMode[row.mode] += row.count;
      total += row.count;
    }
    return { year, total, byForm, byMode };
  }

  private async answersDue(orgIds: string[], today: string): Promise<Dashboard['answersDue']> {
    const rows = await this.deps.store.reports.unanswered(orgIds, DashboardLimits.answersDue);
    const recipients = await this.deps.store.topics.recipientsOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      topicId: r.id,
      title: r.title,
      dueDate: r.dueDate ?? '',
      overdue: r.dueDate !== null && r.dueDate < today,
      recipients: recipients.get(r.id) ?? [],
    }));
  }
}
