import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { storeEnv } from './stores.js';
import { draftText } from './yjs-client.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  /** The setup code it printed in its log, when nobody had set it up yet. */
  setupCode: string | undefined;
}

/**
 * The server as its own process (as in production) on `dataDir` and this run's store and fan-out,
 * resolving once it listens. The caller kills it (`children` collects it for an afterEach).
 */
export async function startServerProcess(dataDir: string, children: ChildProcess[]): Promise<ServerProcess> {
  const env = { NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...(await storeEnv(dataDir)) };
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let setupCode: string | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { port?: number; msg?: string; setupCode?: string };
      setupCode ??= entry.setupCode;
      if (entry.msg?.startsWith('Yishi listening') && entry.port) resolve(entry.port);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  return { child, port, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, setupCode };
}

/**
 * A writer streams edits into the draft until the reader has seen `edits` of them, then `kill` runs
 * (a SIGKILL, mid-stream); resolves with the draft text the reader had seen by then.
 */
export async function streamUntil(
  writer: WebsocketProvider,
  reader: WebsocketProvider,
  edits: number,
  kill: () => void,
): Promise<string> {
  let seen = '';
  const killed = new Promise<void>((resolve) => {
    const onUpdate = () => {
      seen = draftText(reader.doc);
      if (seen.length < edits * 4) return;
      reader.doc.off('update', onUpdate);
      kill();
      resolve();
    };
    reader.doc.on('update', onUpdate);
  });
  const text = new Y.XmlText();
  const para = new Y.XmlElement('paragraph');
  para.insert(0, [text]);
  writer.doc.getXmlFragment('body').insert(0, [para]);
  let stop = false;
  void killed.then(() => (stop = true));
  for (let i = 0; i < 5000 && !stop; i++) {
    text.insert(text.length, String(i % 10_000).padStart(4, '0'));
    if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
  }
  await killed;
  return seen;
}
