import { createHmac, randomBytes } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import { SESSION_COOKIE, type User } from '@yishi/protocol';
import type { SessionsRepository } from '../store/sessions.repo.js';
import type { UsersRepository } from '../store/users.repo.js';
import type { Clock } from '../deps.js';

/** Sessions end after 14 days without use, and after 90 days whatever happens. */
const IDLE_MS = 14 * 24 * 3600 * 1000;
const ABSOLUTE_MS = 90 * 24 * 3600 * 1000;
/** A session's expiry is pushed forward at most once an hour, not on every request. */
const TOUCH_EVERY_MS = 3600 * 1000;

export interface Session {
  /** The stored id (an HMAC of the cookie's token). */
  id: string;
  user: User;
}

/**
 * Opaque session tokens kept in the store: the cookie holds 256 random bits, the store holds only
 * their HMAC under SESSION_SECRET. Written here rather than with express-session because the same
 * lookup must serve Express, Socket.IO handshakes and raw WebSocket upgrades, and it is twenty lines.
 */
export class SessionService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  private idOf(token: string): string {
    return createHmac('sha256', this.secret).update(token).digest('base64url');
  }

  /** Creates a session and returns the cookie token. */
  async create(userId: string, meta: { userAgent?: string | undefined; ip?: string | undefined }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.insert({
      id: this.idOf(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + IDLE_MS).toISOString(),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    });
    return token;
  }

  /** The live session behind a Cookie header, or undefined. Extends the idle expiry now and then. */
  async fromCookieHeader(header: string | undefined): Promise<Session | undefined> {
    const token = header ? parseCookies(header)[SESSION_COOKIE] : undefined;
    if (!token || token.length > 100) return undefined;
    const id = this.idOf(token);
    const now = this.clock.now();
    const record = await this.sessions.findLive(id, now.toISOString());
    if (!record) return undefined;
    const user = await this.users.findById(record.userId);
    if (!user?.active) return undefined;

    if (now.getTime() - Date.parse(record.lastSeenAt) > TOUCH_EVERY_MS) {
      const hardEnd = Date.parse(record.createdAt) + ABSOLUTE_MS;
      const expiresAt = new Date(Math.min(now.getTime() + IDLE_MS, hardEnd)).toISOString();
      await this.sessions.touch(id, now.toISOString(), expiresAt);
    }
    const { passwordHash: _hash, ...publicUser } = user;
    return { id, user: publicUser };
  }

  async end(id: string): Promise<void> {
    await this.sessions.delete(id);
  }

  async endAllFor(userId: string): Promise<string[]> {
    return this.sessions.deleteForUser(userId);
  }

  async purgeExpired(): Promise<number> {
    return this.sessions.deleteExpired(this.clock.now().toISOString());
  }
}

export const SESSION_MAX_AGE_SECONDS = ABSOLUTE_MS / 1000;
