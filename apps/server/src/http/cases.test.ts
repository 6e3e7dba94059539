import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedTopic, startCommittee, type Committee } from '../test/committee.js';
import { TestClient } from '../test/harness.js';

let c: Committee;
beforeEach(async () => {
  c = await startCommittee();
});
afterEach(async () => {
  await c.server.dispose();
});

const business = {
  title: '进一步优化营商环境',
  summary: '围绕中小企业融资难开展协商。',
  tags: ['营商环境'],
  draft: '建议设立中小企业应急转贷资金池，缓解企业续贷压力。',
  measures: '已设立两亿元应急转贷资金池。',
};

describe('the case library', () => {
  it('publishes a closed topic and finds it by a Chinese phrase, sector, level and year', async () => {
    const id = await closedTopic(c, business);
    expect((await c.as.econ.post(`/api/topics/${id}/publish`)).status).toBe(403);
    const before = (await c.as.secretary.get(`/api/topics/${id}`)).body.topic;
    expect([before.caseId, before.permissions.publish]).toEqual([null, true]);
    expect((await c.as.econ.get(`/api/topics/${id}`)).body.topic.permissions.publish).toBe(false);
    const published = await c.as.secretary.post(`/api/topics/${id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const detail = published.body.case;
    expect(detail).toMatchObject({
      title: '进一步优化营商环境',
      level: 'city',
      form: 'recommendation',
      decision: 'adopted',
      sectors: ['经济界', '教育界'],
      answer: { measures: '已设立两亿元应急转贷资金池。', answeredBy: { displayName: 'official' } },
    });
    expect(detail.outcome.blocks.map((b: any) => b.text)).toEqual([business.draft]);
    expect(detail.timeline.map((t: any) => t.to)).toEqual([
      'vetting',
      'preparation',
      'consultation',
      'drafting',
      'delivered',
      'feedback',
      'closed',
    ]);
    expect(detail.ratings.map((r: any) => [r.kind, r.score])).toEqual([
      ['chair', 5],
      ['party_contact', 4],
    ]);
    expect((await c.as.secretary.post(`/api/topics/${id}/publish`)).status).toBe(409);
    const after = (await c.as.secretary.get(`/api/topics/${id}`)).body.topic;
    expect([after.caseId, after.permissions.publish]).toEqual([detail.id, false]);

    const search = async (query: string) =>
      (await c.as.farmer.get(`/api/cases${query}`)).body.cases.map((k: any) => k.title) as string[];
    // A phrase inside the outcome text, one inside the answer, and a two-character one.
    expect(await search(`?q=${encodeURIComponent('应急转贷资金池')}`)).toEqual(['进一步优化营商环境']);
    expect(await search(`?q=${encodeURIComponent('两亿元')}`)).toEqual(['进一步优化营商环境']);
    expect(await search(`?q=${encodeURIComponent('续贷')}`)).toEqual(['进一步优化营商环境']);
    expect(await search(`?q=${encodeURIComponent('乡村振兴')}`)).toEqual([]);
    expect(await search(`?sector=${encodeURIComponent('经济界')}`)).toEqual(['进一步优化营商环境']);
    expect(await search(`?sector=${encodeURIComponent('农业界')}`)).toEqual([]);
    expect(await search('?level=city')).toHaveLength(1);
    expect(await search('?level=county')).toEqual([]);
    expect(await search(`?year=${new Date().getUTCFullYear()}`)).toHaveLength(1);
    expect((await c.as.farmer.get('/api/cases?level=galaxy')).status).toBe(400);
    expect((await c.as.farmer.get(`/api/cases/${detail.id}`)).body.case.title).toBe('进一步优化营商环境');
  });

  it('is not readable from a child organisation nor from another tree', async () => {
    // A province that is not the city's parent: another tree.
    const province = (await c.admin.post('/api/orgs', { name: '省政协', level: 'province' })).body.org.id;
    const county = (await c.admin.post('/api/orgs', { name: '县政协', level: 'county', parentId: c.orgId })).body.org
      .id;
    const enrol = async (orgId: string, login: string) => {
      await c.admin.post(`/api/orgs/${orgId}/members`, {
        login,
        password: `${login}-password`,
        displayName: login,
        role: 'member',
      });
      const client = new TestClient(c.server.url);
      await client.post('/api/auth/login', { login, password: `${login}-password` });
      return client;
    };
    const countyMember = await enrol(county, 'county-member');
    const provinceMember = await enrol(province, 'province-member');
    const id = await closedTopic(c, business);
    const caseId = (await c.as.chair.post(`/api/topics/${id}/publish`)).body.case.id;
    expect((await countyMember.get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await countyMember.get('/api/cases')).body.cases).toEqual([]);
    expect((await provinceMember.get(`/api/cases/${caseId}`)).status).toBe(403);
    expect((await c.admin.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it('finds the cases that hold every word of a query, wherever the words are, Chinese and English', async () => {
    const lift = {
      title: '老旧小区加装电梯',
      summary: '围绕加装电梯的资金分摊开展协商。',
      tags: ['城市更新'],
      draft: 'The Elevator Retrofit Fund covers 100% of the design fee.',
      measures: '已出台补贴办法。',
    };
    const loans = {
      title: '优化营商环境',
      summary: '围绕中小企业融资难开展协商。',
      tags: ['营商环境'],
      draft: 'A Bridge Loan Fund of 1000 million yuan; see report_2025 in D:\\reports.',
      measures: '已设立应急转贷资金池。',
    };
    const river = {
      title: '城区河道治理',
      summary: '围绕黑臭水体治理开展协商。',
      tags: ['生态环境'],
      draft: '建议建立河长制考核。',
      measures: '已纳入年度考核。',
    };
    for (const topic of [lift, loans, river]) {
      const published = await c.as.chair.post(`/api/topics/${await closedTopic(c, topic)}/publish`);
      expect(published.status, JSON.stringify(published.body)).toBe(201);
    }
    const search = async (q: string) => {
      const res = await c.as.farmer.get(`/api/cases?q=${encodeURIComponent(q)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.cases as { title: string }[]).map((k) => k.title).sort();
    };

    // Chinese has no spaces: two words of a phrase match in either order, and the phrase still does.
    expect(await search('电梯 加装')).toEqual([lift.title]);
    expect(await search('加装电梯')).toEqual([lift.title]);
    // Words far apart (the title and the answer's measures); one missing word excludes the case.
    expect(await search('小区 补贴')).toEqual([lift.title]);
    expect(await search('小区 转贷')).toEqual([]);
    // English regardless of case and order, and Chinese and English together.
    expect(await search('fund ELEVATOR')).toEqual([lift.title]);
    expect(await search('FUND 协商')).toEqual([lift.title, loans.title].sort());
    expect(await search('fund 河道')).toEqual([]);
    // Ideographic and repeated spaces separate words too.
    expect(await search('电梯\u3000加装')).toEqual([lift.title]);
    expect(await search('  小区 \u3000  补贴 ')).toEqual([lift.title]);
    // LIKE's wildcards and its escape character are taken literally, in short words and long ones.
    expect(await search('%')).toEqual([lift.title]);
    expect(await search('100%')).toEqual([lift.title]);
    expect(await search('_')).toEqual([loans.title]);
    expect(await search('t_2')).toEqual([loans.title]);
    expect(await search('\\')).toEqual([loans.title]);
    expect(await search('D:\\reports')).toEqual([loans.title]);
  });

  it('refuses a query of too many words or too long a word', async () => {
    const refused = async (q: string) => {
      const res = await c.as.farmer.get(`/api/cases?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      return (res.body.error.details as { path: string }[]).map((d) => d.path);
    };
    const eight = '一 二 三 四 五 六 七 八';
    expect((await c.as.farmer.get(`/api/cases?q=${encodeURIComponent(eight)}`)).status).toBe(200);
    expect(await refused(`${eight} 九`)).toEqual(['q']);
    expect((await c.as.farmer.get(`/api/cases?q=${'a'.repeat(50)}`)).status).toBe(200);
    expect(await refused(`电梯 ${'a'.repeat(51)}`)).toEqual(['q.1']);
  });

  it('refuses to publish a topic that is not closed', async () => {
    const open = await c.as.econ.post('/api/topics', { orgId: c.orgId, title: '议题', summary: '摘要' });
    const res = await c.as.chair.post(`/api/topics/${open.body.topic.id}/publish`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });
});
