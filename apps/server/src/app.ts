import { createServer, type Server as HttpServer } from 'node:http';
import express, { type RequestHandler } from 'express';
import type { Config } from './config.js';
import { Passwords } from './auth/passwords.js';
import { systemClock, type Clock } from './deps.js';
import { SessionService } from './auth/sessions.js';
import { EventBus } from './events/bus.js';
import { DocumentRenderer } from './documents/renderer.js';
import { localFanout, type Fanout } from './fanout/fanout.js';
import { apiRouter } from './http/api.js';
import { authRoutes } from './http/auth.routes.js';
import { caseRoutes } from './http/cases.routes.js';
import { documentRoutes } from './http/documents.routes.js';
import { followUpRoutes } from './http/follow-up.routes.js';
import { Notifier } from './services/notifier.js';
import { MailSender } from './mail/sender.js';
import { metricsRoutes } from './http/metrics.routes.js';
import { dutyRoutes } from './http/duty.routes.js';
import { proposalRoutes } from './http/proposals.routes.js';
import { opinionRoutes } from './http/opinions.routes.js';
import { orgRoutes } from './http/orgs.routes.js';
import { auditRoutes } from './http/audit.routes.js';
import { AttendanceService } from './services/attendance.service.js';
import { AuditService } from './services/audit.service.js';
import { pageContentSecurityPolicy, securityHeaders } from './http/security.js';
import { topicRoutes } from './http/topics.routes.js';
import { videoRoutes } from './http/video.routes.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { NodeState } from './node-state.js';
import { createRealtime, type YishiIo } from './realtime/io.js';
import { registerRoomHandlers } from './realtime/room.handlers.js';
import { registerTopicHandlers } from './realtime/topics.handlers.js';
import { AccountsService } from './services/accounts.service.js';
import { OverviewService } from './services/overview.service.js';
import { CasesService } from './services/cases.service.js';
import { DashboardService } from './services/dashboard.service.js';
import { DocumentsService } from './services/documents.service.js';
import { DraftService } from './services/draft.service.js';
import { FollowUpService } from './services/follow-up.service.js';
import { MeetingsService } from './services/meetings.service.js';
import { DepartmentsService } from './services/departments.service.js';
import { MembersService } from './services/members.service.js';
import { DutyService } from './services/duty.service.js';
import { ProposalsService } from './services/proposals.service.js';
import { OpinionsService } from './services/opinions.service.js';
import { OrgsService } from './services/orgs.service.js';
import { PresenceTracker } from './services/presence.js';
import { PollsService } from './services/polls.service.js';
import { RoomService } from './services/room.service.js';
import { TopicAccessLoader } from './services/topic-access.js';
import { TopicWorkService } from './services/topic-work.service.js';
import { TopicsService, type TopicsDeps } from './services/topics.service.js';
import { VideoService } from './services/video.service.js';
import type { Store } from './store/store.js';
import { DocAccess, parseDocName, stageAllowsWriting } from './yjs/doc-access.js';
import { attachYjsRoute } from './yjs/upgrade.js';
import { defaultYjsLimits, YjsServer, type YjsLimits } from './yjs/yjs-server.js';

export interface AppDeps {
  store: Store;
  logger: Logger;
  /** What nodes share besides the store (default: nothing, one node). */
  fanout?: Fanout;
  clock?: Clock;
  /** Message, document and idle limits of the Yjs endpoint. */
  yjsLimits?: Partial<YjsLimits>;
  /** How long someone who dropped still shows as online (default 15 s). */
  presenceGraceMs?: number;
  /** How often presence is renewed; a node silent for three of these is taken as gone (default 5 s). */
  presenceHeartbeatMs?: number;
  /** The SvelteKit handler (adapter-node's `build/handler.js`), mounted after everything else. */
  webHandler?: RequestHandler;
  /** Draws DOCX and PDF exports (default: a worker pool told to the metrics); closed with the app. */
  renderer?: DocumentRenderer;
  /** How passwords are hashed (default: argon2id at OWASP's minimum cost). */
  passwords?: Passwords;
}

export interface App {
  server: HttpServer;
  io: YishiIo;
  node: NodeState;
  /** Exposed for the hourly reminder job and its tests. */
  followUp: FollowUpService;
  /**
   * The hourly job: reminds and chases answers due or overdue, and chases proposals' overdue lead
   * replies. Every node runs it; each notification goes out once (its dedupe key). Returns how many went out.
   */
  remind(): Promise<number>;
  /** Sends the mails due in the outbox now (when SMTP_URL is set; 0 otherwise); how many went out. */
  sendMail(): Promise<number>;
  /**
   * Stops taking new work (SIGTERM): `/api/ready` turns 503, new requests, sockets and documents
   * are refused, open sockets are closed so that their clients reconnect to another node, and the
   * updates already received are stored. Resolves when nothing is left in flight.
   */
  drain(): Promise<void>;
  /** Closes live connections and the HTTP server; the store and the fan-out are the caller's to close. */
  close(): Promise<void>;
}

/** Wires Yishi on a new HTTP server; never listens (main.ts and the tests do). */
export async function createApp(config: Config, deps: AppDeps): Promise<App> {
  const { store, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const fanout = deps.fanout ?? localFanout(config.nodeName);
  const node = new NodeState(fanout.node);
  const events = new EventBus(fanout.node, logger);
  if (fanout.link) await events.connect(fanout.link);

  const sessions = new SessionService(store.sessions, store.users, config.sessionSecret, clock);
  const passwords = deps.passwords ?? new Passwords();
  const accounts = new AccountsService(store, events, sessions, fanout.loginLimiter, clock, passwords);
  const setupCode = await accounts.pendingSetupCode();
  if (setupCode) {
    // As Grafana and Jupyter do: whoever runs the server reads the code here; a stranger who
    // reaches the site first does not have it.
    logger.warn(
      { setupCode },
      `Yishi is not set up yet. Setup code: ${setupCode} (enter it on the setup page to create the first administrator)`,
    );
  }
  const orgs = new OrgsService(store, clock);
  const members = new MembersService(store, orgs, sessions, events, clock, fanout.loginLimiter, passwords);
  const topicDeps: TopicsDeps = {
    store,
    access: new TopicAccessLoader(store.topics, store.tree, store.forwards),
    events,
    clock,
  };
  const mail = config.smtp
    ? new MailSender(store, { ...config.smtp, origin: config.publicOrigin }, clock, logger)
    : undefined;
  const notifier = new Notifier(events, clock, mail);
  const topics = new TopicsService(topicDeps, notifier);
  const topicWork = new TopicWorkService(topicDeps, topics);
  const followUp = new FollowUpService(topicDeps, notifier, mail !== undefined, logger);
  const proposals = new ProposalsService(store, orgs, clock, notifier);
  const opinions = new OpinionsService(store, orgs, clock, notifier);
  const remind = async () => (await followUp.remindDue()) + (await proposals.chaseOverdue());
  const presence = new PresenceTracker(
    fanout.node,
    fanout.presence,
    clock,
    { graceMs: deps.presenceGraceMs ?? 15_000, heartbeatMs: deps.presenceHeartbeatMs ?? 5_000 },
    (view) => events.emit('presence.changed', view),
    (err) => logger.warn({ err }, 'presence not updated'),
  );
  // Who attended each meeting: recorded by the live room, corrected and printed by the minutes.
  const attendance = new AttendanceService(topicDeps);
  const room = new RoomService({ ...topicDeps, presence }, attendance);
  const polls = new PollsService(topicDeps, room);
  const video = new VideoService(store.meetings, room, config.jitsi, clock);
  const meetings = new MeetingsService(topicDeps, topics, room, polls, video);
  const metrics = new Metrics();
  const renderer = deps.renderer ?? new DocumentRenderer(metrics);
  const documents = new DocumentsService(topicDeps, renderer);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders);
  const api = { store, fanout, node, sessions, logger, publicOrigin: config.publicOrigin };
  app.use(
    '/api',
    apiRouter(api, [
      authRoutes(accounts),
      orgRoutes(accounts, orgs, members, new DepartmentsService(store, orgs, events, clock)),
      proposalRoutes(accounts, proposals, documents),
      opinionRoutes(accounts, opinions, proposals, documents),
      dutyRoutes(accounts, new DutyService(store, orgs, clock)),
      topicRoutes(accounts, topics, topicWork, meetings, room, new DraftService(topicDeps), polls),
      caseRoutes(accounts, new CasesService(topicDeps, topics)),
      followUpRoutes(accounts, followUp, new DashboardService(topicDeps), new OverviewService(topicDeps, followUp)),
      documentRoutes(accounts, documents, attendance),
      auditRoutes(accounts, new AuditService(store)),
      videoRoutes(accounts, video),
    ]),
  );
  app.use(metricsRoutes(metrics, config.metricsToken, logger));
  if (deps.webHandler) app.use(pageContentSecurityPolicy(config.jitsi?.origin), deps.webHandler);

  const server = createServer(app);
  const live = { sessions, logger, node, publicOrigin: config.publicOrigin, trustProxy: config.trustProxy };
  const io = createRealtime(server, { ...live, events, adapter: fanout.socketAdapter });
  registerTopicHandlers(io, { accounts, access: topicDeps.access, events, logger });
  registerRoomHandlers(io, { accounts, room, polls, events, presence, clock, logger });
  // Sent by the node that stored it; the adapter carries it to the person's sockets on every node.
  events.on('notification.created', ({ userId, notification }) => {
    io.to(`user:${userId}`).emit('notification:new', notification);
  });

  const yjsLimits = { ...defaultYjsLimits, ...deps.yjsLimits };
  const yjs = new YjsServer(store, clock, logger, yjsLimits, stageAllowsWriting, fanout.yjs);
  const docAccess = new DocAccess(topicDeps.access, store.meetings);
  const wss = attachYjsRoute(server, { ...live, accounts, docAccess, yjs, maxMessageBytes: yjsLimits.maxMessageBytes });
  // A stage change (or a participant added or removed) on any node changes who may write, here too.
  // So does a change of someone's role or membership, for that person's connections.
  const decideAgain: Parameters<YjsServer['regrant']>[1] = async (conn, docName) => {
    const user = await store.users.findById(conn.userId);
    const ref = parseDocName(docName);
    if (!user?.active || !ref) return null;
    const { passwordHash: _hash, ...publicUser } = user;
    try {
      return (await docAccess.grant(await accounts.actorFor(publicUser), ref)).canWrite;
    } catch {
      return null;
    }
  };
  events.on('topic.changed', ({ topicId }) => yjs.regrant({ topicId }, decideAgain));
  events.on('membership.changed', ({ userId }) => yjs.regrant({ userId }, decideAgain));
  events.on('session.ended', ({ sessionIds }) => yjs.endSessions(sessionIds));

  // This node's own connections and documents; every node answers for itself.
  metrics.gauge('yishi_socketio_connections', 'Socket.IO connections open on this node', () => io.of('/').sockets.size);
  metrics.gauge('yishi_yjs_connections', 'Yjs (/yjs) connections open on this node', () => wss.clients.size);
  metrics.gauge('yishi_yjs_documents_loaded', 'Yjs documents loaded on this node', () => yjs.loadedNames().length);
  metrics.gauge('yishi_document_renders_waiting', 'Exports waiting for a worker', () => renderer.waiting);

  const purge = setInterval(() => {
    sessions.purgeExpired().catch((err: unknown) => logger.warn({ err }, 'session purge failed'));
    remind().catch((err: unknown) => logger.warn({ err }, 'due reminders failed'));
  }, 3600_000);
  purge.unref();

  return {
    server,
    io,
    node,
    followUp,
    remind,
    sendMail: async () => (mail ? mail.sendDue() : 0),
    async drain() {
      node.drain();
      // Closing the transport (not a Socket.IO disconnect) makes clients reconnect, to another node.
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
      await yjs.close();
    },
    async close() {
      clearInterval(purge);
      presence.close();
      await yjs.close();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await io.close();
      // Requests in flight finish; a connection still open after a few seconds is cut.
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), 3000);
      await closed;
      clearTimeout(cut);
      // After the requests in flight: an export being drawn finishes first, a mail being sent too.
      await renderer.close();
      await mail?.close();
    },
  };
}
