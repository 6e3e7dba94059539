import * as Y from 'yjs';
import { DocStore, draftDocName } from '../yjs/doc-store.js';
import { startWithAdmin, TestClient, type TestServer } from './harness.js';

/** A city committee with every role, each signed in: the cast of the procedure tests. */
export interface Committee {
  server: TestServer;
  admin: TestClient;
  orgId: string;
  ids: Record<CastKey, string>;
  as: Record<CastKey, TestClient>;
}

const cast = [
  { key: 'chair', role: 'chair', sector: '中国共产党', expertise: ['统筹协调'] },
  { key: 'secretary', role: 'secretariat', sector: null, expertise: [] },
  { key: 'econ', role: 'member', sector: '经济界', expertise: ['营商环境', '财税'] },
  { key: 'farmer', role: 'member', sector: '农业界', expertise: ['乡村振兴'] },
  { key: 'teacher', role: 'member', sector: '教育界', expertise: ['职业教育', '营商'] },
  { key: 'official', role: 'official', sector: null, expertise: ['市发展改革委'] },
  { key: 'contact', role: 'member', sector: '中国共产党', expertise: ['党委联系'] },
  { key: 'observer', role: 'observer', sector: null, expertise: [] },
] as const;

type CastKey = (typeof cast)[number]['key'];

export async function startCommittee(): Promise<Committee> {
  const { server, admin } = await startWithAdmin();
  const orgId = (await admin.post('/api/orgs', { name: '江城市政协', level: 'city' })).body.org.id as string;
  const ids = {} as Record<CastKey, string>;
  const as = {} as Committee['as'];
  for (const person of cast) {
    const created = await admin.post(`/api/orgs/${orgId}/members`, {
      login: person.key,
      password: `${person.key}-password`,
      displayName: person.key,
      role: person.role,
      sector: person.sector,
      expertise: [...person.expertise],
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    ids[person.key] = created.body.user.id;
    const client = new TestClient(server.url);
    await client.post('/api/auth/login', { login: person.key, password: `${person.key}-password` });
    as[person.key] = client;
  }
  return { server, admin, orgId, ids, as };
}

/** Writes text into a topic's outcome draft through the document store, as an editor would. */
export async function writeDraft(server: TestServer, topicId: string, text: string): Promise<void> {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('body').insert(0, [paragraph]);
  await new DocStore(server.store.db).append(
    draftDocName(topicId),
    Y.encodeStateAsUpdate(doc),
    new Date().toISOString(),
  );
}
