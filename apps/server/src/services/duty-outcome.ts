import type { DutyActor, DutyError, DutyOutcome } from '@yishi/duty';
import type { Actor } from '../auth/policy.js';
import { DomainError, invalidField } from '../errors.js';

/** A refusal of the duty rules as the API says it: its code, its message, and the field or the reason. */
export function refused(error: DutyError): DomainError {
  if (error.code === 'VALIDATION') {
    return invalidField(error.field ?? '', error.message);
  }
  return new DomainError(error.code, error.message, { reason: error.reason });
}

/** The value the duty rules gave, or their refusal thrown as the API's error. */
export function valueOf<T>(outcome: DutyOutcome<T>): T {
  if (!outcome.ok) throw refused(outcome.error);
  return outcome.value;
}

/**
 * Who the actor is to an organisation's proposals and reports: the role of their membership in it
 * (an official with their department), a site administrator as `admin`, anyone else as `observer`,
 * whom the rules let do nothing.
 */
export function dutyActorIn(actor: Actor, orgId: string): DutyActor {
  const membership = actor.memberships.find((m) => m.orgId === orgId);
  if (membership) return { userId: actor.user.id, role: membership.role, departmentId: membership.departmentId };
  return { userId: actor.user.id, role: actor.user.isAdmin ? 'admin' : 'observer', departmentId: null };
}
