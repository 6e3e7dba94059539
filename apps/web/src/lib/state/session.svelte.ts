import type { Me, User } from '@yishi/protocol';
import { api, ApiError, setSessionLostHandler } from '../api';
import { mayAdminister } from '../permissions';

type Status = 'unknown' | 'loading' | 'ready';

/**
 * Who is signed in (`GET /api/me`) and whether the installation still needs its first
 * administrator (`GET /api/setup`). Loaded once, then kept up to date by the methods that change it.
 */
class Session {
  #status = $state<Status>('unknown');
  #setupNeeded = $state(false);
  #me = $state.raw<Me | null>(null);
  #loading: Promise<void> | undefined;

  /** `true` once the first `load()` has answered. */
  get ready(): boolean {
    return this.#status === 'ready';
  }
  get setupNeeded(): boolean {
    return this.#setupNeeded;
  }
  get me(): Me | null {
    return this.#me;
  }
  get user(): User | null {
    return this.#me?.user ?? null;
  }
  get memberships(): Me['memberships'] {
    return this.#me?.memberships ?? [];
  }
  get mayAdminister(): boolean {
    return this.#me !== null && mayAdminister(this.#me);
  }

  /** Loads the session once; later calls wait for the same answer. Errors propagate to the caller. */
  load(): Promise<void> {
    if (this.#status === 'ready') return Promise.resolve();
    this.#loading ??= this.#fetch().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #fetch(): Promise<void> {
    this.#status = 'loading';
    try {
      const { needed } = await api.get<{ needed: boolean }>('/api/setup');
      this.#setupNeeded = needed;
      this.#me = needed ? null : await this.#fetchMe();
      this.#status = 'ready';
    } catch (error) {
      this.#status = 'unknown';
      throw error;
    }
  }

  /** `GET /api/me`, or `null` when nobody is signed in. */
  async #fetchMe(): Promise<Me | null> {
    try {
      return await api.get<Me>('/api/me', { expectUnauthenticated: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return null;
      throw error;
    }
  }

  /** Creates the first administrator with the setup code of the server's log; the server signs them in. */
  async setup(body: { login: string; password: string; displayName: string; setupCode: string }): Promise<void> {
    await api.post<{ user: User }>('/api/setup', body);
    this.#setupNeeded = false;
    await this.refresh();
  }

  async login(login: string, password: string): Promise<void> {
    await api.post<{ user: User }>('/api/auth/login', { login, password }, { expectUnauthenticated: true });
    await this.refresh();
  }

  /** Ends the session on the server; signed out locally whatever the answer. */
  async logout(): Promise<void> {
    try {
      await api.post<void>('/api/auth/logout', undefined, { expectUnauthenticated: true });
    } catch (error) {
      // Already ended on the server: that is what was asked for.
      if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
    } finally {
      this.forget();
    }
  }

  /** Re-reads `/api/me` (after sign-in, or when memberships may have changed). */
  async refresh(): Promise<void> {
    this.#me = await this.#fetchMe();
    this.#status = 'ready';
  }

  /** Drops the signed-in user locally (the server already ended the session). */
  forget(): void {
    this.#me = null;
  }
}

export const session = new Session();

setSessionLostHandler(() => session.forget());
