import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BOARD_MAX_BYTES } from '../shared/board/schema';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * YORIAI_METRICS: `off` (default); `token:<secret>` (GET /metrics on the public port with
 * `Authorization: Bearer <secret>`, 16 characters or more); `port:<n>` (GET /metrics on a
 * separate listener on 127.0.0.1:<n>, 0 for any free port). See docs/operations.md.
 */
const metricsSetting = z.union([
  z.literal('off').transform(() => ({ mode: 'off' as const })),
  z
    .string()
    .regex(/^token:[\x21-\x7e]{16,200}$/, 'token:<secret> with 16 to 200 printable characters')
    .transform((value) => ({ mode: 'token' as const, token: value.slice('token:'.length) })),
  z
    .string()
    .regex(/^port:[0-9]{1,5}$/, 'port:<n>')
    .transform((value) => ({ mode: 'port' as const, port: Number(value.slice('port:'.length)) }))
    .refine((value) => value.port <= 65535, 'a port up to 65535'),
], { error: 'off, token:<secret of 16 to 200 printable characters> or port:<n>' });

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  /** PostgreSQL instead of SQLite (postgres://user:password@host:port/db). */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
  /** Redis for several server processes (redis://host:port). */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'a redis:// URL').optional(),
  /** What join links and QR codes point to; the first LAN address when unset. */
  publicUrl: z.string().url().optional(),
  adminEmail: z.string().email().optional(),
  /** Any length is accepted so an operator's start never fails on it; a short one is warned about. */
  adminPassword: z.string().min(1).max(200).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built client (vite build output). */
  clientDir: z.string().default(path.resolve(here, '../client/dist')),
  /** How long an empty room stays in memory before it is evicted. */
  roomIdleMs: z.coerce.number().int().min(0).default(30_000),
  /** Compact a room's update log into a snapshot after this many updates. */
  compactAfterUpdates: z.coerce.number().int().min(1).default(500),
  /** Bytes a board's stored state may grow to; a write past it is refused (see docs/board-schema.md). */
  boardMaxBytes: z.coerce.number().int().min(64 * 1024).default(BOARD_MAX_BYTES),
  /**
   * Where SQLite commits board updates and snapshots: on a worker thread with its own connection
   * (`thread`: a slow disk or another process holding the write lock never holds up the server)
   * or on the event loop (`loop`: one thread hop less per write, for a fast local disk on a busy
   * machine with few cores; see docs/benchmarks.md). PostgreSQL ignores it.
   */
  sqliteCommits: z.enum(['thread', 'loop']).default('thread'),
  /** Bytes a board socket may have waiting to be sent before it is cut off as too slow. */
  maxBufferedBytes: z.coerce.number().int().min(1024).default(16 * 1024 * 1024),
  /** How long a participant's token lives, in hours. */
  participantTokenHours: z.coerce.number().positive().default(24 * 30),
  /** Erase participants' display names this many days after a session closes (unset: keep). */
  nameRetentionDays: z.coerce.number().int().min(0).optional(),
  /** How long a facilitator's login cookie and socket token live, in hours. */
  loginHours: z.coerce.number().positive().default(12),
  /**
   * Express's 'trust proxy': which proxies' X-Forwarded-For to believe for a client's address.
   * false (default): none, the socket's peer is the client. A number of hops, or a list of
   * addresses, subnets and the names loopback, linklocal, uniquelocal.
   */
  trustProxy: z.union([z.boolean(), z.number().int().min(0), z.string().min(1)]).default(false),
  /** Failed sign-ins allowed per account, and per address, in a login window. */
  loginFailuresPerAccount: z.coerce.number().int().min(1).default(5),
  loginFailuresPerAddress: z.coerce.number().int().min(1).default(50),
  loginWindowMinutes: z.coerce.number().positive().default(15),
  /** Wrong join codes allowed per address, and on the whole installation, in a join window. */
  joinWrongPerAddress: z.coerce.number().int().min(1).default(300),
  joinWrongGlobal: z.coerce.number().int().min(1).default(3000),
  joinWindowMinutes: z.coerce.number().positive().default(10),
  /**
   * An organisation type with fewer people than this shows 少数のため非表示 instead of its figures
   * (poll sector views, the report, exports), so a small group's answers cannot be told apart.
   */
  smallGroupThreshold: z.coerce.number().int().min(1).max(100).default(3),
  /** Where update links are mailed from (SMTP_URL, e.g. smtp://user:pass@mail.example.jp:587); unset: links are copied or printed. */
  smtpUrl: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  /** The From of those mails (YORIAI_MAIL_FROM), e.g. "事務局 <jimukyoku@example.jp>". */
  mailFrom: z.string().min(3).max(200).default('Yoriai <no-reply@localhost>'),
  /** Prometheus metrics (YORIAI_METRICS): off, behind a token, or on a localhost port. */
  metrics: metricsSetting.default({ mode: 'off' }),
});

/** The server's configuration, read once and frozen. */
export type Config = Readonly<z.infer<typeof configSchema>>;
/** What `createApp` accepts: any subset, the rest defaulted. */
export type ConfigInput = z.input<typeof configSchema>;

/** Parse and freeze a configuration. Throws a readable error on a bad value. */
export function parseConfig(input: ConfigInput): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${issues}`);
  }
  return Object.freeze(result.data);
}

/** Map the documented environment variables onto a configuration input. */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigInput {
  const pick = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  return {
    port: pick('PORT') as unknown as number | undefined,
    host: pick('HOST'),
    dataDir: pick('DATA_DIR'),
    databaseUrl: pick('DATABASE_URL'),
    redisUrl: pick('REDIS_URL'),
    publicUrl: pick('PUBLIC_URL'),
    adminEmail: pick('YORIAI_ADMIN_EMAIL'),
    adminPassword: pick('YORIAI_ADMIN_PASSWORD'),
    logLevel: pick('LOG_LEVEL') as ConfigInput['logLevel'],
    nameRetentionDays: pick('YORIAI_NAME_RETENTION_DAYS') as unknown as number | undefined,
    boardMaxBytes: pick('YORIAI_BOARD_MAX_BYTES') as unknown as number | undefined,
    sqliteCommits: pick('YORIAI_SQLITE_COMMITS') as ConfigInput['sqliteCommits'],
    trustProxy: parseTrustProxy(pick('TRUST_PROXY')),
    smallGroupThreshold: pick('YORIAI_SMALL_GROUP_THRESHOLD') as unknown as number | undefined,
    metrics: pick('YORIAI_METRICS'),
    smtpUrl: pick('SMTP_URL'),
    mailFrom: pick('YORIAI_MAIL_FROM'),
  };
}

/**
 * TRUST_PROXY as express reads it: unset, `false` or `off` trust nobody; `true` every proxy;
 * digits a number of hops; anything else a comma-separated list of addresses, subnets or names.
 */
export function parseTrustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === 'off' || text === 'no' || text === '0') return false;
  if (text === 'true') return true;
  if (/^[0-9]+$/.test(text)) return Number(text);
  return value.trim();
}

/** The first non-internal IPv4 address, so phones on the venue's Wi-Fi can reach a laptop. */
export function firstLanAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}
