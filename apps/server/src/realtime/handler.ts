import type { Ack } from '@yishi/protocol';
import type { z } from 'zod';
import { DomainError, parseInput } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * Wraps a socket event handler: the payload is parsed with its schema, the ack is always the
 * contract's `{ok:true, ...}` or `{ok:false, error}`, and nothing unknown reaches the client.
 */
export function handler<S extends z.ZodType, R extends object>(
  schema: S,
  logger: Logger,
  run: (payload: z.output<S>) => Promise<R>,
) {
  return (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (res: Ack<R>) => void) : () => undefined;
    Promise.resolve()
      .then(() => run(parseInput(schema, payload, 'payload')))
      .then((result) => reply({ ok: true, ...result }))
      .catch((err: unknown) => {
        if (err instanceof DomainError) {
          reply({ ok: false, error: err.toApiError() });
          return;
        }
        logger.error({ err }, 'socket handler failed');
        reply({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on the server' } });
      });
  };
}
