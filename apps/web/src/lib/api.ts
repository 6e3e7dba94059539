/**
 * The one place that talks HTTP to the Yishi server (same origin, session cookie). Every failure
 * becomes an `ApiError` (the server answered with an error) or a `NetworkError` (it did not).
 */
import { parseErrorEnvelope } from '@yishi/protocol';
import { ApiError, NetworkError } from './api-errors';

export { ApiError, NetworkError };

/** Statuses that a proxy in front of the server gives when the server itself is unreachable. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** Called when a request other than sign-in answers 401: the session ended on the server. */
let onSessionLost: (() => void) | undefined;

/** Registers what to do when the server says the session is gone (the session state does this). */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** A 401 answer is an expected outcome (sign-in, session probe), not a lost session. */
  expectUnauthenticated?: boolean;
}

async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new NetworkError(cause);
  }

  const payload: unknown = await readJson(response);
  if (response.ok) return payload as T;

  const error = parseErrorEnvelope(payload);
  if (!error) {
    // No envelope: not our server speaking (a proxy, or the dev server with the API down).
    if (GATEWAY_STATUSES.has(response.status) || payload === undefined) {
      throw new NetworkError(new Error(`HTTP ${response.status}`));
    }
    throw new ApiError('INTERNAL', `HTTP ${response.status}`, undefined, response.status);
  }
  if (error.code === 'UNAUTHENTICATED' && !options.expectUnauthenticated) onSessionLost?.();
  throw new ApiError(error.code, error.message, error.details, response.status);
}

/** The JSON body, or `undefined` when there is none (204) or it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON over HTTP to `/api/...`; resolves with the parsed body (`undefined` for 204). */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
