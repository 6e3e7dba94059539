import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so that what the log shows is typed back without a doubt. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A one-time setup code: 20 random symbols of 5 bits (100 bits, beyond any guessing), shown in
 * groups of five (`ABCDE-FGHJK-MNPQR-STVWX`).
 */
export function newSetupCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** What was typed, as the code is stored: capitals, no spaces or dashes, and O, I, L read as 0, 1, 1. */
function normalized(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Whether `typed` is the stored code, compared in constant time. */
export function isSetupCode(stored: string, typed: string): boolean {
  const digest = (code: string) => createHash('sha256').update(normalized(code)).digest();
  return timingSafeEqual(digest(stored), digest(typed));
}
