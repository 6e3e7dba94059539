/**
 * A fresh id for one user action on the queue (the server answers a retried id with its first
 * answer instead of applying it twice).
 */

/**
 * A random UUID v4. `crypto.randomUUID` exists only on secure origins (HTTPS or localhost); a
 * committee's hall may serve Yishi over plain HTTP on its own network, so it is built from
 * `crypto.getRandomValues` there, which every origin has.
 */
export function newCommandId(
  random: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto,
): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
