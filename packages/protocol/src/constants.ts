/**
 * The enumerations of the contract, free of zod so that the browser bundle can use them without
 * pulling the schemas in.
 */
export const OrgLevels = ['province', 'city', 'county', 'township', 'liaison_station', 'consultation_room'] as const;
export type OrgLevel = (typeof OrgLevels)[number];

/** Rank of a level: a child organisation must sit strictly below its parent. */
export function levelRank(level: OrgLevel): number {
  return OrgLevels.indexOf(level);
}

export const Roles = ['admin', 'secretariat', 'chair', 'member', 'official', 'observer'] as const;
export type Role = (typeof Roles)[number];

/** The name of the session cookie (docs/protocol.md). */
export const SESSION_COOKIE = 'yishi_sid';

/** Kinds in the speech log: the four a participant raises, and the official's answer to a question. */
export const SpeechKinds = ['speech', 'reply', 'point_of_order', 'question', 'answer'] as const;
export type SpeechKind = (typeof SpeechKinds)[number];
