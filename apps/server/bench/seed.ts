import type { ServerProcess } from './processes.js';

/** A small HTTP client that keeps its session cookie, as a browser would. */
export class HttpClient {
  cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  /** Sends JSON and returns the parsed answer; anything but a 2xx is an error. */
  async send<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${urlPath}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  post<T = unknown>(urlPath: string, body: unknown = {}): Promise<T> {
    return this.send<T>('POST', urlPath, body);
  }
}

/** An open meeting of a topic in consultation: its chair and members signed in, all participants. */
export interface Meeting {
  topicId: string;
  meetingId: string;
  chair: string;
  /** The members' session cookies (each a participant of the topic). */
  members: string[];
}

/** A password the server takes as hard enough to guess. */
const passwordOf = (login: string) => `${login}-bench-password`;

async function signIn(url: string, login: string): Promise<string> {
  const client = new HttpClient(url);
  await client.post('/api/auth/login', { login, password: passwordOf(login) });
  if (!client.cookie) throw new Error(`${login} got no session cookie`);
  return client.cookie;
}

/**
 * Sets up, over HTTP as the web app would (with the setup code the server holds), a committee with
 * a chair and `memberCount` members, a topic taken to consultation with every member a
 * participant, and its meeting opened.
 */
export async function seedMeeting(server: ServerProcess, memberCount: number): Promise<Meeting> {
  const { url } = server;
  const setupCode = await server.request<string>('setupCode');
  const admin = new HttpClient(url);
  await admin.post('/api/setup', { login: 'admin', password: 'admin-password', displayName: '管理员', setupCode });
  const orgId = (await admin.post<{ org: { id: string } }>('/api/orgs', { name: '江城市政协', level: 'city' })).org.id;
  const enrol = async (login: string, role: string) => {
    const body = { login, password: passwordOf(login), displayName: login, role };
    return (await admin.post<{ user: { id: string } }>(`/api/orgs/${orgId}/members`, body)).user.id;
  };
  await enrol('chair', 'chair');
  const memberIds: string[] = [];
  for (let i = 0; i < memberCount; i++) memberIds.push(await enrol(`m${i}`, 'member'));

  const chairCookie = await signIn(url, 'chair');
  const chair = new HttpClient(url);
  chair.cookie = chairCookie;
  const members = await Promise.all(memberIds.map((_, i) => signIn(url, `m${i}`)));
  const proposer = new HttpClient(url);
  proposer.cookie = members[0];

  const topicId = (
    await proposer.post<{ topic: { id: string } }>('/api/topics', { orgId, title: '基准议题', summary: '摘要' })
  ).topic.id;
  await chair.post(`/api/topics/${topicId}/advance`, { to: 'vetting' });
  const yes = { answer: true, reason: '符合' };
  await chair.send('PUT', `/api/topics/${topicId}/vetting`, { relevance: yes, remit: yes });
  await chair.post(`/api/topics/${topicId}/advance`, { to: 'preparation' });
  for (const userId of memberIds) {
    await chair.post(`/api/topics/${topicId}/participants`, { userId, assessment: '熟悉情况' });
  }
  await chair.post(`/api/topics/${topicId}/research`, { title: '调研报告', summary: '摘要', body: '正文' });
  await chair.post(`/api/topics/${topicId}/advance`, { to: 'consultation' });
  const meeting = await chair.post<{ meeting: { id: string } }>(`/api/topics/${topicId}/meetings`, {
    title: '专题协商会',
    startsAt: '2026-12-01T09:00:00+08:00',
  });
  const meetingId = meeting.meeting.id;
  await chair.post(`/api/meetings/${meetingId}/open`);
  return { topicId, meetingId, chair: chairCookie, members };
}
