import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { FieldProblem } from '@yishi/protocol';
import { DomainError, type ValidationIssue } from '../errors.js';

/**
 * zxcvbn's score, 0–4: the estimated guesses are below 10³, 10⁶, 10⁸, 10¹⁰, or above. 2 refuses
 * the ~50,000 common passwords of its list and their easy variations (`password1`, `p@ssw0rd!`,
 * `qwertyuiop`, `12345678`, a name with a year), as NIST SP 800-63B asks of a blocklist, and
 * still takes a short phrase of a few words that a committee member can remember.
 */
const MIN_SCORE = 2;

/** Words that say nothing in this installation's passwords, besides the person's own login and name. */
const SITE_WORDS = ['yishi', '议事'];

/**
 * Built on first use (a quarter of a second: it indexes the lists), then shared: it only reads.
 * Offline: the lists come inside the npm package.
 */
let estimator: ZxcvbnFactory | undefined;

/** What is wrong with a new password of the person `about`; undefined when nothing is. */
export function passwordProblem(
  password: string,
  about: { login: string; displayName?: string },
): FieldProblem | undefined {
  if (password.trim() === '') return 'weak_password';
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const inputs = [about.login, ...(about.displayName ? [about.displayName] : []), ...SITE_WORDS];
  return estimator.check(password, inputs).score < MIN_SCORE ? 'weak_password' : undefined;
}

/** Throws VALIDATION on the `password` field, problem `weak_password`, for a password too easy to guess. */
export function assertStrongPassword(password: string, about: { login: string; displayName?: string }): void {
  const problem = passwordProblem(password, about);
  if (!problem) return;
  const issue: ValidationIssue = {
    path: 'password',
    message: 'too easy to guess: a common password, or like one',
    problem,
  };
  throw new DomainError('VALIDATION', 'Invalid request body', [issue]);
}
