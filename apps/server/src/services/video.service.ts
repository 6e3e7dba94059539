import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { MeetingVideo, StoredMeetingVideo, VideoJoin, VideoOffer } from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import type { JitsiConfig } from '../config.js';
import type { Clock } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import type { MeetingsRepository } from '../store/meetings.repo.js';
import type { RoomService } from './room.service.js';

/**
 * How long a conference token admits its bearer. Jitsi checks it when the browser connects, so it
 * only has to outlive loading the conference; the room's "reconnect" fetches a fresh one. A token
 * copied out of the page is no pass to the conference for long.
 */
export const JITSI_TOKEN_SECONDS = 15 * 60;

/** The `aud` of the tokens: the value Jitsi's own documentation uses (prosody accepts any by default). */
export const JITSI_AUDIENCE = 'jitsi';

/** A new Jitsi room's name: 128 random bits, lower case (prosody compares room names in lower case). */
export function newJitsiRoomName(): string {
  return `yishi-${randomBytes(16).toString('hex')}`;
}

/**
 * A meeting's video conference: a link to an existing conference system, or a Jitsi Meet conference
 * that the room embeds. The server draws the Jitsi room's name and gives it, with a token signed for
 * the person when the deployment checks tokens, only to those who may enter the meeting's room.
 */
export class VideoService {
  constructor(
    private readonly meetings: Pick<MeetingsRepository, 'video'>,
    private readonly room: Pick<RoomService, 'member'>,
    private readonly jitsi: JitsiConfig | undefined,
    private readonly clock: Clock,
  ) {}

  /** The kinds of conference a new meeting may have here. */
  offer(): VideoOffer {
    return { providers: this.jitsi ? ['link', 'jitsi'] : ['link'] };
  }

  /**
   * What a new meeting keeps: the link as the URL parser writes it (spaces, quotes and angle brackets
   * percent-encoded), or a Jitsi room of a new name. VALIDATION for Jitsi when none is configured.
   */
  forNewMeeting(video: MeetingVideo | undefined): StoredMeetingVideo | null {
    if (!video) return null;
    if (video.provider === 'link') return { provider: 'link', url: new URL(video.url).href };
    if (!this.jitsi) {
      throw new DomainError('VALIDATION', 'Invalid request body', [
        { path: 'video.provider', message: 'embedded video (Jitsi) is not configured on this server' },
      ]);
    }
    return { provider: 'jitsi', roomName: newJitsiRoomName() };
  }

  /**
   * How this person joins the meeting's conference; anyone the room lets in (chair, secretariat,
   * participants, observers). A Jitsi conference only while the meeting is open (CONFLICT otherwise),
   * as the queue that gives the floor and the attendance that the minutes print run only then; a link
   * is shown with the meeting anyway. Moderator in Jitsi: the chair only.
   */
  async join(actor: Actor, meetingId: string): Promise<VideoJoin> {
    const { meeting, queueActor } = await this.room.member(actor, meetingId);
    const video = await this.meetings.video(meetingId);
    if (!video) throw notFound('Video conference');
    if (video.provider === 'link') return video;
    if (!this.jitsi) throw new DomainError('CONFLICT', 'Embedded video (Jitsi) is not configured on this server');
    if (meeting.status !== 'open') throw new DomainError('CONFLICT', `The meeting is ${meeting.status}, not open`);
    const joining = {
      provider: 'jitsi' as const,
      scriptUrl: `${this.jitsi.url}/external_api.js`,
      domain: this.jitsi.domain,
      roomName: video.roomName,
    };
    if (!this.jitsi.token) return joining;
    const user = { id: actor.user.id, name: actor.user.displayName, moderator: queueActor.role === 'chair' };
    const { jwt, expiresAt } = await this.token(this.jitsi.host, this.jitsi.token, video.roomName, user);
    return { ...joining, jwt, expiresAt };
  }

  /**
   * A token as Jitsi's prosody token plugin reads it: `iss` its app_id, `room` the room's name,
   * `sub` the deployment's domain, `context.user` who this is. `moderator` is what JaaS and most
   * moderation plugins read; `affiliation` what jitsi-contrib's token_affiliation reads.
   */
  private async token(
    host: string,
    signing: NonNullable<JitsiConfig['token']>,
    roomName: string,
    user: { id: string; name: string; moderator: boolean },
  ): Promise<{ jwt: string; expiresAt: string }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + JITSI_TOKEN_SECONDS;
    const affiliation = user.moderator ? 'owner' : 'member';
    const jwt = await new SignJWT({ room: roomName, context: { user: { ...user, affiliation } } })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(signing.appId)
      .setAudience(JITSI_AUDIENCE)
      .setSubject(host)
      .setIssuedAt(now)
      .setNotBefore(now - 60)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(signing.appSecret));
    return { jwt, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
