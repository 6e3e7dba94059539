import { describe, expect, it } from 'vitest';
import { queueBarePayload } from '@yishi/protocol';
import { newCommandId } from './commandId';

describe('newCommandId', () => {
  it('uses crypto.randomUUID where the origin has it', () => {
    expect(newCommandId({ randomUUID: () => '6f1c1d0e-0000-4000-8000-000000000000', getRandomValues: (a) => a })).toBe(
      '6f1c1d0e-0000-4000-8000-000000000000',
    );
  });

  it('builds a UUID v4 the server accepts where it does not (plain HTTP)', () => {
    const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) } as Pick<Crypto, 'getRandomValues'>;
    const ids = Array.from({ length: 50 }, () => newCommandId(insecure));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(queueBarePayload.safeParse({ commandId: id }).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
