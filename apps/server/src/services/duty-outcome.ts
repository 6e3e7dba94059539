import type { DutyError, DutyOutcome } from '@yishi/duty';
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
