/**
 * The bounds of the texts, lists and numbers that people type, in one place: the schemas enforce
 * them and the forms state them before they are reached. Free of zod, so that the browser bundle
 * can use them without pulling the schemas in.
 *
 * A text's length is counted after trimming, in UTF-16 code units as zod counts it (one per Chinese
 * character); `…Min`/`…Max` bound numbers, and plural names (`tags`) bound how many items a list has.
 */
export const FieldLimits = {
  topic: { title: 200, summary: 5000, tag: 40, tags: 20 },
  research: { title: 200, summary: 5000, body: 200_000, author: 100, authors: 20 },
  meeting: { title: 200, location: 200, videoUrl: 500 },
  /** A reason given for a vetting answer or for moving a topic on (rejecting, withdrawing, an exception). */
  reason: 2000,
  /** The assessment note of a participant (要一). */
  assessment: 2000,
  /** The note that goes with a forwarded dossier (上报 / 交办). */
  forwardNote: 2000,
  answer: { measures: 10_000, reason: 10_000 },
  rating: { scoreMin: 1, scoreMax: 5, comment: 2000 },
  org: { name: 100 },
  department: { name: 100 },
  member: {
    loginMin: 2,
    login: 64,
    passwordMin: 8,
    password: 256,
    displayName: 100,
    sector: 50,
    expertise: 40,
    expertiseItems: 20,
  },
  gates: { minResearchReportsMax: 20, minDistinctSpeakersMin: 1, minDistinctSpeakersMax: 50 },
  draftVersionName: 100,
  minutes: 200_000,
} as const;

/**
 * Why the server refused a field that has the right shape, in a VALIDATION detail's `problem`, so
 * that a client can say it in the reader's language.
 */
export const FieldProblems = ['weak_password'] as const;
export type FieldProblem = (typeof FieldProblems)[number];

/**
 * How many items a page of a list holds: `limit` asks for up to `max`, `default` when not said. The
 * next page comes from the `next` cursor the last page gave (docs/api.yaml, Pagination).
 */
export const PageLimits = { default: 50, max: 200, cursor: 500 } as const;

/** How many unanswered outcomes the dashboard lists (the earliest due); it counts them all. */
export const DashboardLimits = { answersDue: 50 } as const;

/** The bounds of a case search's text: its length, how many words, and how long each word may be. */
export const CaseSearchLimits = { length: 100, words: 8, wordLength: 50 } as const;
