import type { ErrorRequestHandler, RequestHandler } from 'express';
import { httpStatusOf, type ApiError } from '@yishi/protocol';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';

/** body-parser's own errors, which carry a `type` and a `status`. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

const bodyErrors: Record<string, string> = {
  'entity.parse.failed': 'Malformed JSON',
  'entity.too.large': 'Request body is over 1 MB',
  'encoding.unsupported': 'Unsupported body encoding',
  'charset.unsupported': 'Unsupported body charset',
  'request.aborted': 'Request aborted',
  'request.size.invalid': 'Request size did not match Content-Length',
};

/** Maps anything thrown to the error envelope, once, for every route under /api. */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let error: ApiError;
    if (err instanceof DomainError) {
      error = err.toApiError();
    } else if (isBodyParserError(err)) {
      error = { code: 'VALIDATION', message: bodyErrors[err.type] ?? 'Invalid request body' };
    } else if (isClientBodyError(err)) {
      // A body that cannot be read as sent (a gzip body that is not gzip): body-parser's 400 with no type.
      error = { code: 'VALIDATION', message: 'Invalid request body' };
    } else {
      logger.error({ err, url: req.originalUrl }, 'unhandled error');
      error = { code: 'INTERNAL', message: 'Something went wrong on the server' };
    }
    if (error.code === 'RATE_LIMITED') {
      const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(httpStatusOf[error.code]).json({ error });
  };
}

function isBodyParserError(err: unknown): err is BodyParserError & { type: string } {
  return err instanceof Error && typeof (err as BodyParserError).type === 'string' && 'status' in err;
}

function isClientBodyError(err: unknown): boolean {
  const { status, expose } = (err ?? {}) as { status?: unknown; expose?: unknown };
  return err instanceof Error && status === 400 && expose === true;
}

/** Any /api path no route claimed. */
export const apiNotFound: RequestHandler = (req) => {
  throw new DomainError('NOT_FOUND', `No route ${req.method} ${req.path}`);
};
