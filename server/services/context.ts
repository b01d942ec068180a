import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema';
import type { DomainEventBus } from '../cluster/events';
import type { Config } from '../config';
import type { RoomRegistry } from '../rooms/registry';

/** What every service is given: the database, the rooms, config and a logger. */
export interface ServiceContext {
  db: Kysely<Database>;
  rooms: RoomRegistry;
  config: Config;
  /** Base of join links and QR codes (PUBLIC_URL, or the first LAN address). */
  publicUrl: string;
  log: Logger;
  now(): Date;
  /** Domain events the realtime layer acts on (services never touch sockets); see `DOMAIN_EVENTS`. */
  events: DomainEventBus;
}
