import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import pino from 'pino';
import { LIMITS } from '../shared/limits';
import { type DbHandle, openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { type ConfigInput, firstLanAddress, parseConfig, type Config } from './config';
import { AppError } from './errors';
import { authRoutes } from './http/auth.routes';
import { checkOrigin, errorHandler, identify, rejectMalformedUrl } from './http/middleware';
import { openApiDocument } from './http/openapi';
import { validateDeclaredParams } from './http/api-routes';
import { hasWellFormedEscapes, parseTarget } from './http/url';
import { joinRoutes } from './http/join.routes';
import { organizationTypeRoutes } from './http/organization-types.routes';
import { outcomeRoutes } from './http/outcomes.routes';
import { secretariatRoutes } from './http/secretariat.routes';
import { paperSurveyRoutes } from './http/paper-survey.routes';
import { spaceRoutes } from './http/spaces.routes';
import { organizationRoutes } from './http/organizations.routes';
import { directoryRoutes } from './http/directory.routes';
import { sessionRoutes } from './http/sessions.routes';
import { type ClusterBus, createLocalBus } from './cluster/bus';
import { createDomainEvents } from './cluster/events';
import { closeRedis, connectRedis, createRedisBus, type RedisClients } from './cluster/redis-bus';
import { createIoServer } from './realtime/io/server';
import { createYjsEndpoint } from './realtime/yjs/endpoint';
import { type MetricsListener, publicMetricsRoute, startMetricsListener } from './metrics/endpoint';
import { createMetrics, type Metrics, NO_METRICS } from './metrics/metrics';
import { createDocStore } from './rooms/doc-store';
import { createSqliteLogWriter } from './rooms/log-writer';
import { createRoomRegistry, type RoomRegistry } from './rooms/registry';
import { ensureAdmin } from './services/accounts.service';
import type { ServiceContext } from './services/context';
import { eraseExpiredNames } from './services/retention.service';

/** A running Yoriai server. */
export interface App {
  config: Config;
  httpServer: http.Server;
  /** Where this server listens, e.g. `http://127.0.0.1:53122`. */
  url: string;
  rooms: RoomRegistry;
  /** The express app behind `httpServer` (the OpenAPI test reads its registered routes). */
  expressApp: express.Express;
  /** The open database (operations and fault tests use the raw handle). */
  database: DbHandle;
  /** Where the separate metrics listener is (`YORIAI_METRICS=port:<n>`), else undefined. */
  metricsUrl?: string;
  /** Close sockets, compact and evict rooms, close the database. Safe to call twice. */
  close(): Promise<void>;
}

/** Open the database, migrate it, wire HTTP, socket.io and y-websocket, and listen. */
export async function createApp(input: ConfigInput = {}): Promise<App> {
  const config = parseConfig(input);
  const log = pino({ level: config.logLevel, base: { app: 'yoriai' } });
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  let redis: RedisClients | null = null;
  let bus: ClusterBus = createLocalBus();
  if (config.redisUrl) {
    redis = await connectRedis(config.redisUrl, log);
    bus = createRedisBus(redis, log);
  }
  // Read at scrape time from the parts created below.
  const sources = { roomsLoaded: () => rooms.loadedRooms().length, clients: (channel: 'yjs' | 'socketio') => (channel === 'yjs' ? yjs.clientCount() : io.engine.clientsCount) };
  const metrics: Metrics | null = config.metrics.mode === 'off' ? null : createMetrics(sources);
  const observer = metrics ?? NO_METRICS;
  // SQLite: board updates are committed by a worker thread, so their fsync leaves the event loop
  // (unless YORIAI_SQLITE_COMMITS=loop).
  const logWriter = database.sqlite && config.sqliteCommits === 'thread' ? createSqliteLogWriter(database.location, database.sqlite) : null;
  const store = createDocStore(database.db, undefined, observer, logWriter);
  const rooms = createRoomRegistry({
    observer,
    store,
    bus,
    log,
    idleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    boardMaxBytes: config.boardMaxBytes,
  });
  const ctx: ServiceContext = {
    db: database.db,
    rooms,
    config,
    publicUrl: '',
    log,
    now: () => new Date(),
    events: createDomainEvents(bus),
  };
  if (config.adminEmail && config.adminPassword) await ensureAdmin(ctx, config.adminEmail, config.adminPassword);

  const httpServer = http.createServer();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const localHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${localHost}:${port}`;
  ctx.publicUrl = (config.publicUrl ?? `http://${firstLanAddress() ?? localHost}:${port}`).replace(/\/$/, '');

  const publicHost = new URL(ctx.publicUrl).host;
  const isAllowedOrigin = (origin: string | undefined, host: string | undefined) => {
    if (!origin) return true;
    try {
      const originHost = new URL(origin).host;
      return originHost === host || originHost === publicHost;
    } catch {
      return false;
    }
  };

  const expressApp = createExpressApp(ctx, log, isAllowedOrigin, publicMetricsRoute(metrics, config.metrics));
  httpServer.on('request', expressApp);
  const io = createIoServer(ctx, httpServer, isAllowedOrigin, redis);
  io.on('connection', (socket) => socket.on('disconnect', (reason) => observer.socketClosed('socketio', reason)));
  const yjs = createYjsEndpoint(ctx, isAllowedOrigin, (code) => observer.socketClosed('yjs', code));
  const metricsListener: MetricsListener | null = metrics && config.metrics.mode === 'port' ? await startMetricsListener(metrics, config.metrics.port) : null;
  // What Node's own parser refuses (a head over its size limit, broken framing) never reaches
  // express: answer it in the same error format, instead of Node's empty 400/431.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({ error: tooLarge ? { code: 'too_large', message: 'request head too large' } : { code: 'bad_request', message: 'malformed HTTP request' } });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  httpServer.on('upgrade', (req, socket, head) => {
    const target = req.url ?? '';
    // socket.io's engine answers its own path (its listener runs first and decodes nothing).
    if (target.startsWith('/socket.io/')) return;
    // A malformed percent-escape is answered here, before anything decodes the URL.
    if (!hasWellFormedEscapes(target) || !parseTarget(target)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (target.startsWith('/yjs/')) yjs.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  log.info({ url, publicUrl: ctx.publicUrl, data: database.location }, 'yoriai listening');
  const retention = scheduleRetention(ctx);

  let closing: Promise<void> | null = null;
  return {
    config,
    httpServer,
    url,
    rooms,
    expressApp,
    database,
    metricsUrl: metricsListener?.url,
    close() {
      closing ??= (async () => {
        clearInterval(retention);
        await metricsListener?.close();
        yjs.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await rooms.closeAll(1001, 'server shutting down');
        await store.close();
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await bus.close();
        if (redis) await closeRedis(redis);
        await database.close();
        log.info('yoriai stopped');
      })();
      return closing;
    },
  };
}

function createExpressApp(ctx: ServiceContext, log: pino.Logger, isAllowedOrigin: (o: string | undefined, h: string | undefined) => boolean, metricsRoute: express.RequestHandler) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use((req, res, next) => {
    const requestId = randomUUID();
    req.log = log.child({ requestId });
    res.setHeader('X-Request-Id', requestId);
    next();
  });
  // Before anything decodes the URL (router params, static files, the SPA fallback).
  app.use(rejectMalformedUrl);
  app.use(
    helmet({
      // Served over plain http on a venue LAN as often as behind TLS: no forced upgrade, no HSTS.
      hsts: false,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, imgSrc: ["'self'", 'data:'] } },
    }),
  );
  // Phones on venue Wi-Fi: the client's JavaScript is a third of its size gzipped.
  app.use(compression());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Prometheus text behind a token, or 404 (docs/operations.md, "Metrics").
  app.get('/metrics', metricsRoute);
  // The session import takes larger bodies and parses them itself.
  const json = express.json({ limit: LIMITS.jsonBodyBytes });
  app.use((req, res, next) => (req.path === '/api/sessions/import' ? next() : json(req, res, next)));
  app.use(cookieParser());
  const openApi = JSON.stringify(openApiDocument());
  app.get('/api/openapi.json', (_req, res) => {
    res.type('application/json').send(openApi);
  });
  // Path parameters and route keys are checked against the declared route table first.
  app.use('/api', validateDeclaredParams());
  app.use('/api', identify(ctx), checkOrigin(isAllowedOrigin));
  app.use('/api', authRoutes(ctx, ctx.publicUrl.startsWith('https:')));
  app.use('/api', organizationTypeRoutes(ctx));
  app.use('/api', joinRoutes(ctx));
  app.use('/api', sessionRoutes(ctx));
  app.use('/api', outcomeRoutes(ctx));
  app.use('/api', secretariatRoutes(ctx));
  app.use('/api', paperSurveyRoutes(ctx));
  app.use('/api', spaceRoutes(ctx));
  app.use('/api', organizationRoutes(ctx));
  app.use('/api', directoryRoutes(ctx));
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'no such endpoint')));

  const indexFile = path.join(ctx.config.clientDir, 'index.html');
  app.use(express.static(ctx.config.clientDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
    if (fs.existsSync(indexFile)) res.sendFile(indexFile, { headers: { 'Cache-Control': 'no-cache' } });
    else res.status(503).type('text/plain').send('The client is not built yet: run `npm run build`.');
  });
  app.use(errorHandler(log));
  return app;
}

/** Erase expired display names at start and every six hours, when a retention is configured. */
function scheduleRetention(ctx: ServiceContext): NodeJS.Timeout | undefined {
  const days = ctx.config.nameRetentionDays;
  if (days === undefined) return undefined;
  const run = () =>
    eraseExpiredNames(ctx, days).catch((error: unknown) => ctx.log.error({ err: error }, 'name retention failed'));
  void run();
  const timer = setInterval(run, 6 * 3600_000);
  timer.unref();
  return timer;
}
