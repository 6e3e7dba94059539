import type { RequestHandler } from 'express';
import { jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, VideoJoin } from '@yishi/protocol';
import { JITSI_TOKEN_SECONDS } from '../services/video.service.js';
import { TestClient, type ServerOptions } from '../test/harness.js';
import { startRoom, type Room } from '../test/room.js';
import { withScriptAndFrameSource } from './security.js';

const JITSI = {
  url: 'https://meet.example.org/',
  appId: 'yishi-test',
  appSecret: 'a-jitsi-app-secret-of-32-characters!',
};
const ROOM_NAME = /^yishi-[0-9a-f]{32}$/;

/** What SvelteKit sends with a page (its nonce changes with every page). */
const PAGE_POLICY = "default-src 'self'; script-src 'self' 'nonce-abc'; img-src 'self' data:; frame-ancestors 'none'";
const page: RequestHandler = (_req, res) => {
  res.setHeader('content-security-policy', PAGE_POLICY);
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><title>Yishi</title>');
};

let room: Room | undefined;
afterEach(async () => {
  await room?.server.dispose();
  room = undefined;
});

async function start(options: ServerOptions): Promise<Room> {
  room = await startRoom(1, options);
  return room;
}

/** Schedules a meeting of the room's topic with `video`, as the secretariat. */
function schedule(r: Room, video: unknown) {
  return r.secretary.post<{ meeting: Meeting; error: { code: string; details: unknown } }>(
    `/api/topics/${r.topicId}/meetings`,
    {
      title: '远程协商会',
      startsAt: '2026-12-08T09:00:00+08:00',
      mode: 'hybrid',
      video,
    },
  );
}

async function scheduleOpen(r: Room, video: unknown): Promise<string> {
  const made = await schedule(r, video);
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const opened = await r.chair.post(`/api/meetings/${made.body.meeting.id}/open`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return made.body.meeting.id;
}

const idOf = async (client: TestClient) => (await client.get('/api/me')).body.user.id as string;

/** The token's claims, checked with the secret the Jitsi deployment shares. */
async function claims(join: VideoJoin) {
  if (join.provider !== 'jitsi' || !join.jwt) throw new Error(`no token: ${JSON.stringify(join)}`);
  const { payload, protectedHeader } = await jwtVerify(join.jwt, new TextEncoder().encode(JITSI.appSecret), {
    algorithms: ['HS256'],
    issuer: JITSI.appId,
    audience: 'jitsi',
    subject: 'meet.example.org',
  });
  expect(protectedHeader.alg).toBe('HS256');
  return payload as typeof payload & { room: string; context: { user: Record<string, unknown> } };
}

describe('a meeting with an embedded Jitsi conference', () => {
  it('gets a room name the server draws, which no client chooses and only the room gives out', async () => {
    const r = await start({ jitsi: JITSI });
    const made = await schedule(r, { provider: 'jitsi' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.meeting.video).toEqual({ provider: 'jitsi' });

    // A client cannot name the room, nor give a Jitsi meeting a link.
    for (const video of [
      { provider: 'jitsi', roomName: 'yishi-guessable' },
      { provider: 'jitsi', url: 'https://meet.example.org/mine' },
      { provider: 'zoom' },
    ]) {
      const refused = await schedule(r, video);
      expect(refused.status, JSON.stringify(video)).toBe(400);
      expect(refused.body).toMatchObject({ error: { code: 'VALIDATION' } });
    }

    const other = await schedule(r, { provider: 'jitsi' });
    const stored = await r.server.store.meetings.video(made.body.meeting.id);
    const storedOther = await r.server.store.meetings.video(other.body.meeting.id);
    if (stored?.provider !== 'jitsi' || storedOther?.provider !== 'jitsi') throw new Error('not kept as Jitsi rooms');
    // 128 random bits each: two meetings never share a room.
    expect(stored.roomName).toMatch(ROOM_NAME);
    expect(storedOther.roomName).toMatch(ROOM_NAME);
    expect(stored.roomName).not.toBe(storedOther.roomName);

    // Whoever reads the topic sees that the meeting has a conference, not the room's name.
    const topic = await r.members[0]!.client.get(`/api/topics/${r.topicId}`);
    expect(JSON.stringify(topic.body)).not.toContain(stored.roomName);
    expect(topic.body.topic.meetings.find((m: Meeting) => m.id === made.body.meeting.id).video).toEqual({
      provider: 'jitsi',
    });
    expect((await r.chair.get(`/api/meetings/${made.body.meeting.id}`)).body.meeting.video).toEqual({
      provider: 'jitsi',
    });
  });

  it('is joined while the meeting is open, with a short-lived token per person, moderator for the chair only', async () => {
    const r = await start({ jitsi: JITSI });
    const made = await schedule(r, { provider: 'jitsi' });
    const meetingId = made.body.meeting.id;
    const video = `/api/meetings/${meetingId}/video`;
    const before = await r.chair.get(video);
    expect(before.status).toBe(409);
    expect(before.body.error.code).toBe('CONFLICT');
    await r.chair.post(`/api/meetings/${meetingId}/open`);

    const stored = await r.server.store.meetings.video(meetingId);
    const roomName = stored?.provider === 'jitsi' ? stored.roomName : '';
    const chair = await r.chair.get<VideoJoin>(video);
    expect(chair.status, JSON.stringify(chair.body)).toBe(200);
    expect(chair.body).toMatchObject({
      provider: 'jitsi',
      scriptUrl: 'https://meet.example.org/external_api.js',
      domain: 'meet.example.org',
      roomName,
    });
    const now = Math.floor(Date.now() / 1000);
    const chairClaims = await claims(chair.body);
    expect(chairClaims).toMatchObject({
      room: roomName,
      context: { user: { id: await idOf(r.chair), name: 'chair', moderator: true, affiliation: 'owner' } },
    });
    // Short-lived: it admits its bearer for minutes, not for the day.
    expect(chairClaims.exp! - chairClaims.iat!).toBe(JITSI_TOKEN_SECONDS);
    expect(JITSI_TOKEN_SECONDS).toBeLessThanOrEqual(15 * 60);
    expect(chairClaims.exp!).toBeGreaterThan(now);
    expect(chairClaims.exp!).toBeLessThanOrEqual(now + JITSI_TOKEN_SECONDS + 5);
    expect(chair.body.provider === 'jitsi' && Date.parse(chair.body.expiresAt!)).toBe(chairClaims.exp! * 1000);

    // The secretariat runs the room but does not moderate the conference; a participant and an
    // observer (the site administrator, no member of the committee) join it as everyone does.
    for (const [who, client] of [
      ['secretary', r.secretary],
      ['m0', r.members[0]!.client],
      ['系统管理员', r.admin],
    ] as const) {
      const join = await client.get<VideoJoin>(video);
      expect(join.status, who).toBe(200);
      const user = (await claims(join.body)).context.user;
      expect(user, who).toEqual({ id: await idOf(client), name: who, moderator: false, affiliation: 'member' });
    }
    // A token signed with another secret is not one of ours.
    const forged = chair.body.provider === 'jitsi' ? chair.body.jwt! : '';
    await expect(jwtVerify(forged, new TextEncoder().encode('x'.repeat(36)))).rejects.toThrow(/signature/);

    // Someone of another organisation, and nobody signed in, get nothing.
    const outsider = await r.outsider.get(video);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(outsider.body)).not.toContain(roomName);
    expect((await new TestClient(r.server.url).get(video)).status).toBe(401);
    expect((await r.chair.get('/api/meetings/no-such-meeting/video')).status).toBe(404);

    // Closed, the conference is over too; the minutes say it was embedded, without the room's name.
    await r.chair.post(`/api/meetings/${meetingId}/close`);
    expect((await r.chair.get(video)).status).toBe(409);
    const minutes: string = (await r.secretary.get(`/api/meetings/${meetingId}/minutes`)).body.minutes.body;
    expect(minutes).toContain('- 视频会议：嵌入会议室（Jitsi Meet）');
    expect(minutes).not.toContain(roomName);
  });

  it('is joined without a token when the deployment checks none', async () => {
    const r = await start({ jitsi: { url: 'https://example.org:8443/jitsi' } });
    const meetingId = await scheduleOpen(r, { provider: 'jitsi' });
    const join = await r.members[0]!.client.get<VideoJoin>(`/api/meetings/${meetingId}/video`);
    expect(join.status).toBe(200);
    expect(join.body).toEqual({
      provider: 'jitsi',
      scriptUrl: 'https://example.org:8443/jitsi/external_api.js',
      domain: 'example.org:8443/jitsi',
      roomName: expect.stringMatching(ROOM_NAME),
    });
  });
});

describe('video without JITSI_URL', () => {
  it('offers links only, refuses a Jitsi meeting, and joins a link as it is', async () => {
    const r = await start({});
    expect((await r.secretary.get('/api/video')).body).toEqual({ providers: ['link'] });
    expect((await new TestClient(r.server.url).get('/api/video')).status).toBe(401);

    const refused = await schedule(r, { provider: 'jitsi' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'video.provider', message: expect.stringMatching(/not configured/) }],
    });

    const linked = await scheduleOpen(r, { provider: 'link', url: 'https://meet.example.org/yishi 1' });
    expect((await r.members[0]!.client.get(`/api/meetings/${linked}/video`)).body).toEqual({
      provider: 'link',
      url: 'https://meet.example.org/yishi%201',
    });
    expect((await r.outsider.get(`/api/meetings/${linked}/video`)).status).toBe(403);
    // The room's own meeting has no conference at all.
    const none = await r.chair.get(`/api/meetings/${r.meetingId}/video`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('NOT_FOUND');
  });

  it('keeps the pages’ Content-Security-Policy as the web app sets it', async () => {
    const r = await start({ webHandler: page });
    const res = await fetch(`${r.server.url}/topics`);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_POLICY);
  });
});

describe('the pages’ Content-Security-Policy with JITSI_URL', () => {
  it('lets scripts and frames come from the Jitsi origin, and from nowhere else new', async () => {
    const r = await start({ jitsi: { url: 'https://meet.example.org/jitsi/' }, webHandler: page });
    expect((await r.secretary.get('/api/video')).body).toEqual({ providers: ['link', 'jitsi'] });
    const policy = (await fetch(`${r.server.url}/topics`)).headers.get('content-security-policy');
    expect(policy).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' https://meet.example.org; img-src 'self' data:; " +
        "frame-ancestors 'none'; frame-src 'self' https://meet.example.org",
    );
    // The API's answers are data, never a page: their policy stays the strictest.
    const api = (await fetch(`${r.server.url}/api/health`)).headers.get('content-security-policy');
    expect(api).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('adds the origin to the directives a policy has, or starts from their fallback', () => {
    const origin = 'https://meet.example.org';
    expect(withScriptAndFrameSource("script-src 'self'; frame-src 'none'", origin)).toBe(
      `script-src 'self' ${origin}; frame-src ${origin}`,
    );
    expect(withScriptAndFrameSource("default-src 'self'; child-src blob:", origin)).toBe(
      `default-src 'self'; child-src blob:; script-src 'self' ${origin}; frame-src blob: ${origin}`,
    );
    // A policy that does not restrict scripts or frames is left so.
    expect(withScriptAndFrameSource("img-src 'self'", origin)).toBe("img-src 'self'");
  });
});
