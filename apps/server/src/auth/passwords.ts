import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the @node-rs/argon2 default) with OWASP's minimum: 19 MiB of memory, 2 passes,
 * 1 lane. Memory-hard, and ~30 ms here, so that logins stay quick while guessing stays slow.
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Verified when a login names no account, so that a missing account takes as long as a wrong password. */
let decoy: Promise<string> | undefined;
export async function burnDecoyVerification(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that never matches');
  await verifyPassword(await decoy, password);
}
