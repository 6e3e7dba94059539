import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createThrowawayDatabase, deleteRedisKeys, dropThrowawayDatabase } from '../apps/server/src/test/throwaway.js';
import { startBuiltServer } from './fixtures.js';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const nginxBinary = process.env.NGINX ?? '/usr/sbin/nginx';

export interface Cluster {
  /** nginx's address: what browsers use. */
  url: string;
  /** The setup code both nodes printed: the first made it, the second found it in the store. */
  setupCode: string;
  stop(): Promise<void>;
}

/** A free port on the loopback address, for nginx (which cannot listen on port 0 and report it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The shipped proxy configuration (infra/compose/nginx.conf) with this machine's addresses in place
 * of the compose services, inside a minimal nginx.conf that keeps every file in `dir`.
 */
function nginxConfig(dir: string, port: number, nodes: number[]): string {
  const site = readFileSync(path.join(root, 'infra/compose/nginx.conf'), 'utf8')
    .replace('app1:3000', `127.0.0.1:${nodes[0]}`)
    .replace('app2:3000', `127.0.0.1:${nodes[1]}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  if (site.includes('app1:3000') || site.includes('app2:3000') || !site.includes(`127.0.0.1:${port}`)) {
    throw new Error('infra/compose/nginx.conf no longer has the upstreams and listen line this test rewrites');
  }
  writeFileSync(path.join(dir, 'site.conf'), site);
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, temp));
  return [
    'daemon off;',
    'master_process off;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (t) => `  ${t === 'body' ? 'client_body' : t}_temp_path ${dir}/${t};`,
    ),
    `  include ${dir}/site.conf;`,
    '}',
  ].join('\n');
}

async function untilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return;
    } catch {
      // nginx is not listening yet
    }
    if (Date.now() > deadline) throw new Error('nginx did not answer within 15 s');
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Two Yishi nodes on one PostgreSQL database (made for this test, dropped after it) and one Redis
 * prefix (deleted after it), behind Debian's nginx with the shipped proxy configuration.
 */
export async function startCluster(): Promise<Cluster> {
  const name = `yishi_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await createThrowawayDatabase(adminUrl, name);
  const dir = mkdtempSync(path.join(tmpdir(), 'yishi-cluster-'));
  chmodSync(dir, 0o755);
  const shared = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: name,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    TRUST_PROXY: '1',
  };
  const nodes: { child: ChildProcess; port: number; setupCode: string | undefined }[] = [];
  // One after the other: the first migrates the new database.
  for (const node of ['app1', 'app2']) {
    const dataDir = path.join(dir, node);
    mkdirSync(dataDir);
    nodes.push(await startBuiltServer({ ...shared, NODE_NAME: node, DATA_DIR: dataDir }));
  }
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    nginxConfig(
      dir,
      port,
      nodes.map((n) => n.port),
    ),
  );
  const nginx = spawn(nginxBinary, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await untilReady(url, nginx);
  const setupCode = nodes[0]?.setupCode;
  if (!setupCode || nodes[1]?.setupCode !== setupCode) throw new Error('the nodes printed no setup code, or two');

  const stopped = (child: ChildProcess) =>
    child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    setupCode,
    async stop() {
      nginx.kill('SIGTERM');
      for (const node of nodes) node.child.kill('SIGTERM');
      await Promise.all([stopped(nginx), ...nodes.map((n) => stopped(n.child))]);
      await dropThrowawayDatabase(adminUrl, name);
      await deleteRedisKeys(redisUrl, name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
