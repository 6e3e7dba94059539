/**
 * The demo body that `npm run demo` puts into a fresh server, through the public REST API like any
 * client: a city committee with its chair, secretariat, six members of different sectors, a
 * department official and an observer, and a county and a liaison station below it.
 * Later issues extend it as their features land.
 */

export const DEMO_PASSWORD = 'yishi-demo';

export interface DemoLogin {
  login: string;
  displayName: string;
  role: string;
  org: string;
}

const people = [
  { login: 'chair', displayName: '周立群', role: 'chair', sector: '中国共产党', expertise: ['统筹协调'] },
  { login: 'secretary', displayName: '吴文静', role: 'secretariat', sector: null, expertise: ['会务', '文稿'] },
  { login: 'member1', displayName: '李建国', role: 'member', sector: '经济界', expertise: ['营商环境', '财税'] },
  { login: 'member2', displayName: '王秀兰', role: 'member', sector: '农业界', expertise: ['乡村振兴', '农产品流通'] },
  { login: 'member3', displayName: '张明远', role: 'member', sector: '教育界', expertise: ['义务教育', '职业教育'] },
  { login: 'member4', displayName: '刘芳', role: 'member', sector: '医药卫生界', expertise: ['基层医疗', '养老服务'] },
  {
    login: 'member5',
    displayName: '陈志强',
    role: 'member',
    sector: '科学技术界',
    expertise: ['数字政府', '人工智能'],
  },
  {
    login: 'member6',
    displayName: '杨晓燕',
    role: 'member',
    sector: '社会福利和社会保障界',
    expertise: ['社区治理', '老旧小区改造'],
  },
  {
    login: 'official',
    displayName: '赵卫东',
    role: 'official',
    sector: null,
    expertise: ['市住房和城乡建设局', '城市更新'],
  },
  { login: 'observer', displayName: '孙晴', role: 'observer', sector: null, expertise: ['江城日报'] },
] as const;

interface Org {
  id: string;
  name: string;
}

/** Seeds a freshly set-up server at `baseUrl`; returns the logins to print. */
export async function seedDemo(baseUrl: string): Promise<DemoLogin[]> {
  let cookie = '';
  const call = async <T>(method: string, path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  await call('POST', '/api/setup', { login: 'admin', password: DEMO_PASSWORD, displayName: '系统管理员' });
  const city = (await call<{ org: Org }>('POST', '/api/orgs', { name: '江城市政协', level: 'city' })).org;
  const county = (
    await call<{ org: Org }>('POST', '/api/orgs', { name: '临江县政协', level: 'county', parentId: city.id })
  ).org;
  await call('POST', '/api/orgs', { name: '滨江街道委员工作室', level: 'liaison_station', parentId: county.id });

  const logins: DemoLogin[] = [{ login: 'admin', displayName: '系统管理员', role: 'site admin', org: '—' }];
  for (const person of people) {
    await call('POST', `/api/orgs/${city.id}/members`, {
      login: person.login,
      password: DEMO_PASSWORD,
      displayName: person.displayName,
      role: person.role,
      sector: person.sector,
      expertise: [...person.expertise],
    });
    logins.push({ login: person.login, displayName: person.displayName, role: person.role, org: city.name });
  }
  return logins;
}
