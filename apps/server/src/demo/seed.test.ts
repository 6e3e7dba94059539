import { afterEach, describe, expect, it } from 'vitest';
import { setupCodeOf, startServer, TestClient, type TestServer } from '../test/harness.js';
import { DEMO_PASSWORD, seedDemo } from './seed.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
});

describe('npm run demo', () => {
  it('seeds a committee with every role and topics in several stages', async () => {
    server = await startServer();
    const logins = await seedDemo(server.url, await setupCodeOf(server));
    expect(logins.map((l) => l.role).sort()).toEqual(
      [
        'chair',
        'member',
        'member',
        'member',
        'member',
        'member',
        'member',
        'member',
        'observer',
        'official',
        'secretariat',
        'site admin',
      ].sort(),
    );
    const chair = new TestClient(server.url);
    expect((await chair.post('/api/auth/login', { login: 'chair', password: DEMO_PASSWORD })).status).toBe(200);
    const stages = (await chair.get('/api/topics')).body.topics.map((t: any) => t.stage).sort();
    expect(stages).toEqual(['closed', 'consultation', 'preparation', 'proposed', 'vetting']);
    const cases = (await chair.get(`/api/cases?q=${encodeURIComponent('应急转贷资金池')}`)).body.cases;
    expect(cases.map((k: any) => [k.title, k.decision])).toEqual([['进一步优化营商环境', 'partly_adopted']]);
    // The case is coherent: its meeting's minutes say when it was held, around its speeches, and two
    // different people rated it.
    const closed = (await chair.get('/api/topics?stage=closed')).body.topics[0];
    const topic = (await chair.get(`/api/topics/${closed.id}`)).body.topic;
    const raters = topic.feedback.ratings.map((r: any) => r.ratedBy.id);
    expect(new Set(raters).size).toBe(2);
    const minutes = (await chair.get(`/api/meetings/${topic.meetings[0].id}/minutes`)).body.minutes.body as string;
    expect(minutes).toContain('- 时间：2026年11月18日 09:00 – 2026年11月18日 09:35');
    expect(minutes).toMatch(/\| 09:10 \|.*\n.*\| 09:17 \|.*\n.*\| 09:23 \|/);
    const open = (await chair.get('/api/topics?stage=consultation')).body.topics[0];
    const meetings = (await chair.get(`/api/topics/${open.id}`)).body.topic.meetings;
    expect(meetings.map((m: any) => m.status)).toEqual(['open']);

    // Proposals in every status: the chair sees all but the draft, which its author sees.
    const city = (await chair.get('/api/orgs')).body.orgs.find((o: any) => o.name === '江城市政协');
    const proposals = (await chair.get(`/api/orgs/${city.id}/proposals`)).body.proposals;
    expect(proposals.map((p: any) => p.status).sort()).toEqual(
      ['closed', 'handling', 'merged', 'not_accepted', 'replied', 'submitted'].sort(),
    );
    expect(proposals.find((p: any) => p.status === 'handling')).toMatchObject({
      key: true,
      number: expect.any(String),
    });
    const author = new TestClient(server.url);
    await author.post('/api/auth/login', { login: 'member3', password: DEMO_PASSWORD });
    const mine = (await author.get(`/api/orgs/${city.id}/proposals?mine=true`)).body.proposals;
    expect(mine.map((p: any) => p.status).sort()).toEqual(['closed', 'draft', 'not_accepted']);
    const declined = mine.find((p: any) => p.status === 'not_accepted');

    // Reports in every status, the adopted ones in the year's first bulletin, one instructed, and the
    // declined proposal turned into a report by its author.
    const reports = (await chair.get(`/api/orgs/${city.id}/opinions`)).body.opinions;
    expect(reports.map((o: any) => o.status).sort()).toEqual(
      ['adopted', 'adopted', 'not_adopted', 'submitted', 'submitted'].sort(),
    );
    expect(reports.filter((o: any) => o.instructed).map((o: any) => o.title)).toEqual(['社区老年食堂运营困难亟待破解']);
    const bulletins = (await chair.get(`/api/orgs/${city.id}/bulletins`)).body.bulletins;
    expect(bulletins.map((b: any) => [b.number.slice(5), b.opinions])).toEqual([['01', 2]]);
    const ownReports = (await author.get(`/api/orgs/${city.id}/opinions`)).body.opinions;
    expect(ownReports).toHaveLength(1);
    const converted = (await author.get(`/api/opinions/${ownReports[0].id}`)).body.opinion;
    expect(converted.fromProposal.id).toBe(declined.id);
  });
});
