import type { MeetingVideo } from './topics.js';

/** The kinds of video conference a meeting can have. */
export type VideoProvider = MeetingVideo['provider'];

/**
 * `GET /api/video`: the kinds of video conference this server offers when a meeting is scheduled
 * (`jitsi` only when a Jitsi Meet deployment is configured).
 */
export interface VideoOffer {
  providers: VideoProvider[];
}

/**
 * `GET /api/meetings/:id/video`: what a client needs to join a meeting's conference. For Jitsi, the
 * IFrame API's script, the `domain` and `roomName` its constructor takes, and, when the deployment
 * checks tokens, a short-lived JWT for this person (`expiresAt`, ISO time).
 */
export type VideoJoin =
  | { provider: 'link'; url: string }
  | { provider: 'jitsi'; scriptUrl: string; domain: string; roomName: string; jwt?: string; expiresAt?: string };
