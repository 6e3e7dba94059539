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

/**
 * Who may be a topic's party-committee contact (党委联系人), whose rating (书记满意) stands beside the
 * chair's (主席得意): not a chair, so that the two ratings come from two people, and not an observer,
 * who only reads. An official of a recipient department may not be the contact either: they answer,
 * not rate.
 */
export const PartyContactRoles = ['secretariat', 'member', 'official'] as const satisfies readonly Role[];

/** Whether a member may be named a topic's party contact, given the outcome's recipient departments. */
export function canBePartyContact(
  member: { role: Role; departmentId: string | null },
  recipientDepartmentIds: readonly string[],
): boolean {
  return (
    (PartyContactRoles as readonly Role[]).includes(member.role) &&
    !(member.departmentId !== null && recipientDepartmentIds.includes(member.departmentId))
  );
}

/** The name of the session cookie (docs/protocol.md). */
export const SESSION_COOKIE = 'yishi_sid';

/** Kinds in the speech log: the four a participant raises, and the official's answer to a question. */
export const SpeechKinds = ['speech', 'reply', 'point_of_order', 'question', 'answer'] as const;
export type SpeechKind = (typeof SpeechKinds)[number];

/** The forms of consultation a meeting takes (专题, 对口, 界别, 提案办理, 远程, 一线协商). */
export const MeetingForms = ['thematic', 'counterpart', 'sector', 'proposal', 'remote', 'on_site'] as const;
export type MeetingForm = (typeof MeetingForms)[number];

/** Where people take part from: the hall, remotely, or both. */
export const MeetingModes = ['in_person', 'remote', 'hybrid'] as const;
export type MeetingMode = (typeof MeetingModes)[number];
