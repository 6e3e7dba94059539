import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { assertStrongPassword, passwordProblem } from './password-strength.js';

const zhang = { login: 'zhangwei', displayName: '张伟' };

describe('a new password', () => {
  it('is refused when it is only spaces, or a common password, or like one', () => {
    for (const password of [
      '        ',
      ' \t  \u3000    ',
      'password',
      '12345678',
      'iloveyou',
      'qwertyuiop',
      'password1',
      'p@ssw0rd!',
      '1qaz2wsx3edc',
      'aaaaaaaaaaaa',
      'zhangwei123',
      'yishi2026',
    ]) {
      expect(passwordProblem(password, zhang), JSON.stringify(password)).toBe('weak_password');
    }
  });

  it('is taken when it is a few words or otherwise hard to guess', () => {
    for (const password of ['correct horse battery staple', 'Tr0ub4dor&3', '江城 sunrise 47 lanterns', 'mx7-Kq2-vR9']) {
      expect(passwordProblem(password, zhang), password).toBeUndefined();
    }
  });

  it('is refused with VALIDATION on the password field, for the client to word', () => {
    let thrown: unknown;
    try {
      assertStrongPassword('password1', zhang);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).toApiError()).toEqual({
      code: 'VALIDATION',
      message: 'Invalid request body',
      details: [{ path: 'password', message: expect.any(String), problem: 'weak_password' }],
    });
  });
});
