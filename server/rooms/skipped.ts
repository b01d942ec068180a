import type { Logger } from 'pino';
import type { SkipReport } from '../../shared/board/model';

/** Log each stored board entity a reader skipped (it does not fit the schema), with its room. */
export function logSkipped(log: Logger, room: string): SkipReport {
  return (skipped) => log.warn({ room, ...skipped }, 'stored board entity does not fit the schema; skipped');
}
