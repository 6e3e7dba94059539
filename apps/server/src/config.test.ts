import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yishi-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('configuration', () => {
  it('has defaults for everything', () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, host: undefined, dataDir: dir, env: 'production', trustProxy: 0 });
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SESSION_SECRET: 'short', DATA_DIR: tempDir() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^LOG_LEVEL: /m);
    expect(problems).toMatch(/^SESSION_SECRET: must be at least 32 characters/m);
  });

  it('takes a PostgreSQL URL for the store, and nothing else', () => {
    const url = 'postgres://yishi@db.internal:5432/yishi';
    expect(loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(() => loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'mysql://localhost/yishi' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL/,
    );
  });

  it('takes METRICS_TOKEN of 32 characters or more, and none by default', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).metricsToken).toBeUndefined();
    expect(loadConfig({ DATA_DIR: tempDir(), METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBe('m'.repeat(32));
    expect(() => loadConfig({ DATA_DIR: tempDir(), METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: must be at least 32 characters/,
    );
  });

  it('sends e-mail only with SMTP_URL, an smtp:// or smtps:// URL, from SMTP_FROM', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).smtp).toBeUndefined();
    expect(loadConfig({ DATA_DIR: tempDir(), SMTP_URL: 'smtps://yishi:secret@mail.example.org' }).smtp).toEqual({
      url: 'smtps://yishi:secret@mail.example.org',
      from: 'Yishi <yishi@localhost>',
    });
    const from = '江城市政协 <yishi@example.org>';
    expect(loadConfig({ DATA_DIR: tempDir(), SMTP_URL: 'smtp://127.0.0.1:25', SMTP_FROM: from }).smtp?.from).toBe(from);
    expect(() => loadConfig({ DATA_DIR: tempDir(), SMTP_URL: 'https://mail.example.org' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });

  it('has no embedded video without JITSI_URL', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).jitsi).toBeUndefined();
  });

  it('takes JITSI_URL as the Jitsi deployment: its script, origin, domain and host', () => {
    const at = (url: string) => loadConfig({ DATA_DIR: tempDir(), JITSI_URL: url }).jitsi;
    expect(at('https://Meet.Example.org/')).toEqual({
      url: 'https://meet.example.org',
      origin: 'https://meet.example.org',
      domain: 'meet.example.org',
      host: 'meet.example.org',
      token: undefined,
    });
    expect(at('https://example.org:8443/jitsi/')).toMatchObject({
      url: 'https://example.org:8443/jitsi',
      origin: 'https://example.org:8443',
      domain: 'example.org:8443/jitsi',
      host: 'example.org',
    });
    // Plain http only on this machine (a deployment for development, or the browser tests' stand-in).
    expect(at('http://127.0.0.1:8000')?.origin).toBe('http://127.0.0.1:8000');
    for (const bad of [
      'http://meet.example.org',
      'ftp://meet.example.org',
      'https://meet.example.org/?room=x',
      'meet',
    ]) {
      expect(() => at(bad), bad).toThrow(/^\s+- JITSI_URL: /m);
    }
  });

  it('signs Jitsi tokens with JITSI_APP_ID and JITSI_APP_SECRET, both or neither, for a JITSI_URL', () => {
    const base = { DATA_DIR: tempDir(), JITSI_URL: 'https://meet.example.org' };
    const secret = 's'.repeat(32);
    expect(loadConfig({ ...base, JITSI_APP_ID: 'yishi', JITSI_APP_SECRET: secret }).jitsi?.token).toEqual({
      appId: 'yishi',
      appSecret: secret,
    });
    expect(() => loadConfig({ ...base, JITSI_APP_ID: 'yishi' })).toThrow(/JITSI_APP_ID, JITSI_APP_SECRET: set both/);
    expect(() => loadConfig({ ...base, JITSI_APP_SECRET: secret })).toThrow(/JITSI_APP_ID, JITSI_APP_SECRET: set both/);
    expect(() => loadConfig({ ...base, JITSI_APP_ID: 'yishi', JITSI_APP_SECRET: 'short' })).toThrow(
      /JITSI_APP_SECRET: must be at least 32 characters/,
    );
    expect(() => loadConfig({ ...base, JITSI_APP_ID: 'my app', JITSI_APP_SECRET: secret })).toThrow(
      /^\s+- JITSI_APP_ID: /m,
    );
    expect(() => loadConfig({ DATA_DIR: tempDir(), JITSI_APP_ID: 'yishi', JITSI_APP_SECRET: secret })).toThrow(
      /JITSI_URL: the token settings need/,
    );
  });

  it('generates SESSION_SECRET once and keeps it in the data folder', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40) }).sessionSecret).toBe('x'.repeat(40));
  });
});
