import { createServer, type Server as HttpServer } from 'node:http';
import express, { type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Health } from '@yishi/protocol';
import type { Config } from './config.js';
import { systemClock, type Clock } from './deps.js';
import { LoginLimiter } from './auth/rate-limit.js';
import { SessionService } from './auth/sessions.js';
import { apiErrorHandler, apiNotFound } from './http/errors.js';
import { authRoutes } from './http/auth.routes.js';
import { orgRoutes } from './http/orgs.routes.js';
import { topicRoutes } from './http/topics.routes.js';
import { apiContentSecurityPolicy, originCheck, securityHeaders } from './http/security.js';
import type { Logger } from './logger.js';
import { createRealtime, type YishiIo } from './realtime/io.js';
import { registerTopicHandlers } from './realtime/topics.handlers.js';
import { AccountsService } from './services/accounts.service.js';
import { MembersService } from './services/members.service.js';
import { OrgsService } from './services/orgs.service.js';
import { SessionHub } from './services/session-hub.js';
import { MeetingsService } from './services/meetings.service.js';
import { TopicAccessLoader } from './services/topic-access.js';
import { TopicFeed } from './services/topic-feed.js';
import { TopicWorkService } from './services/topic-work.service.js';
import { TopicsService, type TopicsDeps } from './services/topics.service.js';
import { RoomFeed } from './services/room-feed.js';
import { RoomService } from './services/room.service.js';
import { DraftService } from './services/draft.service.js';
import { CasesService } from './services/cases.service.js';
import { caseRoutes } from './http/cases.routes.js';
import { followUpRoutes } from './http/follow-up.routes.js';
import { FollowUpService } from './services/follow-up.service.js';
import { DocumentsService } from './services/documents.service.js';
import { DashboardService } from './services/dashboard.service.js';
import { documentRoutes } from './http/documents.routes.js';
import { PresenceTracker } from './realtime/presence.js';
import { registerRoomHandlers } from './realtime/room.handlers.js';
import { attachYjsRoute } from './yjs/upgrade.js';
import { DocAccess, parseDocName, stageAllowsWriting } from './yjs/doc-access.js';
import { defaultYjsLimits, YjsServer, type YjsLimits } from './yjs/yjs-server.js';
import type { Store } from './store/store.js';
import { VERSION } from './version.js';

export interface AppDeps {
  store: Store;
  logger: Logger;
  clock?: Clock;
  /** Message, document and idle limits of the Yjs endpoint. */
  yjsLimits?: Partial<YjsLimits>;
  /** How long someone who dropped still shows as online (default 15 s). */
  presenceGraceMs?: number;
  /** The SvelteKit handler (adapter-node's `build/handler.js`), mounted after everything else. */
  webHandler?: RequestHandler;
}

export interface App {
  server: HttpServer;
  io: YishiIo;
  /** Exposed for the hourly reminder job and its tests. */
  followUp: FollowUpService;
  /** Closes live connections and the HTTP server; the store is the caller's to close. */
  close(): Promise<void>;
}

/** Wires Yishi on a new HTTP server; never listens (main.ts and the tests do). */
export function createApp(config: Config, deps: AppDeps): App {
  const { store, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const sessions = new SessionService(store.sessions, store.users, config.sessionSecret, clock);
  const hub = new SessionHub();
  const accounts = new AccountsService(store, sessions, new LoginLimiter(), clock);
  const orgs = new OrgsService(store.orgs, store.tree, clock);
  const members = new MembersService(store, orgs, sessions, hub, clock);
  const feed = new TopicFeed();
  const topicDeps: TopicsDeps = {
    store,
    access: new TopicAccessLoader(store.topics, store.tree),
    feed,
    clock,
  };
  const topics = new TopicsService(topicDeps);
  const topicWork = new TopicWorkService(topicDeps, topics);
  const followUp = new FollowUpService(topicDeps, logger);
  const roomFeed = new RoomFeed();
  const presence = new PresenceTracker(clock, deps.presenceGraceMs ?? 15_000, (view) => roomFeed.presence(view));
  const room = new RoomService({ ...topicDeps, roomFeed, presence });
  const meetings = new MeetingsService(topicDeps, topics, room);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders);

  const api = express.Router();
  api.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  api.use(apiContentSecurityPolicy);
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: '1mb', strict: true }));
  api.use(originCheck(config.publicOrigin));
  api.use(async (req, _res, next) => {
    req.yishiSession = await sessions.fromCookieHeader(req.headers.cookie);
    next();
  });
  api.get('/health', async (_req, res) => {
    await store.ping();
    const health: Health = { status: 'ok', version: VERSION, store: store.kind, fanout: 'local' };
    res.json(health);
  });
  api.use(authRoutes(accounts, hub));
  api.use(orgRoutes(accounts, orgs, members));
  api.use(topicRoutes(accounts, topics, topicWork, meetings, room, new DraftService(topicDeps)));
  api.use(caseRoutes(accounts, new CasesService(topicDeps, topics)));
  api.use(followUpRoutes(accounts, followUp, new DashboardService(topicDeps)));
  api.use(documentRoutes(accounts, new DocumentsService(topicDeps)));
  api.use(apiNotFound);
  api.use(apiErrorHandler(logger));
  app.use('/api', api);

  if (deps.webHandler) app.use(deps.webHandler);

  const server = createServer(app);
  const live = { sessions, logger, publicOrigin: config.publicOrigin, trustProxy: config.trustProxy };
  const io = createRealtime(server, { ...live, hub });
  registerTopicHandlers(io, { accounts, access: topicDeps.access, feed, logger });
  registerRoomHandlers(io, { accounts, room, roomFeed, presence, clock, logger });
  followUp.onNotification((userId, notification) => io.to(`user:${userId}`).emit('notification:new', notification));
  const yjsLimits = { ...defaultYjsLimits, ...deps.yjsLimits };
  const yjs = new YjsServer(store, clock, logger, yjsLimits, stageAllowsWriting);
  const docAccess = new DocAccess(topicDeps.access, store.meetings);
  const wss = attachYjsRoute(server, {
    ...live,
    accounts,
    docAccess,
    yjs,
    maxMessageBytes: yjsLimits.maxMessageBytes,
  });
  // A stage change (or a participant added or removed) changes who may write, on open connections too.
  feed.subscribe((topicId) => {
    void yjs
      .regrant(topicId, async (conn, docName) => {
        const user = await store.users.findById(conn.userId);
        const ref = parseDocName(docName);
        if (!user?.active || !ref) return null;
        const { passwordHash: _hash, ...publicUser } = user;
        try {
          return (await docAccess.grant(await accounts.actorFor(publicUser), ref)).canWrite;
        } catch {
          return null;
        }
      })
      .catch((err: unknown) => logger.error({ err, topicId }, 'yjs regrant failed'));
  });
  hub.subscribe((sessionIds) => void yjs.endSessions(sessionIds));

  const purge = setInterval(() => {
    sessions.purgeExpired().catch((err: unknown) => logger.warn({ err }, 'session purge failed'));
    followUp.remindDue().catch((err: unknown) => logger.warn({ err }, 'due reminders failed'));
  }, 3600_000);
  purge.unref();

  return {
    server,
    io,
    followUp,
    async close() {
      clearInterval(purge);
      presence.close();
      await yjs.close();
      wss.close();
      await io.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
