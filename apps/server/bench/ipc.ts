/**
 * What the bench process and a server under test say to each other over the fork's IPC channel.
 * Every request carries an id that its answer repeats, so that requests may overlap.
 */
export interface Request {
  id: number;
  type: string;
  body?: unknown;
}

export interface Answer {
  id: number;
  ok: boolean;
  body?: unknown;
  error?: string;
}

/** The server process's memory after a full collection, in bytes. */
export interface Memory {
  heapUsed: number;
  rss: number;
  external: number;
}

/** The first message of a server under test: it listens. */
export interface Ready {
  type: 'ready';
  port: number;
}

type Handler = (body: unknown) => Promise<unknown>;

/** Collects twice, a moment apart, so that what the first collection left to finalise is gone too. */
export async function memoryAfterGc(): Promise<Memory> {
  if (!globalThis.gc) throw new Error('the server under test needs --expose-gc');
  for (let i = 0; i < 2; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { heapUsed, rss, external } = process.memoryUsage();
  return { heapUsed, rss, external };
}

/**
 * The server side: answers `memory` and `stop` (which ends the process once `stop` resolves) and
 * whatever else `handlers` names, then tells the parent the port it listens on.
 */
export function serveBench(port: number, stop: () => Promise<void>, handlers: Record<string, Handler> = {}): void {
  const send = (message: Answer | Ready) => process.send?.(message);
  const all: Record<string, Handler> = { ...handlers, memory: () => memoryAfterGc(), stop };
  process.on('message', (raw) => {
    const request = raw as Request;
    const handle = all[request.type];
    if (!handle) {
      send({ id: request.id, ok: false, error: `unknown request ${request.type}` });
      return;
    }
    handle(request.body).then(
      (body) => {
        send({ id: request.id, ok: true, body });
        if (request.type === 'stop') process.disconnect();
      },
      (err: unknown) => send({ id: request.id, ok: false, error: String(err) }),
    );
  });
  // The bench process gone (killed, crashed) takes its servers with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}
