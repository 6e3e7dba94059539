import { hash, verify, type Options } from '@node-rs/argon2';

/**
 * argon2id (the @node-rs/argon2 default) with OWASP's minimum: 19 MiB of memory, 2 passes,
 * 1 lane. Memory-hard, and ~30 ms here, so that logins stay quick while guessing stays slow.
 */
export const owaspArgon2: Readonly<Options> = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes and checks passwords. A stored hash names the parameters it was made with, so checking
 * follows the hash, whatever made it; the parameters only set the cost of new hashes. The server
 * always uses `owaspArgon2` (main.ts has no way to lower it); the integration tests, which enrol
 * thousands of accounts, pass cheaper ones — like Django's test settings do.
 */
export class Passwords {
  private decoy: Promise<string> | undefined;

  constructor(private readonly options: Readonly<Options> = owaspArgon2) {}

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  }

  /** Verified when a login names no account, so that a missing account takes as long as a wrong password. */
  async burnDecoyVerification(password: string): Promise<void> {
    this.decoy ??= this.hash('decoy password that never matches');
    await this.verify(await this.decoy, password);
  }
}
