import { z } from 'zod';
import type { RaterKind } from '@yishi/procedure';
import type { MeetingForm, MeetingMode } from './constants.js';

/** How long each list of `GET /api/me/overview` may grow: a home page, not a report. */
export const OVERVIEW_LIMITS = {
  /** Meetings open now in my topics. */
  live: 10,
  /** Meetings of my topics still to open. */
  upcoming: 5,
  /** The default and the largest number of tasks. */
  tasksDefault: 20,
  tasksMax: 50,
} as const;

export const overviewQuery = z.strictObject({
  /** How many tasks at most; `moreTasks` says whether some were left out. */
  limit: z.coerce.number().int().min(1).max(OVERVIEW_LIMITS.tasksMax).default(OVERVIEW_LIMITS.tasksDefault),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

/** How the signed-in person takes part in a meeting of their overview: running it, or as a participant. */
export type MyRole = 'chair' | 'secretariat' | 'participant';

/** A meeting of one of my topics: a topic I take part in, or one my organisation's chair or secretariat runs. */
export interface MyMeeting {
  id: string;
  title: string;
  topicId: string;
  topicTitle: string;
  orgName: string;
  startsAt: string;
  openedAt: string | null;
  form: MeetingForm;
  mode: MeetingMode;
  as: MyRole;
}

/** Where the task is: the topic, in its organisation. */
interface TaskOf<K extends string> {
  kind: K;
  topicId: string;
  /** The topic's title. */
  title: string;
  orgName: string;
}

/**
 * Something waiting on the signed-in person: a topic to vet (chair, secretariat), an answer due (a
 * recipient), a rating due (the chair, the party contact), a poll open in a meeting they may vote in.
 */
export type MyTask =
  | TaskOf<'vet'>
  | (TaskOf<'answer'> & { dueDate: string | null; overdue: boolean })
  | (TaskOf<'rate'> & { as: RaterKind })
  | (TaskOf<'vote'> & { meetingId: string; meetingTitle: string; pollId: string; question: string; voted: boolean });

export type MyTaskKind = MyTask['kind'];

/** `GET /api/me/overview`: what is live now and what waits on me, for the home page. */
export interface Overview {
  live: MyMeeting[];
  upcoming: MyMeeting[];
  /** Polls to vote in first, then answers by due date, ratings, topics to vet. */
  tasks: MyTask[];
  /** More tasks wait than `limit` let through. */
  moreTasks: boolean;
}
