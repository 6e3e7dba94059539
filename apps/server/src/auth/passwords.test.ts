import { describe, expect, it } from 'vitest';
import { owaspArgon2, Passwords } from './passwords.js';

describe('passwords', () => {
  it('hash with argon2id at OWASP’s minimum cost unless told otherwise', async () => {
    const passwords = new Passwords();
    const stored = await passwords.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(owaspArgon2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await passwords.verify(stored, 'correct horse battery staple')).toBe(true);
    expect(await passwords.verify(stored, 'correct horse battery stapler')).toBe(false);
  });

  it('check a hash by its own parameters, whatever made it', async () => {
    const cheap = await new Passwords({ memoryCost: 8, timeCost: 1, parallelism: 1 }).hash('p4ss word');
    expect(cheap).toMatch(/\$m=8,t=1,p=1\$/);
    expect(await new Passwords().verify(cheap, 'p4ss word')).toBe(true);
  });

  it('take a damaged stored hash as a wrong password, not an error', async () => {
    const passwords = new Passwords();
    expect(await passwords.verify('not a hash', 'anything')).toBe(false);
    await expect(passwords.burnDecoyVerification('anything')).resolves.toBeUndefined();
  });
});
