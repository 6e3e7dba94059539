import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { WebsocketProvider } from 'y-websocket';
import { MAX_EXPORT_CHARACTERS } from '../documents/renderer.js';
import { startCommittee, type Committee } from '../test/committee.js';
import { download, writeLongDraft } from '../test/documents.js';
import { startServer, type TestServer } from '../test/harness.js';
import { provider, synced } from '../test/yjs-client.js';

const TOKEN = 'metrics-token-for-the-tests-0123456789';

let committee: Committee | undefined;
let bare: TestServer | undefined;
const sockets: Socket[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of sockets.splice(0)) s.close();
  await committee?.server.dispose();
  await bare?.dispose();
  committee = undefined;
  bare = undefined;
});

const scrape = (url: string, authorization?: string) =>
  fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one sample of the exposition (`name{labels} value`); undefined when it is not there. */
function sample(exposition: string, name: string, labels = ''): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** A topic in preparation, whose draft (a Yjs document) anyone in the committee may open. */
async function topicInPreparation(c: Committee, title: string): Promise<string> {
  const id = (await c.as.econ.post('/api/topics', { orgId: c.orgId, title, summary: '摘要', tags: [] })).body.topic
    .id as string;
  await c.as.chair.post(`/api/topics/${id}/advance`, { to: 'vetting' });
  const yes = { answer: true, reason: '符合' };
  await c.as.chair.request('PUT', `/api/topics/${id}/vetting`, { relevance: yes, remit: yes });
  expect((await c.as.chair.post(`/api/topics/${id}/advance`, { to: 'preparation' })).status).toBe(200);
  return id;
}

describe('GET /metrics', () => {
  it('is off (404) without METRICS_TOKEN', async () => {
    bare = await startServer();
    const res = await scrape(bare.url, `Bearer ${TOKEN}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('answers only the bearer of METRICS_TOKEN', async () => {
    bare = await startServer(undefined, { metricsToken: TOKEN });
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(bare.url, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
    expect((await scrape(bare.url, `Bearer ${TOKEN}`)).status).toBe(200);
  });

  it("reports the event loop's lag, this node's connections and documents, and the exports drawn", async () => {
    committee = await startCommittee({ metricsToken: TOKEN });
    const c = committee;
    const id = await topicInPreparation(c, '关于加装电梯的建议');
    const socket = ioClient(c.server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: c.as.chair.cookie! },
    });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    for (const who of [c.as.chair, c.as.econ]) {
      const draft = provider(c.server.wsUrl, `draft:${id}`, who.cookie);
      providers.push(draft);
      await synced(draft);
    }
    const base = `${c.server.url}/api/topics/${id}/outcome/document`;
    expect((await download(`${base}?format=docx`, c.as.chair.cookie)).status).toBe(200);
    expect((await download(`${base}?format=pdf`, c.as.chair.cookie)).status).toBe(200);
    const long = await topicInPreparation(c, '关于老旧小区改造的建议');
    await writeLongDraft(c.server, long, MAX_EXPORT_CHARACTERS + 1000);
    const refused = `${c.server.url}/api/topics/${long}/outcome/document?format=pdf`;
    expect((await download(refused, c.as.chair.cookie)).status).toBe(409);

    const res = await scrape(c.server.url, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_eventloop_lag_max_seconds',
    ]) {
      expect(sample(text, name)).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'yishi_socketio_connections')).toBe(1);
    expect(sample(text, 'yishi_yjs_connections')).toBe(2);
    expect(sample(text, 'yishi_yjs_documents_loaded')).toBe(1);
    expect(sample(text, 'yishi_document_renders_total', 'format="docx",result="ok"')).toBe(1);
    expect(sample(text, 'yishi_document_renders_total', 'format="pdf",result="ok"')).toBe(1);
    expect(sample(text, 'yishi_document_renders_total', 'format="pdf",result="too_large"')).toBe(1);
    expect(sample(text, 'yishi_document_render_duration_seconds_count', 'format="pdf"')).toBe(1);
    expect(sample(text, 'yishi_document_renders_in_progress')).toBe(0);
    expect(sample(text, 'yishi_document_renders_waiting')).toBe(0);
  }, 30_000);
});
