import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, MeetingJoined, QueueView, ServerToClientEvents } from '@yishi/protocol';
import { startWithAdmin, TestClient, type ServerOptions, type TestServer } from './harness.js';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A committee in a meeting: the chair, the secretary, an official and `members` members, all participants. */
export interface Room {
  server: TestServer;
  admin: TestClient;
  orgId: string;
  topicId: string;
  meetingId: string;
  chair: TestClient;
  secretary: TestClient;
  official: { client: TestClient; id: string };
  /** The department the official answers for. */
  departmentId: string;
  members: { client: TestClient; id: string; login: string }[];
  outsider: TestClient;
}

async function enrol(
  server: TestServer,
  admin: TestClient,
  orgId: string,
  login: string,
  role: string,
  more: { sector?: string; departmentId?: string } = {},
) {
  const res = await admin.post(`/api/orgs/${orgId}/members`, {
    login,
    password: `${login}-test-password`,
    displayName: login,
    role,
    ...more,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const client = new TestClient(server.url);
  await client.post('/api/auth/login', { login, password: `${login}-test-password` });
  return { client, id: res.body.user.id as string };
}

const sectors = ['经济界', '农业界', '教育界', '医药卫生界', '科学技术界'];

/** Sets up a meeting of a topic in consultation, opened, with everyone enrolled as a participant. */
export async function startRoom(memberCount: number, options: ServerOptions = {}): Promise<Room> {
  const { server, admin } = await startWithAdmin(undefined, options);
  const orgId = (await admin.post('/api/orgs', { name: '江城市政协', level: 'city' })).body.org.id as string;
  const chair = (await enrol(server, admin, orgId, 'chair', 'chair')).client;
  const secretary = (await enrol(server, admin, orgId, 'secretary', 'secretariat')).client;
  const departmentId = (await admin.post(`/api/orgs/${orgId}/departments`, { name: '市住建局' })).body.department
    .id as string;
  const official = await enrol(server, admin, orgId, 'official', 'official', { departmentId });
  const members = [];
  for (let i = 0; i < memberCount; i++) {
    const login = `m${i}`;
    members.push({
      ...(await enrol(server, admin, orgId, login, 'member', { sector: sectors[i % sectors.length]! })),
      login,
    });
  }
  const other = (await admin.post('/api/orgs', { name: '别的市', level: 'city' })).body.org.id as string;
  const outsider = (await enrol(server, admin, other, 'outsider', 'member')).client;

  const topicId = (await members[0]!.client.post('/api/topics', { orgId, title: '专题协商', summary: '摘要' })).body
    .topic.id as string;
  const step = async (res: Promise<{ status: number; body: unknown }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  };
  await step(chair.post(`/api/topics/${topicId}/advance`, { to: 'vetting' }));
  await step(
    chair.request('PUT', `/api/topics/${topicId}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    }),
  );
  await step(chair.post(`/api/topics/${topicId}/advance`, { to: 'preparation' }));
  for (const person of [...members, official]) {
    await step(secretary.post(`/api/topics/${topicId}/participants`, { userId: person.id, assessment: '熟悉情况' }));
  }
  await step(secretary.post(`/api/topics/${topicId}/research`, { title: '调研报告', summary: '摘要', body: '正文' }));
  await step(chair.post(`/api/topics/${topicId}/advance`, { to: 'consultation' }));
  const meeting = await secretary.post(`/api/topics/${topicId}/meetings`, {
    title: '专题协商会',
    startsAt: '2026-12-01T09:00:00+08:00',
  });
  const meetingId = meeting.body.meeting.id as string;
  await step(chair.post(`/api/meetings/${meetingId}/open`));
  return { server, admin, orgId, topicId, meetingId, chair, secretary, official, departmentId, members, outsider };
}

/** A socket.io-client of a signed-in person that records every queue state it receives. */
export class RoomClient {
  readonly socket: RoomSocket;
  readonly versions: number[] = [];
  last: QueueView | undefined;
  private waiters: { version: number; resolve: () => void }[] = [];

  constructor(url: string, client: TestClient) {
    this.socket = ioClient(url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: client.cookie! },
    });
    this.socket.on('queue:state', (view) => this.receive(view));
  }

  private receive(view: QueueView): void {
    this.versions.push(view.version);
    if (!this.last || view.version > this.last.version) this.last = view;
    this.waiters = this.waiters.filter((w) => {
      if (this.last!.version < w.version) return true;
      w.resolve();
      return false;
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  async join(meetingId: string): Promise<Ack<MeetingJoined>> {
    await this.connected();
    const ack = await this.emit('meeting:join', { meetingId });
    if (ack.ok) this.receive((ack as { queue: QueueView }).queue);
    return ack as Ack<MeetingJoined>;
  }

  /** Emits an event and resolves with its ack. */
  emit(event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<any>> {
    return new Promise((resolve) => (this.socket.emit as any)(event, payload, resolve));
  }

  /** Resolves once a state of at least `version` has arrived. */
  reached(version: number): Promise<void> {
    if (this.last && this.last.version >= version) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ version, resolve }));
  }

  close(): void {
    this.socket.close();
  }
}
